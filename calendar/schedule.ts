/**
 * The year's schedule, decided once: every item with its instant, and the instants at which its reminders
 * (or invitations) and follow-ups go out, for the item and for each unit holding an extension.
 *
 * One function for `bloc plan`, the pages and the workflow. The workflow does not run it in its replayed
 * code: it asks for it as a local activity, keeps the answer in its history and acts only on that record,
 * so a later fix to a holiday rule or a reminder offset never moves a year already running. The year takes
 * a new schedule only through an Update (a moved date, an extension, a holiday decision, a replan).
 */
import type { BlocConfig, YearDecision } from '../config/schema';
import { OfficialCalendar } from './holidays';
import { instantiate } from './instantiate';
import { isAnnouncedAhead } from './kinds';
import { followUpInstants, reminderInstants } from './reminders';
import type { DateOverride, IsoInstant, PlannedItem, RoleHolders, YearPlan } from './types';

export interface ScheduledInstants {
  /** Reminders before a deadline or task, invitations before an event; ascending. */
  reminders: IsoInstant[];
  /** Follow-ups to missing units (and the digest to the leader) after a cut-off; ascending. */
  followUps: IsoInstant[];
}

export interface ScheduledItem extends PlannedItem, ScheduledInstants {}

/** A unit's own cut-off on an item, after an extension, and the instants that follow from it. */
export interface UnitCutOff extends ScheduledInstants {
  at: IsoInstant;
}

export interface YearSchedule extends YearPlan {
  items: ScheduledItem[];
  /** Units holding an extension: item id → unit id → their own cut-off and its instants. */
  extensions: Record<string, Record<string, UnitCutOff>>;
}

/** Everything a schedule depends on; the workflow's record supplies it. */
export interface PlanRequest {
  config: BlocConfig;
  year: number;
  roles?: RoleHolders;
  /** Days the secretariat set or moved, by item id. */
  dateOverrides?: Record<string, DateOverride>;
  /** The official decisions in force; the file's when absent. */
  decisions?: YearDecision[];
  /** Extended cut-offs: item id → unit id → instant. */
  extensions?: Record<string, Record<string, IsoInstant>>;
}

export function planYear(request: PlanRequest): YearSchedule {
  const decisions = request.decisions ?? request.config.calendar.decisions;
  const plan = instantiate(request.config, request.year, { roles: request.roles, dateOverrides: request.dateOverrides, decisions });
  const cal = new OfficialCalendar(decisions);
  const instantsFor = (item: PlannedItem, at: IsoInstant | undefined): ScheduledInstants => ({
    reminders: at && isAnnouncedAhead(item.kind) ? reminderInstants(item, at, cal, plan.timeZone) : [],
    followUps: at ? followUpInstants(item, at, cal, plan.timeZone) : [],
  });

  const extensions: YearSchedule['extensions'] = {};
  for (const [itemId, byUnit] of Object.entries(request.extensions ?? {})) {
    const item = plan.items.find((i) => i.id === itemId);
    if (!item) continue;
    extensions[itemId] = Object.fromEntries(Object.entries(byUnit).map(([unitId, at]) => [unitId, { at, ...instantsFor(item, at) }]));
  }
  return { ...plan, items: plan.items.map((item) => ({ ...item, ...instantsFor(item, item.at) })), extensions };
}

/** One thing a new schedule would say differently from the one in force. */
export interface ScheduleChange {
  itemId: string;
  /** Absent for the item itself; the unit whose extended cut-off changes otherwise. */
  unitId?: string;
  field: 'at' | 'reminders' | 'followUps';
  before: IsoInstant[];
  after: IsoInstant[];
}

/** What would change, item by item and extension by extension, from `before` to `after`. */
export function scheduleChanges(before: YearSchedule, after: YearSchedule): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  const compare = (itemId: string, unitId: string | undefined, a: Partial<UnitCutOff> | undefined, b: Partial<UnitCutOff> | undefined) => {
    for (const field of ['at', 'reminders', 'followUps'] as const) {
      const was = [a?.[field] ?? []].flat();
      const now = [b?.[field] ?? []].flat();
      if (was.join() !== now.join()) changes.push({ itemId, ...(unitId && { unitId }), field, before: was, after: now });
    }
  };
  for (const item of after.items) {
    compare(item.id, undefined, before.items.find((i) => i.id === item.id), item);
    const units = new Set([...Object.keys(before.extensions[item.id] ?? {}), ...Object.keys(after.extensions[item.id] ?? {})]);
    for (const unitId of units) compare(item.id, unitId, before.extensions[item.id]?.[unitId], after.extensions[item.id]?.[unitId]);
  }
  return changes;
}
