/**
 * The year's schedule as a local activity: the workflow asks for it and keeps the answer in its history,
 * so the calendar code (holiday rules, reminder offsets) runs here, once, and never again in replay.
 */
import { ApplicationFailure } from '@temporalio/common';
import { planYear, type PlanRequest, type YearSchedule } from '../calendar/schedule';

export interface PlanningActivities {
  planYear(request: PlanRequest): Promise<YearSchedule>;
}

const PLAN_FAILED = 'PlanFailed';

export function createPlanningActivities(): PlanningActivities {
  return {
    async planYear(request) {
      try {
        return planYear(request);
      } catch (err) {
        // The same request plans the same way every time: retrying cannot help.
        throw ApplicationFailure.create({ type: PLAN_FAILED, message: `không lập được lịch năm / cannot plan the year: ${(err as Error).message}`, nonRetryable: true, cause: err as Error });
      }
    },
  };
}
