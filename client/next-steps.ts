/**
 * What the secretariat has to do next for the year to go on, as the matrix points it out: an item whose window is
 * near or open and still has no day (above all the January conference, which decides the handover), a handover
 * that came due and waits to be confirmed, or the handover done and the next year begun.
 */
import { DateTime } from 'luxon';
import type { IsoInstant, PlannedItem } from '../calendar/types';
import type { StageView } from '../workflows/messages';

/** How long before its window opens an event without a day is pointed out. */
const LOOK_AHEAD_DAYS = 30;

export type NextStep =
  | { kind: 'hand-over'; itemId: string }
  | { kind: 'set-day'; itemId: string; windowOver: boolean }
  | { kind: 'handed-over'; at: IsoInstant; nextYear: number };

export function nextSteps(schedule: { items: PlannedItem[]; timeZone: string }, stage: StageView, at: IsoInstant): NextStep[] {
  if (stage.stage === 'handed-over' && stage.handover) return [{ kind: 'handed-over', at: stage.handover.at, nextYear: stage.nextYear }];
  const handover = schedule.items.find((i) => i.kind === 'handover');
  const cancelled = new Set(stage.cancelled.map((c) => c.itemId));
  const now = DateTime.fromISO(at, { zone: schedule.timeZone });
  const soon = (item: PlannedItem) => item.window !== undefined && DateTime.fromISO(item.window.from, { zone: schedule.timeZone }).minus({ days: LOOK_AHEAD_DAYS }) <= now;
  const over = (item: PlannedItem) => item.window !== undefined && DateTime.fromISO(item.window.to, { zone: schedule.timeZone }).endOf('day') < now;
  const undated = schedule.items
    .filter((i) => i.dateState === 'unset' && !cancelled.has(i.id) && soon(i))
    .sort((a, b) => (a.window?.to ?? '').localeCompare(b.window?.to ?? ''))
    .map((i): NextStep => ({ kind: 'set-day', itemId: i.id, windowOver: over(i) }));
  return [...(stage.handoverHeld && handover ? [{ kind: 'hand-over' as const, itemId: handover.id }] : []), ...undated];
}
