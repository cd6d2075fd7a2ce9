/**
 * What is owed now: the agenda of the bloc's year as a pure function of the recorded schedule, the record
 * and the instant. It computes no date of its own: every instant comes from the schedule the workflow
 * recorded (calendar/schedule.ts), and this module only interprets it. The workflow asks it after every
 * change and every timer, so a moved date, an extension or a submission takes effect at once, and a
 * timer that fires late after an outage finds the agenda as it now stands.
 *
 * Rules, in the plan's terms:
 * - each (unit, item) has a series of reminders before its cut-off and follow-ups after it;
 *   only the latest moment already passed in a series is owed (older ones are folded into it);
 * - a reminder before a cut-off that has passed is stale and never sent; follow-ups go to missing units only,
 *   and the digest to the leader goes only while some unit is overdue (a unit within its extension is not late),
 *   after the item's cut-off and after each extended one;
 * - nothing planned before the year was started is owed;
 * - a unit gets at most one message a day: what falls due for it the same day travels together,
 *   and what comes up after that day's message waits for the next day's sending hour;
 * - a message that failed for a passing reason (a 4xx, a dropped connection) is tried again later;
 * - on the scoring item, a unit whose sheet still owes something (a justification for its bonus, the
 *   corrections asked of it) is reminded and chased as one that has not submitted (workflows/ranking.ts);
 *   in a year without scores nothing owes anything of the kind.
 */
import { DateTime } from 'luxon';
import type { NoticeKind } from '../activities/types';
import { hasCutOff } from '../calendar/kinds';
import type { ScheduledInstants, ScheduledItem, YearSchedule } from '../calendar/schedule';
import type { IsoInstant, YearPlan } from '../calendar/types';
import { localText } from './local-time';
import type { YearState } from './model';
import { scoreOutstanding } from './ranking';
import { effectiveCutoff, hasSubmitted, isOverdue, isRetired, pendingDeclaration } from './status';

export type SlotKind = NoticeKind | 'digest';

export interface Slot {
  key: string;
  series: string;
  itemId: string;
  /** The unit the notice is for; absent for a digest. */
  unitId?: string;
  kind: SlotKind;
  plannedAt: IsoInstant;
  plannedMs: number;
  /** The unit's cut-off (deadline, task) or the event's start. */
  effectiveAt: IsoInstant;
}

export interface DueMessage {
  messageKey: string;
  /** A unit id, or 'digest'. */
  addressee: string;
  slots: Slot[];
}

export interface Agenda {
  messages: DueMessage[];
  /** When to look again if nothing changes before then. */
  nextAt?: number;
}

/** After a delivery failed for a passing reason, try that message again no sooner than this. */
const RETRY_PAUSE_MS = 15 * 60 * 1000;

function phaseOf(kind: SlotKind): string {
  if (kind === 'followUp') return 'after';
  if (kind === 'digest') return 'digest';
  return 'before';
}

export function seriesKey(kind: SlotKind, itemId: string, unitId?: string): string {
  return `${phaseOf(kind)}|${itemId}|${unitId ?? '*'}`;
}

/**
 * How this release reads the schedule, where it differs from the release before: a year begun earlier
 * replays its past under the old reading (workflows/patches.ts).
 */
export interface AgendaRules {
  /**
   * The digest goes while some unit is overdue, after the item's cut-off and after each extended one. Before
   * release 0.2 it went after the item's cut-off while any unit had not submitted, even one still within its
   * extension: an empty digest, every follow-up day.
   */
  overdueDigests: boolean;
}

export const CURRENT_RULES: AgendaRules = { overdueDigests: true };

function slotsFor(
  kind: SlotKind,
  item: ScheduledItem,
  unitId: string | undefined,
  effectiveAt: IsoInstant,
  instants: IsoInstant[],
): Slot[] {
  const series = seriesKey(kind, item.id, unitId);
  return instants.map((plannedAt) => ({
    key: `${kind}|${item.id}|${unitId ?? '*'}|${plannedAt}`,
    series,
    itemId: item.id,
    unitId,
    kind,
    plannedAt,
    plannedMs: Date.parse(plannedAt),
    effectiveAt,
  }));
}

/**
 * A unit is reminded while it owes the item: nothing recorded, or a scoring sheet still short of something. A
 * declaration from its page awaiting the secretariat stops its reminders; a rejected one lets them resume.
 */
function stillOwes(state: YearState, itemId: string, unitId: string): boolean {
  if (pendingDeclaration(state, itemId, unitId)) return false;
  return !hasSubmitted(state, itemId, unitId) || scoreOutstanding(state, itemId, unitId);
}

/**
 * The spans a unit's declaration waited for the secretariat's answer: what fell due then was not owed, so a
 * rejection resumes the reminders from the next one instead of sending the skipped ones at once.
 */
function answeredDeclarations(state: YearState, itemId: string, unitId: string): [number, number][] {
  return (state.declarations?.[itemId]?.[unitId] ?? []).flatMap((d) => (d.review ? [[Date.parse(d.declaredAt), Date.parse(d.review.at)] as [number, number]] : []));
}

/** Every reminder, follow-up, invitation and digest the year could still carry, before policy. */
export function allSlots(schedule: YearSchedule, state: YearState, rules: AgendaRules): Slot[] {
  const slots: Slot[] = [];
  for (const item of schedule.items) {
    if (!item.at || state.cancelled[item.id]) continue;
    const units = item.units.filter((unitId) => !isRetired(state, unitId));
    if (item.kind === 'event') {
      for (const unitId of units) slots.push(...slotsFor('invitation', item, unitId, item.at, item.reminders));
      continue;
    }
    if (!hasCutOff(item.kind)) continue;
    const beforeKind: NoticeKind = item.kind === 'task' ? 'taskReminder' : 'reminder';
    let anyMissing = false;
    const digestAt = new Set(item.followUps);
    for (const unitId of units) {
      if (!stillOwes(state, item.id, unitId)) continue;
      anyMissing = true;
      const extended = schedule.extensions[item.id]?.[unitId];
      const own: ScheduledInstants & { at: IsoInstant } = extended ?? { ...item, at: item.at };
      const quiet = answeredDeclarations(state, item.id, unitId);
      const owed = (slot: Slot) => !quiet.some(([from, to]) => slot.plannedMs >= from && slot.plannedMs < to);
      slots.push(...slotsFor(beforeKind, item, unitId, own.at, own.reminders).filter(owed));
      slots.push(...slotsFor('followUp', item, unitId, own.at, own.followUps).filter(owed));
      if (extended && rules.overdueDigests) extended.followUps.forEach((t) => digestAt.add(t));
    }
    const digestInstants = [...digestAt].sort((a, b) => Date.parse(a) - Date.parse(b));
    if (anyMissing) slots.push(...slotsFor('digest', item, undefined, item.at, digestInstants));
  }
  return slots;
}

/** The latest planned instant already covered in each series: delivered, or refused for good. */
export function coveredUpTo(state: YearState): Map<string, number> {
  const covered = new Map<string, number>();
  for (const entry of state.log) {
    if (entry.status === 'failed' && entry.transient) continue;
    const unitId = entry.addressee === 'digest' ? undefined : entry.addressee;
    for (const n of entry.notices) {
      const series = seriesKey(n.kind, n.itemId, unitId);
      covered.set(series, Math.max(covered.get(series) ?? -Infinity, Date.parse(n.plannedAt)));
    }
  }
  return covered;
}

function localDay(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone }).startOf('day');
}

/** One key a day per addressee; an exact-time message (PT offsets) gets its minute too. */
export function messageKeyFor(plan: YearPlan, addressee: string, dayMs: number, exactAtMs?: number): string {
  const day = localText(dayMs, plan.timeZone, 'yyyy-MM-dd');
  const when = exactAtMs === undefined ? day : `${day}T${localText(exactAtMs, plan.timeZone, 'HHmm')}`;
  return `${plan.blocId}/${plan.year}/${addressee}/${when}`;
}

/** A slot is still worth saying at `now` only while what it says is true. */
function stillMeaningful(slot: Slot, schedule: YearSchedule, state: YearState, nowMs: number, rules: AgendaRules): boolean {
  const cutoffMs = Date.parse(slot.effectiveAt);
  if (slot.kind === 'followUp') return nowMs > cutoffMs;
  if (slot.kind === 'digest') {
    if (nowMs <= cutoffMs) return false;
    if (!rules.overdueDigests) return true;
    // Someone late both when it was planned and now: a digest day that found nobody late is not owed later.
    const item = schedule.items.find((i) => i.id === slot.itemId);
    const late = (unitId: string) =>
      item !== undefined &&
      ((isOverdue(state, item, unitId, slot.plannedMs) && isOverdue(state, item, unitId, nowMs)) ||
        (scoreOwedAfter(state, item, unitId, slot.plannedMs) && scoreOwedAfter(state, item, unitId, nowMs)));
    return Boolean(item?.units.some(late));
  }
  return nowMs < cutoffMs && (!slot.unitId || stillOwes(state, slot.itemId, slot.unitId));
}

/** A sheet still owing a justification or a correction once the unit's cut-off has passed: the digest says so. */
function scoreOwedAfter(state: YearState, item: ScheduledItem, unitId: string, atMs: number): boolean {
  if (!scoreOutstanding(state, item.id, unitId) || isRetired(state, unitId)) return false;
  const cutoff = effectiveCutoff(state, item, unitId);
  return cutoff !== undefined && atMs > Date.parse(cutoff);
}

export function agenda(schedule: YearSchedule, state: YearState, nowMs: number, rules: AgendaRules = CURRENT_RULES): Agenda {
  const zone = schedule.timeZone;
  const startedMs = Date.parse(state.startedAt);
  const covered = coveredUpTo(state);
  const sentKeys = new Set<string>();
  const heldUntil = new Map<string, number>();
  for (const entry of state.log) {
    if (entry.status === 'failed' && entry.transient) heldUntil.set(entry.messageKey, Date.parse(entry.sentAt) + RETRY_PAUSE_MS);
    else sentKeys.add(entry.messageKey);
  }
  const today = localDay(nowMs, zone);
  const endOfToday = today.plus({ days: 1 }).toMillis();
  const sendHour = new Map(schedule.items.map((i) => [i.id, i.rules.at]));
  // Day-based reminders go at the send hour and keep to the daily rhythm; exact-time ones (PT5M, for
  // demonstrations and tests) go at their minute, each on its own.
  const atSendHour = (slot: Slot) => localText(slot.plannedMs, zone, 'HH:mm') === sendHour.get(slot.itemId);

  const owed = new Map<string, Slot>();
  const laterToday = new Map<string, Slot>();
  let nextAt: number | undefined;
  const wakeAt = (ms: number) => {
    if (ms > nowMs && (nextAt === undefined || ms < nextAt)) nextAt = ms;
  };

  for (const slot of allSlots(schedule, state, rules)) {
    if (slot.plannedMs < startedMs || slot.plannedMs <= (covered.get(slot.series) ?? -Infinity)) continue;
    if (slot.plannedMs > nowMs) {
      wakeAt(slot.plannedMs);
      if (slot.plannedMs < endOfToday && atSendHour(slot)) keepLatest(laterToday, slot);
      continue;
    }
    if (stillMeaningful(slot, schedule, state, nowMs, rules)) keepLatest(owed, slot);
  }

  const byAddressee = new Map<string, Slot[]>();
  for (const slot of owed.values()) push(byAddressee, slot.unitId ?? 'digest', slot);
  // What falls due later the same day travels with today's message rather than making a second one.
  for (const slot of laterToday.values()) {
    const addressee = slot.unitId ?? 'digest';
    if (byAddressee.has(addressee) && !owed.has(slot.series)) byAddressee.get(addressee)?.push(slot);
  }

  const messages: DueMessage[] = [];
  const tomorrowSendHour = atLocalTime(today.plus({ days: 1 }), state.config.reminders.at);
  for (const [addressee, slots] of byAddressee) {
    slots.sort((a, b) => a.plannedMs - b.plannedMs || a.itemId.localeCompare(b.itemId));
    const exact = slots.some(atSendHour) ? undefined : (slots[0]?.plannedMs ?? nowMs);
    const messageKey = messageKeyFor(schedule, addressee, today.toMillis(), exact);
    if (sentKeys.has(messageKey)) {
      wakeAt(tomorrowSendHour);
      continue;
    }
    const held = heldUntil.get(messageKey) ?? -Infinity;
    if (held > nowMs) {
      wakeAt(held);
      continue;
    }
    messages.push({ messageKey, addressee, slots });
  }
  for (const item of schedule.items) {
    if (item.at && !state.cancelled[item.id]) wakeAt(Date.parse(item.at));
  }
  return { messages, nextAt };
}

function keepLatest(map: Map<string, Slot>, slot: Slot): void {
  const current = map.get(slot.series);
  if (!current || current.plannedMs < slot.plannedMs) map.set(slot.series, slot);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function atLocalTime(day: DateTime, hourMinute: string): number {
  const [hour = 8, minute = 0] = hourMinute.split(':').map(Number);
  return day.set({ hour, minute }).toMillis();
}
