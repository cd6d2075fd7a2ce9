/**
 * What the secretariat may change in a year, and the checks that come first. Each `accept…` reads an
 * Update's raw input and returns exactly what will be applied, or refuses with the field and the reason.
 * The validator runs it (synchronously, so a refused Update writes nothing to history) and the handler
 * runs it again on the record as it then stands and applies only what it returned: a handler never acts
 * on input its validator did not see, and a refusal is an ApplicationFailure that fails the Update, never
 * the workflow task.
 */
import { DateTime } from 'luxon';
import { emailListSchema, hourMinuteSchema, isoDateSchema, yearDecisionSchema, type YearDecision } from '../config/schema';
import { hasCutOff } from '../calendar/kinds';
import { cutOffEn, cutOffVi, dayMonthYearEn, dayMonthYearVi, formatDateTimeEn, formatDateTimeVi, windowEn } from '../calendar/wording';
import { issueInWords } from '../config/issue-words';
import type { DateOverride, IsoInstant, PlannedItem, YearPlan } from '../calendar/types';
import type { StoredFile, Submission, YearState } from './model';
import type {
  CalendarInput,
  CancelInput,
  CloseInput,
  ContactsInput,
  ExtensionInput,
  ReplanInput,
  RescheduleInput,
  RestoreInput,
  SubmissionInput,
} from './messages';
import { reject } from './refusal';
import { effectiveCutoff, hasSubmitted } from './status';
import { acceptFile } from './stored-file';
import { LIMITS, multiLineText, singleLineText } from '../config/bounded-text';
import { blocTerms } from '../config/terms';


export function itemOf(plan: YearPlan, itemId: unknown): PlannedItem {
  const item = plan.items.find((i) => i.id === itemId);
  if (!item) reject('itemId', `không có mục "${String(itemId)}" trong kế hoạch / unknown item`);
  return item;
}

export function checkUnit(state: YearState, unitId: unknown): string {
  if (typeof unitId !== 'string' || !state.config.units.some((u) => u.id === unitId)) {
    reject('unitId', `không có đơn vị "${String(unitId)}" trong ${blocTerms(state.config.bloc).vi.bloc.toLocaleLowerCase('vi')} / unknown unit`);
  }
  return unitId;
}

export function checkOpen(state: YearState, item: PlannedItem): void {
  if (state.cancelled[item.id]) reject('itemId', `mục "${item.id}" đã bị hủy / item is cancelled`);
}

/** After the handover a year takes late records only: its plan no longer changes. */
export function checkPlanOpen(state: YearState, field: string): void {
  if (state.handover) {
    reject(field, `năm ${state.year} đã chuyển giao, chỉ còn nhận hồ sơ nộp muộn / the year has handed over; it takes late records only`);
  }
}

const oneLine = singleLineText(LIMITS.referenceLength);
const paragraphs = multiLineText(LIMITS.descriptionLength);

/** What the secretariat types: one line (a document number, a reason) or, for notes, several. */
export function optionalText(field: string, value: unknown, schema: typeof oneLine = oneLine): string | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value, { error: issueInWords });
  if (!parsed.success) reject(field, parsed.error.issues[0]?.message ?? 'không hợp lệ / invalid');
  return parsed.data;
}

/** An instant as written, read in the bloc's zone when it carries no offset. */
export function parseInstant(field: string, value: unknown, zone: string): number {
  const dt = typeof value === 'string' ? DateTime.fromISO(value, { zone }) : undefined;
  if (!dt?.isValid) reject(field, `"${String(value)}" không phải thời điểm ISO-8601 / not an ISO-8601 instant`);
  return dt.toMillis();
}

export function toIso(ms: number, zone: string): IsoInstant {
  return DateTime.fromMillis(ms, { zone }).toISO() ?? '';
}

function allSubmitted(state: YearState, item: PlannedItem): boolean {
  return item.units.length > 0 && item.units.every((u) => hasSubmitted(state, item.id, u));
}

// --- submissions --------------------------------------------------------------------------------

export interface AcceptedSubmission {
  unitId: string;
  itemId: string;
  receivedAt: IsoInstant;
  reference?: string;
  note?: string;
  file?: StoredFile;
}

export function acceptSubmission(plan: YearPlan, state: YearState, input: SubmissionInput, nowMs: number): AcceptedSubmission {
  const unitId = checkUnit(state, input?.unitId);
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (item.kind === 'event' || item.kind === 'handover') {
    reject('itemId', `"${item.id}" là sự kiện, không nhận hồ sơ / an event takes no submissions`);
  }
  if (item.kind !== 'ongoing' && !item.units.includes(unitId)) {
    reject('unitId', `đơn vị "${unitId}" không phải nộp "${item.id}" / this unit does not submit this item`);
  }
  let receivedMs = nowMs;
  if (input.receivedAt !== undefined) {
    receivedMs = parseInstant('receivedAt', input.receivedAt, plan.timeZone);
    if (receivedMs > nowMs) {
      const received = toIso(receivedMs, plan.timeZone);
      reject('receivedAt', `thời điểm nhận ${formatDateTimeVi(received, plan.timeZone)} ở tương lai / the receipt time, ${formatDateTimeEn(received, plan.timeZone)}, is in the future`);
    }
  }
  // A unit that has left keeps its record: what it sent before it left can still be entered, nothing after.
  const left = state.retired?.[unitId];
  if (left && receivedMs > Date.parse(left.at)) {
    const into = left.mergedInto && (state.config.units.find((u) => u.id === left.mergedInto)?.name ?? left.mergedInto);
    const instead = into ? `; ghi nhận cho ${into}` : '';
    const since = formatDateTimeVi(left.at, plan.timeZone);
    reject('unitId', `đơn vị "${unitId}" đã thôi tham gia ${blocTerms(state.config.bloc).vi.bloc} từ ${since}${instead} / the unit left at ${formatDateTimeEn(left.at, plan.timeZone)}`);
  }
  return {
    unitId,
    itemId: item.id,
    receivedAt: toIso(receivedMs, plan.timeZone),
    reference: optionalText('reference', input.reference),
    note: optionalText('note', input.note, paragraphs),
    ...(input.file !== undefined && { file: acceptFile('file', input.file) }),
  };
}

/** Records a submission; a repeat keeps the first receipt and returns it. */
export function applySubmission(
  plan: YearPlan,
  state: YearState,
  accepted: AcceptedSubmission,
  nowMs: number,
): { outcome: 'recorded' | 'already-recorded'; submission: Submission } {
  const { unitId, itemId, receivedAt } = accepted;
  const unitName = state.config.units.find((u) => u.id === unitId)?.name;
  const submission: Submission = {
    receivedAt,
    recordedAt: toIso(nowMs, plan.timeZone),
    reference: accepted.reference,
    note: accepted.note,
    unitName,
    ...(accepted.file && { file: accepted.file }),
  };
  if (itemOf(plan, itemId).kind === 'ongoing') {
    const reports = (state.reports[itemId] ??= []);
    const same = reports.find((r) => r.unitId === unitId && r.receivedAt === receivedAt);
    if (same) return { outcome: 'already-recorded', submission: same };
    reports.push({ unitId, ...submission });
    return { outcome: 'recorded', submission };
  }
  const byUnit = (state.submissions[itemId] ??= {});
  const first = byUnit[unitId];
  if (first) return { outcome: 'already-recorded', submission: first };
  byUnit[unitId] = submission;
  return { outcome: 'recorded', submission };
}

// --- extensions ---------------------------------------------------------------------------------

export interface AcceptedExtension {
  unitId: string;
  itemId: string;
  /** The unit's own cut-off. */
  until: IsoInstant;
  reason?: string;
}

/** A bare day means "to the end of that day", as a deadline does. */
function extensionEnd(until: unknown, zone: string): number {
  if (typeof until !== 'string') reject('until', 'bắt buộc / required');
  if (/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    const day = DateTime.fromISO(until, { zone });
    // A day that does not exist (30/2) has no words of either language: the form shows it as typed.
    if (!day.isValid) reject('until', 'ngày không tồn tại / no such date');
    return day.endOf('day').toMillis();
  }
  return parseInstant('until', until, zone);
}

export function acceptExtension(plan: YearPlan, state: YearState, input: ExtensionInput): AcceptedExtension {
  checkPlanOpen(state, 'itemId');
  const unitId = checkUnit(state, input?.unitId);
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (!hasCutOff(item.kind)) reject('itemId', `"${item.id}" không có hạn nộp / item has no deadline`);
  if (!item.units.includes(unitId)) reject('unitId', `đơn vị "${unitId}" không phải nộp "${item.id}" / this unit does not submit this item`);
  if (hasSubmitted(state, item.id, unitId)) reject('unitId', `đơn vị "${unitId}" đã nộp "${item.id}" / already submitted`);
  const current = effectiveCutoff(state, item, unitId);
  if (!current) reject('itemId', `"${item.id}" chưa có ngày cụ thể / item has no date yet`);
  const until = extensionEnd(input.until, plan.timeZone);
  if (until <= Date.parse(current)) {
    reject('until', `gia hạn phải sau hạn hiện tại (${cutOffVi(current, plan.timeZone)}) / an extension must end after the current cut-off (${cutOffEn(current, plan.timeZone)})`);
  }
  return { unitId, itemId: item.id, until: toIso(until, plan.timeZone), reason: optionalText('reason', input.reason) };
}

export function applyExtension(plan: YearPlan, state: YearState, accepted: AcceptedExtension, nowMs: number): void {
  (state.extensions[accepted.itemId] ??= {})[accepted.unitId] = {
    until: accepted.until,
    grantedAt: toIso(nowMs, plan.timeZone),
    reason: accepted.reason,
  };
}

// --- dates --------------------------------------------------------------------------------------

export interface AcceptedReschedule {
  itemId: string;
  override: DateOverride;
  pastDated: boolean;
}

/** The instant a new day gives an item, before any rolling: an event's start, a deadline's end of day. */
function instantOf(state: YearState, item: PlannedItem, date: string, time: string | undefined, zone: string): number {
  const at = time ?? (hasCutOff(item.kind) ? '23:59:59.999' : state.config.deadlines.eventTime);
  return DateTime.fromISO(`${date}T${at}`, { zone }).toMillis();
}

export function acceptReschedule(plan: YearPlan, state: YearState, input: RescheduleInput, nowMs: number): AcceptedReschedule {
  checkPlanOpen(state, 'itemId');
  const item = itemOf(plan, input?.itemId);
  checkOpen(state, item);
  if (item.kind === 'ongoing') reject('itemId', `"${item.id}" diễn ra cả năm, không có ngày / ongoing item has no date`);
  const date = isoDateSchema.safeParse(input.date, { error: issueInWords });
  if (!date.success) reject('date', date.error.issues[0]?.message ?? 'không hợp lệ / invalid');
  if (input.time !== undefined && !hourMinuteSchema.safeParse(input.time).success) {
    reject('time', `${String(input.time)}: giờ phải viết dạng HH:mm / time must read HH:mm`);
  }
  if (input.allowPast !== undefined && typeof input.allowPast !== 'boolean') reject('allowPast', 'phải là true hoặc false / must be true or false');
  const day = date.data;
  const zone = plan.timeZone;
  const dayVi = `ngày ${dayMonthYearVi(day, zone)}`;
  const dayEn = dayMonthYearEn(day, zone);
  if (item.window && item.dateState !== 'fixed' && (day < item.window.from || day > item.window.to)) {
    const { from, to } = item.window;
    reject('date', `${dayVi} nằm ngoài ${item.wording} (${dayMonthYearVi(from, zone)} – ${dayMonthYearVi(to, zone)}) / ${dayEn} is outside the item's window, ${windowEn(item.window)}`);
  }
  const year = Number(day.slice(0, 4));
  if (year < plan.year || year > plan.year + 1) {
    reject('date', `${dayVi} nằm ngoài chu kỳ ${plan.year}–${plan.year + 1} / ${dayEn} is outside the cycle ${plan.year}–${plan.year + 1}`);
  }
  if (item.kind === 'event' && item.at && Date.parse(item.at) <= nowMs && !input.allowPast) {
    reject('itemId', `sự kiện "${item.id}" đã diễn ra / the event has already taken place`);
  }
  if (hasCutOff(item.kind) && allSubmitted(state, item)) {
    reject('itemId', `mọi đơn vị đã nộp "${item.id}" / every unit has submitted`);
  }
  const pastDated = instantOf(state, item, day, input.time, plan.timeZone) <= nowMs;
  if (pastDated && hasCutOff(item.kind)) {
    reject('date', `${dayVi} đã qua: không thể dời hạn nộp về quá khứ; hãy gia hạn hoặc ghi nhận hồ sơ / ${dayEn} is past: a deadline cannot move into the past; extend or record instead`);
  }
  if (pastDated && !input.allowPast) {
    reject('date', `${dayVi} đã qua; nếu chỉ để ghi nhận việc đã diễn ra, dùng --past (không gửi thư, không kích hoạt chuyển giao) / ${dayEn} is past; --past records it without sending or handing over`);
  }
  return { itemId: item.id, override: { date: day, ...(input.time ? { time: input.time } : {}) }, pastDated };
}

export function applyReschedule(state: YearState, accepted: AcceptedReschedule, nowMs: number): void {
  const { itemId, override, pastDated } = accepted;
  const from = state.dateOverrides[itemId];
  (state.moves ??= []).push({ itemId, ...(from && { from }), to: override, at: toIso(nowMs, state.config.bloc.timeZone), pastDated });
  state.dateOverrides[itemId] = override;
  state.sequences[itemId] = (state.sequences[itemId] ?? 0) + 1;
}

/** The decisions as the schema reads them (defaults filled in), each within the cycle, for this bloc. */
export function acceptCalendar(plan: YearPlan, state: YearState, input: CalendarInput): YearDecision[] {
  checkPlanOpen(state, 'decisions');
  if (input?.blocId !== plan.blocId) {
    const t = blocTerms(state.config.bloc);
    reject('blocId', `lịch này của ${t.vi.bloc} "${String(input?.blocId)}", không phải "${plan.blocId}" / these decisions are another ${t.en.bloc}'s`);
  }
  if (typeof input.apply !== 'boolean') reject('apply', 'phải là true hoặc false / must be true or false');
  if (!Array.isArray(input.decisions)) reject('decisions', 'phải là danh sách / must be a list');
  return input.decisions.map((d, i) => {
    const parsed = yearDecisionSchema.safeParse(d, { error: issueInWords });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = (issue?.path ?? []).map((seg) => (typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`)).join('');
      reject(`decisions[${i}]${where}`, issue?.message ?? 'không hợp lệ / invalid');
    }
    if (parsed.data.year < plan.year || parsed.data.year > plan.year + 1) {
      reject(`decisions[${i}].year`, `${parsed.data.year} nằm ngoài chu kỳ ${plan.year}–${plan.year + 1} / outside the cycle`);
    }
    return parsed.data;
  });
}

/** The items whose instant differs between two plans. */
export function movedItems(before: YearPlan, after: YearPlan): string[] {
  return after.items.filter((item) => item.at !== before.items.find((b) => b.id === item.id)?.at).map((i) => i.id);
}

/** The items a new plan moves; each gets a new calendar sequence, so that calendar clients update its entry. */
export function markMoved(state: YearState, before: YearPlan, after: YearPlan): string[] {
  const moved = movedItems(before, after);
  for (const id of moved) state.sequences[id] = (state.sequences[id] ?? 0) + 1;
  return moved;
}

export function acceptReplan(state: YearState, input: ReplanInput): void {
  checkPlanOpen(state, 'apply');
  if (typeof input?.apply !== 'boolean') reject('apply', 'phải là true hoặc false / must be true or false');
}

/** Puts new decisions in force. */
export function applyCalendar(state: YearState, decisions: YearDecision[], before: YearPlan, after: YearPlan): string[] {
  state.decisions = decisions;
  return markMoved(state, before, after);
}

// --- contacts and cancellation ------------------------------------------------------------------

export function acceptContacts(state: YearState, input: ContactsInput): ContactsInput {
  const unitId = checkUnit(state, input?.unitId);
  const list = (field: string, value: unknown): string[] => {
    const parsed = emailListSchema.safeParse(value, { error: issueInWords });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const at = typeof issue?.path[0] === 'number' ? (value as unknown[])[issue.path[0]] : undefined;
    // The address is quoted as JSON, so that a line break in it shows as \n rather than breaking the message; it
    // goes with each language, so that either reader sees which address.
    const [vi, en = vi] = (issue?.message ?? 'không hợp lệ / invalid').split(' / ');
    const shown = at === undefined ? '' : `: ${JSON.stringify(at)}`;
    reject(field, `${vi}${shown} / ${en}${shown}`);
  };
  const emails = list('emails', input.emails);
  if (emails.length === 0) reject('emails', 'cần ít nhất một email / at least one email');
  return { unitId, emails, cc: input.cc === undefined ? [] : list('cc', input.cc) };
}

export function applyContacts(state: YearState, accepted: ContactsInput): void {
  const unit = state.config.units.find((u) => u.id === accepted.unitId);
  if (!unit) return;
  unit.emails = [...accepted.emails];
  unit.cc = [...(accepted.cc ?? [])];
}

export function acceptCancel(plan: YearPlan, state: YearState, input: CancelInput): CancelInput {
  checkPlanOpen(state, 'itemId');
  const item = itemOf(plan, input?.itemId);
  checkOpen(state, item);
  if (item.kind === 'handover') reject('itemId', `không thể hủy việc chuyển giao ${blocTerms(state.config.bloc).vi.leader} / the handover cannot be cancelled`);
  return { itemId: item.id, reason: optionalText('reason', input.reason) };
}

export function applyCancel(plan: YearPlan, state: YearState, accepted: CancelInput, nowMs: number): void {
  state.cancelled[accepted.itemId] = { at: toIso(nowMs, plan.timeZone), reason: accepted.reason };
}

export function acceptRestore(plan: YearPlan, state: YearState, input: RestoreInput): RestoreInput {
  checkPlanOpen(state, 'itemId');
  const item = itemOf(plan, input?.itemId);
  if (!state.cancelled[item.id]) reject('itemId', `mục "${item.id}" không bị hủy / item is not cancelled`);
  return { itemId: item.id };
}

/** The cancellation moves to the record of restorations; reminders resume from what is then owed. */
export function applyRestore(state: YearState, accepted: RestoreInput, nowMs: number): void {
  const cancellation = state.cancelled[accepted.itemId];
  if (!cancellation) return;
  (state.restored ??= []).push({ itemId: accepted.itemId, ...cancellation, restoredAt: toIso(nowMs, state.config.bloc.timeZone) });
  delete state.cancelled[accepted.itemId];
}

export function acceptHandOver(state: YearState): void {
  if (state.handover) {
    const { at } = state.handover;
    const zone = state.config.bloc.timeZone;
    reject('handover', `năm ${state.year} đã chuyển giao lúc ${formatDateTimeVi(at, zone)} / the year ${state.year} was handed over at ${formatDateTimeEn(at, zone)}`);
  }
  if (state.closeRequested) reject('handover', `năm ${state.year} đang đóng / the year is closing`);
}

export function acceptClose(state: YearState, input: CloseInput): CloseInput {
  if (state.closeRequested) reject('close', `năm ${state.year} đã được yêu cầu đóng / already closing`);
  return { reason: optionalText('reason', input?.reason) };
}
