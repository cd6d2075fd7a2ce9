/** What a year's page reads, in one query where the year's worker knows it, in three where it is older. */
import { QueryNotRegisteredError, type WorkflowHandle } from '@temporalio/client';
import type { YearSchedule } from '../calendar/schedule';
import { stageQuery, yearPageQuery, type StageView, type StatusView } from '../workflows/messages';
import { readStatus } from './commands/bloc-status';

export async function readYearPage(handle: WorkflowHandle, at: string): Promise<{ view: StatusView; schedule: YearSchedule; stage: StageView }> {
  try {
    return await handle.query(yearPageQuery, { at });
  } catch (err) {
    // A worker of the release before, still running the year during a deploy, answers the three queries it had.
    if (!(err instanceof QueryNotRegisteredError) || !err.message.includes(yearPageQuery.name)) throw err;
    return { ...(await readStatus(handle, at)), stage: await handle.query(stageQuery) };
  }
}
