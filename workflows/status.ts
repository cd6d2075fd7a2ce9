/**
 * Where each unit stands on each item at a given instant: the matrix the secretariat reads,
 * the overdue list, and the January evaluation's export. Pure: the instant is an argument.
 */
import { DateTime } from 'luxon';
import type { IsoInstant, PlannedItem, YearPlan } from '../calendar/types';
import type { StatusView } from './messages';
import type { Declaration, StoredFile, YearState, YearSummary } from './model';
import { rankingSummary } from './ranking';

export type CellState =
  | 'not-applicable'
  | 'awaiting-date'
  | 'not-due'
  | 'extended'
  | 'submitted-on-time'
  | 'submitted-late'
  /** The unit said on its page that it has sent; the secretariat has not yet confirmed it. */
  | 'declared'
  | 'overdue'
  | 'cancelled'
  | 'reported'
  | 'retired';

export interface Cell {
  itemId: string;
  unitId: string;
  state: CellState;
  /** The unit's cut-off: the item's, or its extension's. */
  dueAt?: IsoInstant;
  receivedAt?: IsoInstant;
  reference?: string;
  /** Submitted late by, or overdue by, in milliseconds. */
  lateByMs?: number;
  overdueByMs?: number;
  /** Ongoing items: how many reports the unit has made. */
  reports?: number;
  /** A unit that left the bloc without submitting: the unit it merged into, if it did. */
  mergedInto?: string;
  /** The name of the unit it merged into, for the words. */
  mergedIntoName?: string;
  /** The unit's name when its submission was recorded, where it differs from today's. */
  nameThen?: string;
  /** Inherited from a unit merged into this one. */
  via?: string;
  /** The document attached to the submission or the declaration. */
  file?: StoredFile;
  /** When the unit declared, for a declaration awaiting the secretariat (or one confirmed into the submission). */
  declaredAt?: IsoInstant;
  /** The day the unit says it sent, for a declaration awaiting the secretariat. */
  sentOn?: string;
  /** The registration item: the titles registered for (workflows/registration.ts). */
  titles?: string[];
}

export interface OverdueItem {
  itemId: string;
  title: string;
  dueAt: IsoInstant;
  units: { unitId: string; name: string; dueAt: IsoInstant; overdueByMs: number }[];
}

const TRACKED_KINDS = new Set(['deadline', 'task', 'ongoing']);

/** A unit that left the bloc (or merged into another) during the year: no reminders, its record kept. */
export function isRetired(state: YearState, unitId: string): boolean {
  return Boolean(state.retired?.[unitId]);
}

export function hasSubmitted(state: YearState, itemId: string, unitId: string): boolean {
  return Boolean(state.submissions[itemId]?.[unitId]);
}

/** The unit's latest declaration for the item while the secretariat has not answered it. */
export function pendingDeclaration(state: YearState, itemId: string, unitId: string): Declaration | undefined {
  const latest = state.declarations?.[itemId]?.[unitId]?.at(-1);
  return latest && !latest.review ? latest : undefined;
}

/** The unit's cut-off: its extension's when it has one, else the item's (undefined while the item has no date). */
export function effectiveCutoff(state: YearState, item: PlannedItem, unitId: string): IsoInstant | undefined {
  return state.extensions[item.id]?.[unitId]?.until ?? item.at;
}

export function cellOf(state: YearState, item: PlannedItem, unitId: string, nowMs: number): Cell {
  const base = { itemId: item.id, unitId };
  if (state.cancelled[item.id]) return { ...base, state: 'cancelled' };
  if (item.kind === 'ongoing') {
    return { ...base, state: 'reported', reports: (state.reports[item.id] ?? []).filter((r) => r.unitId === unitId).length };
  }
  if (!item.units.includes(unitId)) return { ...base, state: 'not-applicable' };
  const dueAt = effectiveCutoff(state, item, unitId);
  const submission = state.submissions[item.id]?.[unitId];
  if (submission) {
    const lateByMs = dueAt ? Date.parse(submission.receivedAt) - Date.parse(dueAt) : 0;
    const now = state.config.units.find((u) => u.id === unitId)?.name;
    return {
      ...base,
      dueAt,
      receivedAt: submission.receivedAt,
      reference: submission.reference,
      ...(submission.unitName && submission.unitName !== now && { nameThen: submission.unitName }),
      ...(submission.via && { via: submission.via }),
      ...(submission.file && { file: submission.file }),
      ...(submission.declaredAt && { declaredAt: submission.declaredAt }),
      ...(submission.titles && { titles: submission.titles }),
      ...(lateByMs > 0 ? { state: 'submitted-late', lateByMs } : { state: 'submitted-on-time' }),
    };
  }
  const retired = state.retired?.[unitId];
  if (retired) {
    const into = retired.mergedInto && state.config.units.find((u) => u.id === retired.mergedInto);
    return { ...base, state: 'retired', ...(retired.mergedInto && { mergedInto: retired.mergedInto }), ...(into && { mergedIntoName: into.name }) };
  }
  const declared = pendingDeclaration(state, item.id, unitId);
  if (declared) {
    const { declaredAt, sentOn, reference, file, titles } = declared;
    return { ...base, state: 'declared', ...(dueAt && { dueAt }), declaredAt, sentOn, reference, ...(file && { file }), ...(titles && { titles }) };
  }
  if (!dueAt) return { ...base, state: 'awaiting-date' };
  const overdueByMs = nowMs - Date.parse(dueAt);
  if (overdueByMs > 0) return { ...base, dueAt, state: 'overdue', overdueByMs };
  return { ...base, dueAt, state: state.extensions[item.id]?.[unitId] ? 'extended' : 'not-due' };
}

export function isOverdue(state: YearState, item: PlannedItem, unitId: string, nowMs: number): boolean {
  return cellOf(state, item, unitId, nowMs).state === 'overdue';
}

/** The items a unit can be held to: deadlines, role tasks and ongoing reporting. */
export function trackedItems(plan: YearPlan): PlannedItem[] {
  return plan.items.filter((i) => TRACKED_KINDS.has(i.kind));
}

export function statusMatrix(plan: YearPlan, state: YearState, nowMs: number): Cell[] {
  const cells: Cell[] = [];
  for (const item of trackedItems(plan)) {
    for (const unit of state.config.units) cells.push(cellOf(state, item, unit.id, nowMs));
  }
  return cells;
}

export function overdueAt(plan: YearPlan, state: YearState, nowMs: number): OverdueItem[] {
  const names = new Map(state.config.units.map((u) => [u.id, u.name]));
  const result: OverdueItem[] = [];
  for (const item of trackedItems(plan)) {
    if (!item.at) continue;
    const units = item.units
      .map((unitId) => cellOf(state, item, unitId, nowMs))
      .filter((c) => c.state === 'overdue')
      .map((c) => ({ unitId: c.unitId, name: names.get(c.unitId) ?? c.unitId, dueAt: c.dueAt ?? '', overdueByMs: c.overdueByMs ?? 0 }));
    if (units.length > 0) result.push({ itemId: item.id, title: item.title, dueAt: item.at, units });
  }
  return result;
}

/** The matrix with what a reader needs around it. */
export function statusView(plan: YearPlan, state: YearState, atMs: number): StatusView {
  return {
    blocId: plan.blocId,
    blocName: state.config.bloc.name,
    year: plan.year,
    at: DateTime.fromMillis(atMs, { zone: plan.timeZone }).toISO() ?? '',
    roles: plan.roles,
    units: state.config.units.map((u) => ({ id: u.id, name: u.name, emails: u.emails, cc: u.cc ?? [] })),
    items: trackedItems(plan).map((i) => ({ id: i.id, kind: i.kind, title: i.title, dueAt: i.at, wording: i.wording })),
    cells: statusMatrix(plan, state, atMs),
    sequences: state.sequences,
  };
}

/**
 * What the year leaves to the next: per item, on time, late and missing; the mail sent and failed; and, in a
 * year whose units scored themselves, the ranking (a year without scores leaves exactly what it always did).
 */
export function summarise(state: YearState, plan: YearPlan, endedAt: string): YearSummary {
  const atMs = Date.parse(endedAt);
  const ranking = rankingSummary(state);
  return {
    year: state.year,
    roles: state.roles,
    items: trackedItems(plan)
      .filter((i) => i.kind !== 'ongoing')
      .map((item) => {
        const cells = item.units.map((u) => cellOf(state, item, u, atMs));
        const count = (s: string) => cells.filter((c) => c.state === s).length;
        return { itemId: item.id, title: item.title, onTime: count('submitted-on-time'), late: count('submitted-late'), missing: count('overdue') };
      }),
    messagesSent: state.log.filter((e) => e.status !== 'failed').length,
    messagesFailed: state.log.filter((e) => e.status === 'failed').length,
    endedAt,
    ...(ranking && { ranking }),
  };
}
