/**
 * When reminders and follow-ups go out for one cut-off. The cut-off is a parameter, not read from the
 * item, because a unit granted an extension has its own.
 */
import { DateTime, Duration } from 'luxon';
import type { ReminderOverride, ReminderRules } from '../config/schema';
import type { OfficialCalendar } from './holidays';
import { hasCutOff } from './kinds';
import type { IsoDate, IsoInstant, PlannedItem } from './types';

export function parseDuration(iso: string): Duration {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new RangeError(`not an ISO-8601 duration: ${iso}`);
  return d;
}

/**
 * A day or more counts in calendar days and is sent at the rules' hour; shorter offsets (PT5M) are exact
 * spans, for demonstrations and tests.
 */
export function isDayBased(d: Duration): boolean {
  return d.as('days') >= 1;
}

/** The plan's rules with an item's own overriding them field by field. */
export function mergeRules(base: ReminderRules, own: ReminderOverride | undefined): ReminderRules {
  if (!own) return base;
  return {
    before: own.before ?? base.before,
    at: own.at ?? base.at,
    shiftToWorkingDay: own.shiftToWorkingDay ?? base.shiftToWorkingDay,
    followUp: { every: own.followUp?.every ?? base.followUp.every, max: own.followUp?.max ?? base.followUp.max },
    escalateTo: own.escalateTo ?? base.escalateTo,
  };
}

function localTime(day: IsoDate, hourMinute: string, zone: string): DateTime {
  return DateTime.fromISO(`${day}T${hourMinute}`, { zone });
}

function cutOff(at: IsoInstant, zone: string): DateTime {
  const dt = DateTime.fromISO(at, { zone });
  if (!dt.isValid) throw new RangeError(`not an ISO instant: ${at}`);
  return dt;
}

function localDay(dt: DateTime): IsoDate {
  return dt.toISODate() ?? '';
}

/** Reminder instants before the cut-off `at`: deduplicated, ascending, every one strictly before `at`. */
export function reminderInstants(item: PlannedItem, at: IsoInstant, cal: OfficialCalendar, zone: string): IsoInstant[] {
  const end = cutOff(at, zone);
  const { rules } = item;
  const instants = rules.before.map((offset) => {
    const span = parseDuration(offset);
    if (!isDayBased(span)) return end.minus(span);
    let day = localDay(end.minus(span));
    if (rules.shiftToWorkingDay && cal.isDayOff(day)) day = cal.previousWorkingDay(day);
    return localTime(day, rules.at, zone);
  });
  return sortedUnique(instants.filter((t) => t < end));
}

/**
 * Follow-ups after the cut-off: every `followUp.every`, at most `followUp.max`, moved forward off days off.
 * Only deadlines and tasks have submissions to chase.
 */
export function followUpInstants(item: PlannedItem, at: IsoInstant, cal: OfficialCalendar, zone: string): IsoInstant[] {
  if (!hasCutOff(item.kind)) return [];
  const { rules } = item;
  const every = parseDuration(rules.followUp.every);
  const out: DateTime[] = [];
  let previous = cutOff(at, zone);
  while (out.length < rules.followUp.max) {
    let next = previous.plus(every);
    if (isDayBased(every)) {
      let day = localDay(next);
      if (rules.shiftToWorkingDay && cal.isDayOff(day)) day = cal.nextWorkingDay(day);
      next = localTime(day, rules.at, zone);
    }
    out.push(next);
    previous = next;
  }
  return sortedUnique(out);
}

function sortedUnique(instants: DateTime[]): IsoInstant[] {
  const sorted = [...instants].sort((a, b) => a.toMillis() - b.toMillis());
  return [...new Set(sorted.map((t) => t.toISO() ?? ''))];
}
