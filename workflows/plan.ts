/**
 * What the year's schedule depends on, read from the record: the moves, roles, extensions and official
 * decisions the secretariat has entered. The schedule itself is computed from it by calendar/schedule.ts,
 * outside the replayed code (workflows/bloc-year.ts records it).
 */
import type { PlanRequest } from '../calendar/schedule';
import type { YearState } from './model';

export function planRequestOf(state: YearState, change: Partial<PlanRequest> = {}): PlanRequest {
  const extensions = Object.fromEntries(
    Object.entries(state.extensions).map(([itemId, byUnit]) => [itemId, Object.fromEntries(Object.entries(byUnit).map(([unitId, e]) => [unitId, e.until]))]),
  );
  return {
    config: state.config,
    year: state.year,
    roles: state.roles,
    dateOverrides: state.dateOverrides,
    decisions: state.decisions ?? state.config.calendar.decisions,
    extensions,
    ...change,
  };
}
