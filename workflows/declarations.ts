/**
 * A unit's own word that it has sent ("đơn vị báo đã gửi"), from its signed page, and the secretariat's
 * answer. A declaration is not a submission: the secretariat confirms it when the document is in hand (the
 * submission is then recorded, with the declaration's document) or rejects it with a reason. While it waits,
 * the unit's reminders for the item stop (workflows/agenda.ts); a rejection lets them resume.
 */
import { DateTime } from 'luxon';
import { hasCutOff } from '../calendar/kinds';
import { isoDateSchema } from '../config/schema';
import { issueInWords } from '../config/issue-words';
import { dayMonthYearEn, dayMonthYearVi, formatDateTimeEn, formatDateTimeVi } from '../calendar/wording';
import type { YearPlan } from '../calendar/types';
import { acceptSubmission, applySubmission, checkOpen, checkUnit, itemOf, optionalText, parseInstant, toIso, type AcceptedSubmission } from './changes';
import type { DeclarationInput, DeclarationReviewInput, MailDeclarationInput } from './messages';
import type { Declaration, MailOrigin, YearState } from './model';
import { reject } from './refusal';
import { hasSubmitted, pendingDeclaration } from './status';
import { acceptOrigin } from './link-origin';
import { acceptFile } from './stored-file';

/** One line the unit or the secretariat must fill in: blank is missing. */
function requiredText(field: string, value: unknown, missing: string): string {
  const text = optionalText(field, value)?.trim();
  if (!text) reject(field, missing);
  return text;
}

export type AcceptedDeclaration = Omit<Declaration, 'declaredAt' | 'unitName' | 'review'> & { unitId: string; itemId: string };

export function acceptDeclaration(plan: YearPlan, state: YearState, input: DeclarationInput, nowMs: number): AcceptedDeclaration {
  const unitId = checkUnit(state, input?.unitId);
  const item = itemOf(plan, input.itemId);
  checkOpen(state, item);
  if (!hasCutOff(item.kind) || !item.units.includes(unitId)) {
    reject('itemId', `đơn vị "${unitId}" không phải nộp "${item.id}" / this unit does not submit this item`);
  }
  if (state.retired?.[unitId]) reject('unitId', `đơn vị "${unitId}" đã thôi tham gia / the unit has left`);
  if (hasSubmitted(state, item.id, unitId)) reject('itemId', `Thư ký đã ghi nhận hồ sơ "${item.title}" của đơn vị / already recorded`);
  const waiting = pendingDeclaration(state, item.id, unitId);
  if (waiting) {
    const at = waiting.declaredAt;
    reject('itemId', `đơn vị đã báo gửi "${item.title}" lúc ${formatDateTimeVi(at, plan.timeZone)}, đang chờ Thư ký xác nhận / already declared at ${formatDateTimeEn(at, plan.timeZone)}, awaiting the secretariat`);
  }
  const day = isoDateSchema.safeParse(input.sentOn, { error: issueInWords });
  if (!day.success) reject('sentOn', day.error.issues[0]?.message ?? 'cần ngày YYYY-MM-DD / a YYYY-MM-DD day');
  const today = DateTime.fromMillis(nowMs, { zone: plan.timeZone }).toISODate() ?? '';
  if (day.data > today) {
    reject('sentOn', `ngày gửi ${dayMonthYearVi(day.data, plan.timeZone)} ở tương lai / the day sent, ${dayMonthYearEn(day.data, plan.timeZone)}, is in the future`);
  }
  const reference = requiredText('reference', input.reference, 'cần số văn bản / the document number is required');
  const by = optionalText('by', input.by)?.trim();
  const via = acceptOrigin('via', input.via);
  const file = acceptFile('file', input.file);
  return { unitId, itemId: item.id, sentOn: day.data, reference, ...(by && { by }), ...(via && { via }), ...(file && { file }) };
}

export function applyDeclaration(plan: YearPlan, state: YearState, accepted: AcceptedDeclaration, nowMs: number): Declaration {
  const { unitId, itemId, ...declared } = accepted;
  const unitName = state.config.units.find((u) => u.id === unitId)?.name;
  const declaration: Declaration = { declaredAt: toIso(nowMs, plan.timeZone), ...declared, ...(unitName && { unitName }) };
  const byUnit = ((state.declarations ??= {})[itemId] ??= {});
  (byUnit[unitId] ??= []).push(declaration);
  return declaration;
}

export type AcceptedReview =
  | { decision: 'confirm'; unitId: string; itemId: string; submission: AcceptedSubmission }
  | { decision: 'reject'; unitId: string; itemId: string; reason: string };

export function acceptReview(plan: YearPlan, state: YearState, input: DeclarationReviewInput, nowMs: number): AcceptedReview {
  const unitId = checkUnit(state, input?.unitId);
  const item = itemOf(plan, input.itemId);
  const declaration = pendingDeclaration(state, item.id, unitId);
  if (!declaration) reject('itemId', `đơn vị "${unitId}" không có báo gửi nào chờ xác nhận cho "${item.id}" / no declaration awaits an answer`);
  if (input.decision === 'reject') {
    const reason = requiredText('reason', input.reason, 'cần lý do để đơn vị biết / a reason is required, for the unit');
    return { decision: 'reject', unitId, itemId: item.id, reason };
  }
  if (input.decision !== 'confirm') reject('decision', 'phải là confirm hoặc reject / must be confirm or reject');
  const submission = acceptSubmission(
    plan,
    state,
    { unitId, itemId: item.id, receivedAt: input.receivedAt ?? declaration.declaredAt, reference: declaration.reference, file: declaration.file },
    nowMs,
  );
  return { decision: 'confirm', unitId, itemId: item.id, submission };
}

/** Confirming records the submission as received when given (the declaration's instant by default). */
export function applyReview(plan: YearPlan, state: YearState, accepted: AcceptedReview, nowMs: number): void {
  const declaration = pendingDeclaration(state, accepted.itemId, accepted.unitId) as Declaration;
  const at = toIso(nowMs, plan.timeZone);
  if (accepted.decision === 'reject') {
    declaration.review = { decision: 'rejected', at, reason: accepted.reason };
    return;
  }
  declaration.review = { decision: 'confirmed', at };
  const { submission } = applySubmission(plan, state, accepted.submission, nowMs);
  submission.declaredAt = declaration.declaredAt;
  if (declaration.titles) submission.titles = declaration.titles;
}

/** A submission recorded by the secretariat directly answers the unit's declaration waiting for it. */
export function settleByRecord(plan: YearPlan, state: YearState, itemId: string, unitId: string, nowMs: number): void {
  const declaration = pendingDeclaration(state, itemId, unitId);
  if (declaration) declaration.review = { decision: 'confirmed', at: toIso(nowMs, plan.timeZone), reason: 'Thư ký ghi nhận trực tiếp / recorded by the secretariat' };
}

// --- by mail ("gửi qua thư điện tử") ----------------------------------------------------------------------

/** The declaration a message was recorded as, if it was: the mailbox may bring the same message again. */
export function declaredByMail(state: YearState, messageId: unknown): { itemId: string; unitId: string; declaration: Declaration } | undefined {
  for (const [itemId, byUnit] of Object.entries(state.declarations ?? {})) {
    for (const [unitId, list] of Object.entries(byUnit)) {
      const declaration = list.find((d) => d.mail?.messageId === messageId);
      if (declaration) return { itemId, unitId, declaration };
    }
  }
  return undefined;
}

export interface AcceptedMailDeclaration {
  declared: AcceptedDeclaration;
  /** When the message was sent, never after now: the instant a confirmation records as received. */
  receivedAt: string;
  /** The bloc confirms mail at once, and this message's sender is proven and it carries its document. */
  confirm: boolean;
}

const VERDICTS: readonly string[] = ['pass', 'fail', 'none'];

/** A declaration as a unit makes it on its page, from what the message says: its day, its subject, its sender. */
export function acceptMailDeclaration(plan: YearPlan, state: YearState, input: MailDeclarationInput, nowMs: number): AcceptedMailDeclaration {
  const messageId = requiredText('messageId', input?.messageId, 'cần Message-ID của thư / the message’s Message-ID is required');
  const from = requiredText('from', input.from, 'cần địa chỉ người gửi / the sender’s address is required');
  const subject = optionalText('subject', input.subject ?? '')?.trim() ?? '';
  const verdict = input.authentication?.verdict;
  if (!VERDICTS.includes(verdict)) reject('authentication', 'phải là pass, fail hoặc none / must be pass, fail or none');
  const why = optionalText('authentication', input.authentication.why ?? '') ?? '';
  // A Date header ahead of the clock (a wrong clock, or a forger's) counts as the moment it is read.
  const sentMs = Math.min(parseInstant('sentAt', input.sentAt, plan.timeZone), nowMs);
  const sentOn = DateTime.fromMillis(sentMs, { zone: plan.timeZone }).toISODate() ?? '';
  const reference = subject || 'thư không có tiêu đề / a message without a subject';
  const declared = acceptDeclaration(plan, state, { unitId: input.unitId, itemId: input.itemId, sentOn, reference, by: from, ...(input.file && { file: input.file }) }, nowMs);
  const mail: MailOrigin = { messageId, from, subject, authentication: { verdict, why } };
  const confirm = state.config.mailbox?.confirmAtOnce === true && verdict === 'pass' && declared.file !== undefined;
  return { declared: { ...declared, mail }, receivedAt: toIso(sentMs, plan.timeZone), confirm };
}

/** Records the declaration and, when it may confirm itself, the submission; true when confirmed. */
export function applyMailDeclaration(plan: YearPlan, state: YearState, accepted: AcceptedMailDeclaration, nowMs: number): boolean {
  applyDeclaration(plan, state, accepted.declared, nowMs);
  if (!accepted.confirm) return false;
  const { unitId, itemId } = accepted.declared;
  applyReview(plan, state, acceptReview(plan, state, { unitId, itemId, decision: 'confirm', receivedAt: accepted.receivedAt }, nowMs), nowMs);
  return true;
}
