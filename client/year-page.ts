/** What a year's page and `bloc status` read: in one query where the year's worker knows it, in three where it is older. */
import { QueryNotRegisteredError, type WorkflowHandle } from '@temporalio/client';
import type { YearSchedule } from '../calendar/schedule';
import { stageQuery, statusQuery, timelineQuery, yearPageQuery, type StageView, type StatusView } from '../workflows/messages';

export interface YearPage {
  view: StatusView;
  schedule: YearSchedule;
  stage: StageView;
}

export async function readYearPage(handle: WorkflowHandle, at: string): Promise<YearPage> {
  try {
    return await handle.query(yearPageQuery, { at });
  } catch (err) {
    // A worker of the release before, still running the year during a deploy, answers the three queries it had.
    if (!(err instanceof QueryNotRegisteredError) || !err.message.includes(yearPageQuery.name)) throw err;
    return { ...(await readStatus(handle, at)), stage: await handle.query(stageQuery) };
  }
}

/** The matrix judged at `at`, and the schedule that words its items: what `status`, `export` and the web console read. */
export async function readStatus(handle: WorkflowHandle, at: string): Promise<{ view: StatusView; schedule: YearSchedule }> {
  // One after the other, as the CLI always asked: sent at once to a worker without a workflow cache (the tests'
  // engine), one of the two once went unanswered for 30 s.
  const view = await handle.query(statusQuery, { at });
  const schedule = await handle.query(timelineQuery);
  return { view, schedule };
}
