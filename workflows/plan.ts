/**
 * The year's plan as it stands: the template instantiated with the record's moves, roles and
 * official calendar. Recomputed after every change rather than patched, so there is one truth.
 */
import { OfficialCalendar } from '../calendar/holidays';
import { instantiate } from '../calendar/instantiate';
import { followUpInstants, reminderInstants } from '../calendar/reminders';
import type { IsoInstant, PlannedItem, YearPlan } from '../calendar/types';
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
      before: memoised((item, at) => reminderInstants(item, at, cal, plan.timeZone)),
      after: memoised((item, at) => followUpInstants(item, at, cal, plan.timeZone)),
    },
  };
}

type Instants = (item: PlannedItem, at: IsoInstant) => IsoInstant[];

/**
 * Every unit of an item shares its cut-off (but for extensions), and the agenda asks after every change:
 * computing each item's instants once per plan keeps a 200-unit bloc's workflow tasks short.
 */
function memoised(compute: Instants): Instants {
  const cache = new Map<string, IsoInstant[]>();
  return (item, at) => {
    const key = `${item.id}|${at}`;
    let instants = cache.get(key);
    if (!instants) {
      instants = compute(item, at);
      cache.set(key, instants);
    }
    return instants;
  };
}
