import type { Client, WorkflowHandle } from '@temporalio/client';
import type { YearPage } from '../../client/year-page';
import type { UploadStore } from '../uploads';
import type { ConsoleOptions } from './options';
import type { Reader } from './reader';
import type { YearTools } from './year';

/** What the console's routes share, made once per console. */
export interface ConsoleParts {
  opts: ConsoleOptions;
  client: Client;
  reader: Reader;
  year: YearTools;
  clock: () => number;
  /** The present the console judges a year by, as an instant in the bloc's zone. */
  judgedNow: () => string;
  /** The year as it stands now, from the console's memory of it while the year's history has not grown. */
  yearNow: (handle: WorkflowHandle) => Promise<YearPage>;
  uploads: UploadStore;
}
