/**
 * Words the templates share: who receives what, how dates read, and how much time is left, told from
 * the instant the message is rendered (a reminder sent late after an outage says what is true now).
 */
import { DateTime } from 'luxon';
import type { Party } from '../../../config/schema';
import { dayMonthYearVi, formatDateEn, formatDateTimeEn, formatDateTimeVi, formatDateVi, lateness, latenessEn, latenessVi, partyVi } from '../../../calendar/wording';
import type { Notice, NoticeKind, OutgoingMessage } from '../../types';

export type Lang = 'vi' | 'en';

export interface RenderContext {
  message: OutgoingMessage;
  lang: Lang;
  zone: string;
  /** The send instant. */
  now: Date;
}

export const pick = <T>(lang: Lang, words: Record<Lang, T>): T => words[lang];

export function titleOf(notice: { title: string; titleEn?: string }, lang: Lang): string {
  return lang === 'en' ? (notice.titleEn ?? notice.title) : notice.title;
}

export function dateTime(iso: string, ctx: RenderContext): string {
  return ctx.lang === 'en' ? formatDateTimeEn(iso, ctx.zone) : formatDateTimeVi(iso, ctx.zone);
}

export function date(iso: string, ctx: RenderContext): string {
  return ctx.lang === 'en' ? formatDateEn(iso, ctx.zone) : formatDateVi(iso, ctx.zone);
}

/** The short date of a subject line: "15/6/2020", "15 June 2020". */
export function shortDate(iso: string, ctx: RenderContext): string {
  return ctx.lang === 'en' ? DateTime.fromISO(iso).setZone(ctx.zone).setLocale('en-GB').toFormat('d LLLL yyyy') : dayMonthYearVi(iso, ctx.zone);
}

/** Whole calendar days from today to the day of `iso`, in the bloc's zone: negative once past. */
export function calendarDaysUntil(iso: string, ctx: RenderContext): number {
  const day = (d: DateTime) => d.setZone(ctx.zone).startOf('day');
  return Math.round(day(DateTime.fromISO(iso)).diff(day(DateTime.fromJSDate(ctx.now)), 'days').days);
}

/** "còn 3 ngày", "hôm nay là hạn cuối", "đã quá hạn 4 ngày". */
export function deadlineStatus(iso: string, ctx: RenderContext): string {
  const days = calendarDaysUntil(iso, ctx);
  const passed = DateTime.fromISO(iso).toMillis() < ctx.now.getTime();
  const en = ctx.lang === 'en';
  if (!passed) {
    if (days === 0) return en ? 'today is the deadline' : 'hôm nay là hạn cuối';
    return en ? `${days} ${days === 1 ? 'day' : 'days'} left` : `còn ${days} ngày`;
  }
  // Worded as the secretariat's tables word it (calendar/wording.ts): the same instant, the same words.
  const late = lateness(iso, ctx.now.getTime(), ctx.zone);
  return en ? `${latenessEn(late)} overdue` : `đã quá hạn ${latenessVi(late)}`;
}

/** "còn 3 ngày nữa", "diễn ra hôm nay", "đã bắt đầu". */
export function eventStatus(iso: string, ctx: RenderContext): string {
  const days = calendarDaysUntil(iso, ctx);
  const en = ctx.lang === 'en';
  if (DateTime.fromISO(iso).toMillis() < ctx.now.getTime()) return en ? 'already started' : 'đã bắt đầu';
  if (days === 0) return en ? 'today' : 'diễn ra hôm nay';
  return en ? `in ${days} ${days === 1 ? 'day' : 'days'}` : `còn ${days} ngày nữa`;
}

/** What a section, and the subject line, call each kind of notice. */
export const KIND_LABEL: Record<Lang, Record<NoticeKind, string>> = {
  vi: { reminder: 'Nhắc hạn', followUp: 'Chưa nộp', invitation: 'Giấy mời', taskReminder: 'Nhiệm vụ', handover: 'Bàn giao' },
  en: { reminder: 'Reminder', followUp: 'Not yet received', invitation: 'Invitation', taskReminder: 'Task', handover: 'Handover' },
};

/** "Nhắc hạn: Báo cáo sơ kết 6 tháng" */
export function headingOf(notice: Notice, lang: Lang): string {
  return `${KIND_LABEL[lang][notice.kind]}: ${titleOf(notice, lang)}`;
}

const PARTY_EN: Record<Party, string> = {
  leader: 'bloc leader',
  deputy: 'deputy leader',
  board: 'provincial Emulation and Reward Board',
  secretariat: 'bloc secretariat',
};
const partyLabel = (party: Party, lang: Lang) => (lang === 'en' ? PARTY_EN[party] : partyVi(party));

/**
 * "Sở Nội vụ (Khối trưởng); Ban Thi đua - Khen thưởng tỉnh". A role holder is named with its role,
 * because the leader changes every year; the board and the secretariat are already named by role.
 */
export function recipientsOf(notice: Pick<Notice, 'to'>, lang: Lang): string {
  return notice.to
    .map(({ party, name }) => (party === 'leader' || party === 'deputy' ? `${name} (${partyLabel(party, lang)})` : name))
    .join('; ');
}
