/**
 * The search attributes a year keeps current, so that one visibility query answers "which units are
 * overdue, in every bloc" without asking each year. Upserted only when they change.
 */
import * as wf from '@temporalio/workflow';
import { hasCutOff } from '../calendar/kinds';
import type { YearSchedule } from '../calendar/schedule';
import type { YearState } from './model';
import { BLOC_ID, BLOC_YEAR, NEXT_DEADLINE, OVERDUE_COUNT, OVERDUE_UNITS } from './search-attributes';
import { overdueAt } from './status';

export function publisher(state: YearState, now: () => number): (schedule: YearSchedule) => void {
  let published = '';
  return (schedule) => {
    const overdue = overdueAt(schedule, state, now());
    const units = [...new Set(overdue.flatMap((o) => o.units.map((u) => u.unitId)))].sort();
    const count = overdue.reduce((n, o) => n + o.units.length, 0);
    const next = schedule.items
      .filter((i) => hasCutOff(i.kind) && i.at && Date.parse(i.at) > now() && !state.cancelled[i.id])
      .map((i) => Date.parse(i.at as string))
      .sort((a, b) => a - b)[0];
    const fingerprint = JSON.stringify([count, units, next]);
    if (fingerprint === published) return;
    published = fingerprint;
    wf.upsertSearchAttributes([
      { key: BLOC_ID, value: state.config.bloc.id },
      { key: BLOC_YEAR, value: state.year },
      { key: OVERDUE_COUNT, value: count },
      { key: OVERDUE_UNITS, value: units },
      { key: NEXT_DEADLINE, value: next === undefined ? null : new Date(next) },
    ]);
  };
}
