/**
 * What the secretariat may change in a year, and the checks that come first. Each `check…` runs
 * in an update's validator (synchronous, so a rejected update writes nothing to history) and
 * names the field and the reason; each `apply…` runs only after its check passed.
 */
import { DateTime } from 'luxon';
import { emailSchema, hourMinuteSchema, isoDateSchema, yearDecisionSchema } from '../config/schema';
import { hasCutOff } from '../calendar/kinds';
import type { PlannedItem, YearPlan } from '../calendar/types';
import type { Submission, YearState } from './model';
import type {
  CalendarInput,
  CancelInput,
  ContactsInput,
  ExtensionInput,
  RescheduleInput,
  SubmissionInput,
} from './messages';
import { effectiveCutoff, hasSubmitted } from './status';

/** A rejected change: the message is for people, Vietnamese first. */
export class ChangeRejected extends Error {
  override readonly name = 'ChangeRejected';
}

function reject(field: string, reason: string): never {
  throw new ChangeRejected(`${field}: ${reason}`);
}

function itemOf(plan: YearPlan, itemId: unknown): PlannedItem {
  const item = plan.items.find((i) => i.id === itemId);
  if (!item) reject('itemId', `không có mục "${String(itemId)}" trong kế hoạch / unknown item`);
  return item;
}

function checkUnit(state: YearState, unitId: unknown): void {
  if (!state.config.units.some((u) => u.id === unitId)) {
    reject('unitId', `không có đơn vị "${String(unitId)}" trong khối / unknown unit`);
  }
}

function checkOpen(state: YearState, item: PlannedItem): void {
  if (state.cancelled[item.id]) reject('itemId', `mục "${item.id}" đã bị hủy / item is cancelled`);
}

function parseInstant(field: string, value: string, zone: string): number {
  const dt = DateTime.fromISO(value, { zone });
  if (!dt.isValid) reject(field, `"${value}" không phải thời điểm ISO-8601 / not an ISO-8601 instant`);
  return dt.toMillis();
}

function toIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO() ?? '';
}

function allSubmitted(state: YearState, item: PlannedItem): boolean {
  return item.units.length > 0 && item.units.every((u) => hasSubmitted(state, item.id, u));
}

// --- submissions --------------------------------------------------------------------------------

export function checkSubmission(plan: YearPlan, state: YearState, input: SubmissionInput, nowMs: number): void {
  checkUnit(state, input.unitId);
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (item.kind === 'event' || item.kind === 'handover') {
    reject('itemId', `"${item.id}" là sự kiện, không nhận hồ sơ / an event takes no submissions`);
  }
  if (item.kind !== 'ongoing' && !item.units.includes(input.unitId)) {
    reject('unitId', `đơn vị "${input.unitId}" không phải nộp "${item.id}" / this unit does not submit this item`);
  }
  if (input.receivedAt !== undefined) {
    const received = parseInstant('receivedAt', input.receivedAt, plan.timeZone);
    if (received > nowMs) reject('receivedAt', `thời điểm nhận ở tương lai: ${input.receivedAt} / receipt time in the future`);
  }
}

/** Records a submission; a repeat keeps the first receipt and returns it. */
export function applySubmission(
  plan: YearPlan,
  state: YearState,
  input: SubmissionInput,
  nowMs: number,
): { outcome: 'recorded' | 'already-recorded'; submission: Submission } {
  const zone = plan.timeZone;
  const receivedAt = toIso(input.receivedAt ? parseInstant('receivedAt', input.receivedAt, zone) : nowMs, zone);
  const submission = { receivedAt, recordedAt: toIso(nowMs, zone), reference: input.reference, note: input.note };
  const item = itemOf(plan, input.itemId);
  if (item.kind === 'ongoing') {
    const reports = (state.reports[item.id] ??= []);
    const same = reports.find((r) => r.unitId === input.unitId && r.receivedAt === receivedAt);
    if (same) return { outcome: 'already-recorded', submission: same };
    reports.push({ unitId: input.unitId, ...submission });
    return { outcome: 'recorded', submission };
  }
  const byUnit = (state.submissions[item.id] ??= {});
  const first = byUnit[input.unitId];
  if (first) return { outcome: 'already-recorded', submission: first };
  byUnit[input.unitId] = submission;
  return { outcome: 'recorded', submission };
}

// --- extensions ---------------------------------------------------------------------------------

/** A bare day means "to the end of that day", as a deadline does. */
function extensionEnd(until: string, zone: string): number {
  if (typeof until !== 'string') reject('until', 'bắt buộc / required');
  if (/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    const day = DateTime.fromISO(until, { zone });
    if (!day.isValid) reject('until', `ngày không hợp lệ: ${until} / invalid date`);
    return day.endOf('day').toMillis();
  }
  return parseInstant('until', until, zone);
}

export function checkExtension(plan: YearPlan, state: YearState, input: ExtensionInput): void {
  checkUnit(state, input.unitId);
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (!hasCutOff(item.kind)) reject('itemId', `"${item.id}" không có hạn nộp / item has no deadline`);
  if (!item.units.includes(input.unitId)) reject('unitId', `đơn vị "${input.unitId}" không phải nộp "${item.id}" / this unit does not submit this item`);
  if (hasSubmitted(state, item.id, input.unitId)) reject('unitId', `đơn vị "${input.unitId}" đã nộp "${item.id}" / already submitted`);
  const current = effectiveCutoff(state, item, input.unitId);
  if (!current) reject('itemId', `"${item.id}" chưa có ngày cụ thể / item has no date yet`);
  const until = extensionEnd(input.until, plan.timeZone);
  if (until <= Date.parse(current)) {
    reject('until', `gia hạn phải sau hạn hiện tại ${current} / an extension must end after the current cut-off`);
  }
}

export function applyExtension(plan: YearPlan, state: YearState, input: ExtensionInput, nowMs: number): void {
  const zone = plan.timeZone;
  (state.extensions[input.itemId] ??= {})[input.unitId] = {
    until: toIso(extensionEnd(input.until, zone), zone),
    grantedAt: toIso(nowMs, zone),
    reason: input.reason,
  };
}

// --- dates --------------------------------------------------------------------------------------

export function checkReschedule(plan: YearPlan, state: YearState, input: RescheduleInput, nowMs: number): void {
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (item.kind === 'ongoing') reject('itemId', `"${item.id}" diễn ra cả năm, không có ngày / ongoing item has no date`);
  const date = isoDateSchema.safeParse(input.date);
  if (!date.success) reject('date', `${String(input.date)}: ${date.error.issues[0]?.message ?? 'invalid'}`);
  if (input.time !== undefined && !hourMinuteSchema.safeParse(input.time).success) {
    reject('time', `${input.time}: giờ phải viết dạng HH:mm / time must read HH:mm`);
  }
  const year = Number(input.date.slice(0, 4));
  if (year < plan.year || year > plan.year + 1) {
    reject('date', `${input.date} nằm ngoài chu kỳ ${plan.year}–${plan.year + 1} / outside the cycle`);
  }
  if (item.kind === 'event' && item.at && Date.parse(item.at) <= nowMs) {
    reject('itemId', `sự kiện "${item.id}" đã diễn ra / the event has already taken place`);
  }
  if (hasCutOff(item.kind) && allSubmitted(state, item)) {
    reject('itemId', `mọi đơn vị đã nộp "${item.id}" / every unit has submitted`);
  }
}

export function applyReschedule(state: YearState, input: RescheduleInput): void {
  state.dateOverrides[input.itemId] = { date: input.date, ...(input.time ? { time: input.time } : {}) };
  state.sequences[input.itemId] = (state.sequences[input.itemId] ?? 0) + 1;
}

export function checkCalendar(plan: YearPlan, input: CalendarInput): void {
  if (!Array.isArray(input?.decisions)) reject('decisions', 'phải là danh sách / must be a list');
  input.decisions.forEach((d, i) => {
    const parsed = yearDecisionSchema.safeParse(d);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reject(`decisions[${i}].${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
    }
    if (d.year < plan.year || d.year > plan.year + 1) {
      reject(`decisions[${i}].year`, `${d.year} nằm ngoài chu kỳ ${plan.year}–${plan.year + 1} / outside the cycle`);
    }
  });
}

/** Replaces the official calendar; the items whose dates it moves get a new calendar sequence. */
export function applyCalendar(state: YearState, input: CalendarInput, before: YearPlan, after: YearPlan): string[] {
  state.decisions = input.decisions.map((d) => yearDecisionSchema.parse(d));
  const moved = after.items.filter((item) => item.at !== before.items.find((b) => b.id === item.id)?.at).map((i) => i.id);
  for (const id of moved) state.sequences[id] = (state.sequences[id] ?? 0) + 1;
  return moved;
}

// --- contacts and cancellation ------------------------------------------------------------------

export function checkContacts(state: YearState, input: ContactsInput): void {
  checkUnit(state, input.unitId);
  if (!Array.isArray(input.emails) || input.emails.length === 0) reject('emails', 'cần ít nhất một email / at least one email');
  [...input.emails, ...(input.cc ?? [])].forEach((email) => {
    if (!emailSchema.safeParse(email).success) reject('emails', `địa chỉ email không hợp lệ: ${email} / invalid email address`);
  });
}

export function applyContacts(state: YearState, input: ContactsInput): void {
  const unit = state.config.units.find((u) => u.id === input.unitId);
  if (!unit) return;
  unit.emails = [...input.emails];
  unit.cc = [...(input.cc ?? [])];
}

export function checkCancel(plan: YearPlan, state: YearState, input: CancelInput): void {
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (item.kind === 'handover') reject('itemId', 'không thể hủy việc chuyển giao Khối trưởng / the handover cannot be cancelled');
}

export function applyCancel(plan: YearPlan, state: YearState, input: CancelInput, nowMs: number): void {
  state.cancelled[input.itemId] = { at: toIso(nowMs, plan.timeZone), reason: input.reason };
}
