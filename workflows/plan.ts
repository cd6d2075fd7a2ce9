/**
 * The year's plan as it stands: the template instantiated with the record's moves, roles and
 * official calendar. Recomputed after every change rather than patched, so there is one truth.
 */
import { OfficialCalendar } from '../calendar/holidays';
import { instantiate } from '../calendar/instantiate';
import { followUpInstants, reminderInstants } from '../calendar/reminders';
import type { YearPlan } from '../calendar/types';
import type { ReminderCalendar } from './agenda';
import type { YearState } from './model';

export interface CurrentPlan {
  plan: YearPlan;
  reminders: ReminderCalendar;
}

export function currentPlan(state: YearState): CurrentPlan {
  const decisions = state.decisions ?? state.config.calendar.decisions;
  const plan = instantiate(state.config, state.year, { roles: state.roles, dateOverrides: state.dateOverrides, decisions });
  const cal = new OfficialCalendar(decisions);
  return {
    plan,
    reminders: {
      before: (item, at) => reminderInstants(item, at, cal, plan.timeZone),
      after: (item, at) => followUpInstants(item, at, cal, plan.timeZone),
    },
  };
}
