/**
 * One message per addressee per day: a section per notice (and the digest's tables), framed by the
 * shared letter layout, with a subject that names the first item and its date.
 */
import type { Notice, NoticeKind, OutgoingMessage } from '../../types';
import { headerValue } from '../text';
import { digestSections } from './digest';
import { followUpSection } from './follow-up';
import { handoverSection } from './handover';
import { invitationSection } from './invitation';
import { renderHtml, renderText, type Letter, type Section } from './layout';
import { reminderSection } from './reminder';
import { taskReminderSection } from './task-reminder';
import { dateTime, headingOf, recipientsOf, shortCutOff, shortDate, termsOf, type Lang, type RenderContext } from './words';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const SECTION: Record<NoticeKind, (notice: Notice, ctx: RenderContext) => Section> = {
  reminder: reminderSection,
  followUp: followUpSection,
  invitation: invitationSection,
  taskReminder: taskReminderSection,
  handover: handoverSection,
};

/** Kinds whose `to` is where a submission goes (for an invitation it is the organiser). */
const SUBMISSION_KINDS = new Set<NoticeKind>(['reminder', 'followUp', 'taskReminder']);

function words(lang: Lang, m: OutgoingMessage, ctx: RenderContext) {
  const where = `${m.bloc.name} (${m.bloc.province})`;
  const t = termsOf(ctx);
  return {
    vi: {
      salutation: `Kính gửi: ${m.addressee.name}`,
      intro: `Thực hiện Kế hoạch thi đua năm ${m.year} của ${where}, xin thông báo tới Quý đơn vị ${m.notices.length > 1 ? 'các nội dung' : 'nội dung'} sau:`,
      digestIntro: `Tình hình thực hiện Kế hoạch thi đua năm ${m.year} của ${where}, tổng hợp lúc ${dateTime(ctx.now.toISOString(), ctx)}:`,
      closing: 'Trân trọng.',
      due: (n: Notice) => (SUBMISSION_KINDS.has(n.kind) ? `hạn ${shortCutOff(n.at, ctx)}` : `ngày ${shortDate(n.at, ctx)}`),
      more: (n: number) => ` và ${n} việc khác`,
      digestSubject: (first: string | undefined) =>
        first === undefined ? `Tổng hợp ngày ${shortDate(ctx.now.toISOString(), ctx)}` : `Đơn vị chưa nộp: ${first}`,
      automatic: `Thư này được gửi tự động từ hệ thống nhắc việc của ${where}.`,
      sendTo: (to: string) => `Hồ sơ, báo cáo xin gửi về: ${to}. Thư nhắc sẽ dừng khi ${t.secretariat} ghi nhận đơn vị đã nộp.`,
      digestFooter: `Thư tổng hợp gửi ${t.leader} và ${t.secretariat} để theo dõi, đôn đốc.`,
      unitPage: (url: string) => `Trang riêng của Quý đơn vị (các hạn, tình hình nộp): ${url}`,
    },
    en: {
      salutation: `To: ${m.addressee.name}`,
      intro: `Under the ${m.year} emulation plan of ${where}, please note the following:`,
      digestIntro: `Progress of the ${m.year} emulation plan of ${where}, as of ${dateTime(ctx.now.toISOString(), ctx)}:`,
      closing: 'Kind regards,',
      due: (n: Notice) => (SUBMISSION_KINDS.has(n.kind) ? `due ${shortCutOff(n.at, ctx)}` : `on ${shortDate(n.at, ctx)}`),
      more: (n: number) => ` and ${n} more ${n === 1 ? 'item' : 'items'}`,
      digestSubject: (first: string | undefined) =>
        first === undefined ? `Digest of ${shortDate(ctx.now.toISOString(), ctx)}` : `Units yet to submit: ${first}`,
      automatic: `This is an automatic reminder from the reminder system of ${where}.`,
      sendTo: (to: string) => `Send submissions to: ${to}. Reminders stop once the ${t.secretariat} records your submission.`,
      digestFooter: `This digest goes to the ${t.leader} and the ${t.secretariat}, for follow-up.`,
      unitPage: (url: string) => `Your unit's own page (deadlines, what has been recorded): ${url}`,
    },
  }[lang];
}

function subjectOf(m: OutgoingMessage, ctx: RenderContext): string {
  const w = words(ctx.lang, m, ctx);
  const prefix = `[${m.bloc.name}] `;
  if (m.digest) {
    const items = [...new Set(m.digest.rows.map((r) => r.title))];
    return prefix + w.digestSubject(items[0]) + (items.length > 1 ? w.more(items.length - 1) : '');
  }
  const [first, ...rest] = m.notices;
  if (!first) throw new Error(`message ${m.key} has no notice and no digest: nothing to say`);
  return `${prefix}${headingOf(first, ctx.lang)} (${w.due(first)})${rest.length > 0 ? w.more(rest.length) : ''}`;
}

/** `unitPage`: the signed link to the addressee unit's own page in the web console, if the engine has one. */
export function renderMessage(message: OutgoingMessage, now: Date, unitPage?: string): RenderedMessage {
  const lang = message.bloc.language;
  const ctx: RenderContext = { message, lang, zone: message.bloc.timeZone, now };
  const w = words(lang, message, ctx);
  const subject = headerValue(subjectOf(message, ctx));
  const submitTo = [...new Set(message.notices.filter((n) => SUBMISSION_KINDS.has(n.kind)).map((n) => recipientsOf(n, ctx)))]
    .filter((to) => to !== '')
    .join('; ');
  const letter: Letter = {
    lang,
    title: subject,
    salutation: w.salutation,
    intro: message.digest ? w.digestIntro : w.intro,
    sections: [...message.notices.map((n) => SECTION[n.kind](n, ctx)), ...(message.digest ? digestSections(message.digest, ctx) : [])],
    closing: w.closing,
    signature: [message.bloc.name],
    footer: [
      w.automatic,
      ...(message.digest ? [w.digestFooter] : []),
      ...(submitTo ? [w.sendTo(submitTo)] : []),
      ...(unitPage ? [w.unitPage(unitPage)] : []),
    ],
  };
  return { subject, text: renderText(letter), html: renderHtml(letter) };
}
