/** The commands about a bloc's running year, for the bloc leader and the secretariat. */
import type { Command } from '@commander-js/extra-typings';
import { registerBallotCommands } from './bloc-ballot';
import { registerChangeCommands } from './bloc-changes';
import { registerDeclarationCommands } from './bloc-declarations';
import { registerDocumentsCommand } from './bloc-documents';
import { registerExportCommand } from './bloc-export';
import { registerOverdueCommand } from './bloc-overdue';
import { registerRecordCommands } from './bloc-records';
import { registerReplanCommand } from './bloc-replan';
import { registerScoreCommands } from './bloc-score';
import { registerStartCommand } from './bloc-start';
import { registerStatusCommand } from './bloc-status';
import { registerUnitCommands } from './bloc-units';
import { registerYearEndCommands } from './bloc-year-end';

export function registerBlocCommands(program: Command): void {
  registerStartCommand(program);
  registerChangeCommands(program);
  registerDeclarationCommands(program);
  registerOverdueCommand(program);
  registerStatusCommand(program);
  registerRecordCommands(program);
  registerReplanCommand(program);
  registerYearEndCommands(program);
  registerUnitCommands(program);
  registerExportCommand(program);
  registerScoreCommands(program);
  registerDocumentsCommand(program);
  registerBallotCommands(program);
}
