/**
 * The bloc changes shape during a year (the 2025 merger of provinces and departments changed nearly every
 * bloc): a unit joins, is renamed, leaves, or merges into another; the leader or the deputy changes. Nothing
 * recorded is lost: a unit that leaves keeps its record, a merged unit's submissions and open items pass to
 * the unit it joined, and every name a unit had stays on record.
 *
 * Changes to who takes part change the plan (items "from all" or "from the leader"), so the handlers ask
 * for a new schedule after applying them to the record's copy of the configuration.
 */
import { unitSchema, type ItemConfig, type UnitConfig } from '../config/schema';
import type { RoleHolders } from '../calendar/types';
import { issueInWords } from '../config/issue-words';
import { checkPlanOpen, checkUnit, optionalText, toIso } from './changes';
import type { AddUnitInput, MergeUnitsInput, RenameUnitInput, RetireUnitInput, RolesInput } from './messages';
import type { UnitChange, YearState } from './model';
import { reject } from './refusal';
import { isRetired } from './status';
import { nameSchema } from '../config/bounded-text';
import { blocTerms } from '../config/terms';

function unitOf(state: YearState, unitId: string): UnitConfig {
  return state.config.units.find((u) => u.id === unitId) as UnitConfig;
}

function checkActive(state: YearState, field: string, unitId: unknown): string {
  const id = checkUnit(state, unitId);
  const retired = state.retired?.[id];
  if (retired) {
    const into = retired.mergedInto && (state.config.units.find((u) => u.id === retired.mergedInto)?.name ?? retired.mergedInto);
    const where = into ? `, đã sáp nhập vào ${into}` : '';
    reject(field, `đơn vị "${id}" đã thôi tham gia ${blocTerms(state.config.bloc).vi.bloc}${where} / the unit has left the ${blocTerms(state.config.bloc).en.bloc}`);
  }
  return id;
}

function record(state: YearState, nowMs: number, change: Omit<UnitChange, 'at'>): void {
  (state.unitChanges ??= []).push({ at: toIso(nowMs, state.config.bloc.timeZone), ...change });
}

// --- a unit joins -----------------------------------------------------------------------------

export function acceptAddUnit(state: YearState, input: AddUnitInput): { unit: UnitConfig; reason?: string } {
  checkPlanOpen(state, 'unit');
  const parsed = unitSchema.safeParse(input?.unit, { error: issueInWords });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    reject(['unit', ...(issue?.path ?? [])].join('.'), issue?.message ?? 'không hợp lệ / invalid');
  }
  if (state.config.units.some((u) => u.id === parsed.data.id)) reject('unit.id', `mã đơn vị "${parsed.data.id}" đã có trong ${blocTerms(state.config.bloc).vi.bloc} / unit id already taken`);
  return { unit: parsed.data, reason: optionalText('reason', input.reason) };
}

export function applyAddUnit(state: YearState, accepted: { unit: UnitConfig; reason?: string }, nowMs: number): void {
  state.config.units.push(accepted.unit);
  record(state, nowMs, { kind: 'added', unitId: accepted.unit.id, name: accepted.unit.name, ...(accepted.reason && { reason: accepted.reason }) });
}

// --- a unit is renamed ------------------------------------------------------------------------

export function acceptRenameUnit(state: YearState, input: RenameUnitInput): RenameUnitInput {
  const unitId = checkActive(state, 'unitId', input?.unitId);
  const name = nameSchema.safeParse(input.name, { error: issueInWords });
  if (!name.success) reject('name', name.error.issues[0]?.message ?? 'không hợp lệ / invalid');
  if (name.data === unitOf(state, unitId).name) reject('name', 'tên mới trùng tên hiện tại / the same name');
  return { unitId, name: name.data, reason: optionalText('reason', input.reason) };
}

export function applyRenameUnit(state: YearState, accepted: RenameUnitInput, nowMs: number): void {
  const unit = unitOf(state, accepted.unitId);
  record(state, nowMs, { kind: 'renamed', unitId: unit.id, name: unit.name, newName: accepted.name, ...(accepted.reason && { reason: accepted.reason }) });
  unit.name = accepted.name;
}

// --- a unit leaves, or merges into another ----------------------------------------------------

/** A unit that holds a role cannot simply leave: the role must pass first (`changeRoles`), or go by merging. */
function checkNoRole(state: YearState, unitId: string): void {
  if (state.roles.leader === unitId || state.roles.deputy === unitId) {
    const t = blocTerms(state.config.bloc).vi;
    reject('unitId', `đơn vị "${unitId}" đang là ${t.leader}/${t.deputy}; đổi vai trò trước / the unit holds a role; change roles first`);
  }
}

export function acceptRetireUnit(state: YearState, input: RetireUnitInput): RetireUnitInput {
  checkPlanOpen(state, 'unitId');
  const unitId = checkActive(state, 'unitId', input?.unitId);
  checkNoRole(state, unitId);
  if (state.config.units.filter((u) => !isRetired(state, u.id)).length <= 2) reject('unitId', 'khối cần ít nhất hai đơn vị / a bloc needs at least two units');
  return { unitId, reason: optionalText('reason', input.reason) };
}

export function applyRetireUnit(state: YearState, accepted: RetireUnitInput, nowMs: number): void {
  const at = toIso(nowMs, state.config.bloc.timeZone);
  (state.retired ??= {})[accepted.unitId] = { at, ...(accepted.reason && { reason: accepted.reason }) };
  record(state, nowMs, { kind: 'retired', unitId: accepted.unitId, name: unitOf(state, accepted.unitId).name, ...(accepted.reason && { reason: accepted.reason }) });
}

export function acceptMergeUnits(state: YearState, input: MergeUnitsInput): MergeUnitsInput {
  checkPlanOpen(state, 'unitId');
  const unitId = checkActive(state, 'unitId', input?.unitId);
  const into = checkActive(state, 'into', input.into);
  if (unitId === into) reject('into', 'không thể sáp nhập một đơn vị vào chính nó / a unit cannot merge into itself');
  return { unitId, into, reason: optionalText('reason', input.reason) };
}

/** Item ids "from" a list naming the unit: the unit that joins takes its place. */
function passItems(items: ItemConfig[], from: string, to: string): void {
  for (const item of items) {
    if (Array.isArray(item.from) && item.from.includes(from)) item.from = [...new Set(item.from.map((id) => (id === from ? to : id)))];
  }
}

export function applyMergeUnits(state: YearState, accepted: MergeUnitsInput, nowMs: number): void {
  const { unitId: from, into } = accepted;
  // What the merged unit submitted counts for the unit it joined, where that one has not submitted itself.
  for (const byUnit of Object.values(state.submissions)) {
    const given = byUnit[from];
    if (given && !byUnit[into]) byUnit[into] = { ...given, via: from };
  }
  for (const byUnit of Object.values(state.extensions)) {
    const granted = byUnit[from];
    if (granted && !byUnit[into]) byUnit[into] = granted;
  }
  passItems(state.config.items, from, into);
  state.roles = { leader: state.roles.leader === from ? into : state.roles.leader, deputy: state.roles.deputy === from ? into : state.roles.deputy };
  const rotation = state.config.roles.rotation;
  if (rotation) state.config.roles.rotation = [...new Set(rotation.map((id) => (id === from ? into : id)))];
  const at = toIso(nowMs, state.config.bloc.timeZone);
  (state.retired ??= {})[from] = { at, mergedInto: into, ...(accepted.reason && { reason: accepted.reason }) };
  record(state, nowMs, { kind: 'merged', unitId: from, name: unitOf(state, from).name, into, ...(accepted.reason && { reason: accepted.reason }) });
}

// --- the leader or the deputy changes -----------------------------------------------------------

export function acceptChangeRoles(state: YearState, input: RolesInput): RolesInput & { reason: string } {
  checkPlanOpen(state, 'leader');
  const leader = input?.leader === undefined ? state.roles.leader : checkActive(state, 'leader', input.leader);
  const deputy = input.deputy === undefined ? state.roles.deputy : checkActive(state, 'deputy', input.deputy);
  const t = blocTerms(state.config.bloc).vi;
  if (leader === deputy) reject('deputy', `${t.deputy} phải khác ${t.leader} / the deputy must differ from the leader`);
  if (leader === state.roles.leader && deputy === state.roles.deputy) reject('leader', 'không có gì thay đổi / nothing changes');
  const reason = optionalText('reason', input.reason);
  if (!reason) reject('reason', 'cần nêu lý do / a reason is required');
  return { leader, deputy, reason };
}

export function applyChangeRoles(state: YearState, accepted: { leader?: string; deputy?: string; reason: string }, nowMs: number): RoleHolders {
  const to = { leader: accepted.leader ?? state.roles.leader, deputy: accepted.deputy ?? state.roles.deputy };
  (state.roleChanges ??= []).push({ at: toIso(nowMs, state.config.bloc.timeZone), from: state.roles, to, reason: accepted.reason });
  state.roles = to;
  return to;
}

/** The bloc as the next year inherits it: without the units that left, their places passed on. */
export function configForNextYear(state: YearState): YearState['config'] {
  const active = (id: string) => !isRetired(state, id);
  const config = state.config;
  return {
    ...config,
    units: config.units.filter((u) => active(u.id)),
    roles: { ...config.roles, ...(config.roles.rotation && { rotation: config.roles.rotation.filter(active) }) },
    items: config.items.map((item) => (Array.isArray(item.from) ? { ...item, from: item.from.filter(active) } : item)).filter((item) => !Array.isArray(item.from) || item.from.length > 0),
  };
}
