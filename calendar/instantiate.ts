/**
 * A bloc's template → the year's plan in absolute instants.
 *
 * Deadline semantics:
 * - "before: 15/6" means the last day is 14/6 (15/6 when `deadlines.beforeIncludesDay`); "on: 15/6" means 15/6.
 * - A deadline's or task's cut-off is the end of its last day (23:59:59.999 local). A last day that is a day
 *   off rolls to the next working day when `deadlines.rollOffDays` (Civil Code 2015 art. 148).
 * - Events and handovers are moments: an event starts at its own time or `deadlines.eventTime`; they never roll.
 * - A window ("Q3") has no instant until a date override sets its day.
 * - "after: X" counts its offset from X's instant, or from the end of X's window while X has no day, so the
 *   year always has an end; a deadline or task placed so ends at the end of the day it lands on.
 */
import { DateTime, Duration } from 'luxon';
import type { Actors, BlocConfig, ItemConfig, UnitConfig, YearDecision } from '../config/schema';
import { addDays, isoFromDayMonth } from './days';
import { OfficialCalendar } from './holidays';
import { hasCutOff } from './kinds';
import { mergeRules } from './reminders';
import type { DateOverride, IsoDate, IsoInstant, PlannedItem, RoleHolders, YearPlan } from './types';
import { windowRange } from './windows';
import { afterItemVi, beforeDayVi, fillTitle, onDayVi, setInWindowVi, windowVi } from './wording';
import { blocTerms } from '../config/terms';

export interface InstantiateOptions {
  /** Who leads and deputises this year; defaults to the file's roles. */
  roles?: RoleHolders;
  /** Days the secretariat set for window items, or moved fixed items to, by item id. */
  dateOverrides?: Record<string, DateOverride>;
  /** Replaces the file's `calendar.decisions` (the workflow's calendar can be updated during the year). */
  decisions?: YearDecision[];
}

const END_OF_DAY = '23:59:59.999';

type Timing = Pick<PlannedItem, 'wording' | 'window' | 'dateState' | 'at' | 'nominalDay' | 'rolled' | 'skipped'>;

interface Context {
  config: BlocConfig;
  year: number;
  zone: string;
  cal: OfficialCalendar;
  overrides: Record<string, DateOverride>;
  planned: Map<string, PlannedItem>;
  byId: Map<string, ItemConfig>;
  roles: RoleHolders;
}

export function instantiate(config: BlocConfig, year: number, opts: InstantiateOptions = {}): YearPlan {
  const roles = opts.roles ?? { leader: config.roles.leader, deputy: config.roles.deputy };
  const ctx: Context = {
    config,
    year,
    zone: config.bloc.timeZone,
    cal: new OfficialCalendar(opts.decisions ?? config.calendar.decisions),
    overrides: opts.dateOverrides ?? {},
    planned: new Map(),
    byId: new Map(config.items.map((item) => [item.id, item])),
    roles,
  };
  return {
    blocId: config.bloc.id,
    year,
    timeZone: ctx.zone,
    roles,
    terms: blocTerms(config.bloc),
    items: config.items.map((item) => planItem(item, ctx)),
  };
}

function planItem(item: ItemConfig, ctx: Context): PlannedItem {
  const done = ctx.planned.get(item.id);
  if (done) return done;
  const planned: PlannedItem = {
    id: item.id,
    kind: item.kind,
    title: fillTitle(item.title, ctx.year),
    ...(item.titleEn !== undefined && { titleEn: fillTitle(item.titleEn, ctx.year) }),
    ...(item.short !== undefined && { short: fillTitle(item.short, ctx.year) }),
    ...(item.shortEn !== undefined && { shortEn: fillTitle(item.shortEn, ctx.year) }),
    ...(item.description !== undefined && { description: item.description }),
    ...(item.location !== undefined && { location: item.location }),
    units: resolveUnits(item.from, ctx.roles, ctx.config.units),
    to: item.to,
    ...timingOf(item, ctx),
    rules: mergeRules(ctx.config.reminders, item.reminders),
  };
  ctx.planned.set(item.id, planned);
  return planned;
}

function resolveUnits(from: Actors, roles: RoleHolders, units: UnitConfig[]): string[] {
  if (from === 'all') return units.map((u) => u.id);
  if (from === 'leader' || from === 'deputy') return [roles[from]];
  return [...from];
}

function timingOf(item: ItemConfig, ctx: Context): Timing {
  const due = item.due;
  if (!due) {
    return { wording: windowVi('year', ctx.year), window: windowRange('year', ctx.year), dateState: 'fixed', rolled: false };
  }
  if ('after' in due) return afterTiming(item, due.after, due.offset, ctx);
  const override = ctx.overrides[item.id];
  const year = ctx.year + (due.nextYear ? 1 : 0);
  if ('window' in due) {
    const window = windowRange(due.window, year);
    const windowWording = windowVi(due.window, year);
    if (!override) return { wording: windowWording, window, dateState: 'unset', rolled: false };
    const wording = setInWindowVi(override.date, windowWording, ctx.zone);
    return { ...dayTiming(item, override.date, override.time, ctx), wording, window, dateState: 'set' };
  }
  if (override) {
    return { ...dayTiming(item, override.date, override.time, ctx), wording: onDayVi(override.date, ctx.zone), dateState: 'set' };
  }
  if ('before' in due) {
    const named = isoFromDayMonth(due.before, year);
    const lastDay = ctx.config.deadlines.beforeIncludesDay ? named : addDays(named, -1);
    return { ...dayTiming(item, lastDay, undefined, ctx), wording: beforeDayVi(named, ctx.zone), dateState: 'fixed' };
  }
  const day = isoFromDayMonth(due.on, year);
  return { ...dayTiming(item, day, due.at, ctx), wording: onDayVi(day, ctx.zone), dateState: 'fixed' };
}

/** The instant of an item once its day is known. */
function dayTiming(item: ItemConfig, day: IsoDate, time: string | undefined, ctx: Context): Pick<Timing, 'at' | 'nominalDay' | 'rolled' | 'skipped'> {
  const { deadlines } = ctx.config;
  if (!hasCutOff(item.kind)) {
    return { at: localInstant(day, time ?? deadlines.eventTime, ctx.zone), rolled: false };
  }
  const rolls = deadlines.rollOffDays && ctx.cal.isDayOff(day);
  const lastDay = rolls ? ctx.cal.nextWorkingDay(day) : day;
  const at = localInstant(lastDay, time ?? END_OF_DAY, ctx.zone);
  return { at, nominalDay: day, rolled: rolls, ...(rolls && { skipped: ctx.cal.daysOffBetween(day, lastDay) }) };
}

function afterTiming(item: ItemConfig, afterId: string, offset: string, ctx: Context): Timing {
  const refConfig = ctx.byId.get(afterId);
  if (!refConfig) throw new RangeError(`item ${item.id} follows unknown item ${afterId}`);
  const ref = planItem(refConfig, ctx);
  const override = ctx.overrides[item.id];
  if (override) {
    const wording = afterItemVi(ref, override.date, ctx.zone);
    return { ...dayTiming(item, override.date, override.time, ctx), wording, dateState: 'set' };
  }
  const from = ref.at ?? (ref.window ? localInstant(ref.window.to, END_OF_DAY, ctx.zone) : undefined);
  if (!from) throw new RangeError(`item ${afterId} has neither a date nor a window`);
  const shifted = DateTime.fromISO(from, { zone: ctx.zone }).plus(Duration.fromISO(offset));
  // A day counted from a window's end is provisional: say only what it follows.
  const wording = afterItemVi(ref, ref.at ? (shifted.toISODate() ?? undefined) : undefined, ctx.zone);
  if (hasCutOff(item.kind)) return { ...dayTiming(item, shifted.toISODate() ?? '', undefined, ctx), wording, dateState: 'fixed' };
  return { wording, at: shifted.toISO() ?? '', dateState: 'fixed', rolled: false };
}

function localInstant(day: IsoDate, time: string, zone: string): IsoInstant {
  const dt = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!dt.isValid) throw new RangeError(`not a local day and time: ${day} ${time}`);
  return dt.toISO() ?? '';
}
