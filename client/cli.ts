#!/usr/bin/env node
/**
 * `bloc`: the command line of a bloc leader and its secretariat.
 * Each command group lives in client/commands/ and registers itself here.
 */
import { Command } from '@commander-js/extra-typings';
import { registerBlocCommands } from './commands/bloc';
import { registerConfigCommands } from './commands/config';
import { registerHolidaysCommand } from './commands/holidays';
import { registerPlanCommand } from './commands/plan';
import { registerUserCommands } from './commands/user';
import { EXIT_BAD_INPUT, InputError, ServerError } from '../config/errors';
import { cli } from './cli-context';

export function buildProgram(): Command {
  const program = new Command('bloc')
    .description('Công cụ của Khối, Cụm thi đua: kế hoạch, nhắc hạn, tiếp nhận hồ sơ / deadline engine of emulation blocs and clusters')
    .exitOverride()
    // Commander's own messages (a bad option, --help) go where the command's other words go.
    .configureOutput({ writeOut: (text) => cli().stdout(text), writeErr: (text) => cli().stderr(text) });
  // Command groups register here, one line each.
  registerConfigCommands(program);
  registerPlanCommand(program);
  registerHolidaysCommand(program);
  registerBlocCommands(program);
  registerUserCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof ServerError) {
      // One problem a line (a bloc file's, say), each marked as ours like a single one.
      for (const line of err.message.split('\n')) cli().stderr(`bloc: ${line}\n`);
      return err.exitCode;
    }
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      const exitCode = (err as { exitCode?: number }).exitCode ?? EXIT_BAD_INPUT;
      return exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    cli().stderr(`bloc: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code), (err) => {
    cli().stderr(`bloc: ${String(err)}\n`);
    process.exit(1);
  });
}
