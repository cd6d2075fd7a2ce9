/**
 * Words the templates share: who receives what, how dates read, and how much time is left, told from
 * the instant the message is rendered (a reminder sent late after an outage says what is true now).
 */
import { DateTime } from 'luxon';
import type { Party } from '../../../config/schema';
import { dayMonthYearVi, endsItsDay, formatDateEn, formatDateTimeEn, formatDateTimeVi, formatDateVi, lateness, latenessEn, latenessVi, partyEn, partyVi } from '../../../calendar/wording';
import type { Notice, NoticeKind, OutgoingMessage } from '../../types';
import { blocTerms, type RoleWords } from '../../../config/terms';

export type Lang = 'vi' | 'en';

export interface RenderContext {
  message: OutgoingMessage;
  lang: Lang;
  zone: string;
  /** The send instant. */
  now: Date;
}

export const pick = <T>(lang: Lang, words: Record<Lang, T>): T => words[lang];

/** What this bloc and its roles are called, in the message's language. */
export function termsOf(ctx: RenderContext): RoleWords {
  return blocTerms(ctx.message.bloc)[ctx.lang];
}

/** "Deputy leader for 2021": English terms are written in small letters, as they read mid-sentence. */
export function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function titleOf(notice: { title: string; titleEn?: string }, lang: Lang): string {
  return lang === 'en' ? (notice.titleEn ?? notice.title) : notice.title;
}

/**
 * A wave words the same few instants for every unit, and luxon's zone arithmetic and formatting cost real
 * CPU at thousands of messages: each wording of an instant is computed once. The words depend on the
 * instant, the zone and the language only (a count of days also on the instant it is counted from); the
 * cache is emptied when it grows past a few waves' worth.
 */
const worded = new Map<string, string | number>();
function once<T extends string | number>(kind: string, iso: string, ctx: RenderContext, word: () => T): T {
  const key = `${kind}|${ctx.lang}|${ctx.zone}|${iso}`;
  let text = worded.get(key) as T | undefined;
  if (text === undefined) {
    if (worded.size >= 10_000) worded.clear();
    text = word();
    worded.set(key, text);
  }
  return text;
}

export function dateTime(iso: string, ctx: RenderContext): string {
  return once('dateTime', iso, ctx, () => (ctx.lang === 'en' ? formatDateTimeEn(iso, ctx.zone) : formatDateTimeVi(iso, ctx.zone)));
}

export function date(iso: string, ctx: RenderContext): string {
  return once('date', iso, ctx, () => (ctx.lang === 'en' ? formatDateEn(iso, ctx.zone) : formatDateVi(iso, ctx.zone)));
}

/** The short date of a subject line: "15/6/2020", "15 June 2020". */
export function shortDate(iso: string, ctx: RenderContext): string {
  return once('shortDate', iso, ctx, () =>
    ctx.lang === 'en' ? DateTime.fromISO(iso).setZone(ctx.zone).setLocale('en-GB').toFormat('d LLLL yyyy') : dayMonthYearVi(iso, ctx.zone),
  );
}

/**
 * A cut-off in a subject line: its day, with the time only when the plan gives one ("6 giờ 12 ngày 26/11/2026",
 * "06:12, 26 November 2026"), since a same-day deadline reminded of by its day alone reads as the end of it.
 */
export function shortCutOff(iso: string, ctx: RenderContext): string {
  const day = shortDate(iso, ctx);
  if (endsItsDay(iso, ctx.zone)) return day;
  const d = DateTime.fromISO(iso).setZone(ctx.zone);
  return ctx.lang === 'en' ? `${d.toFormat('HH:mm')}, ${day}` : `${d.hour} giờ ${d.toFormat('mm')} ngày ${day}`;
}

/** Whole calendar days from today to the day of `iso`, in the bloc's zone: negative once past. */
export function calendarDaysUntil(iso: string, ctx: RenderContext): number {
  const day = (d: DateTime) => d.setZone(ctx.zone).startOf('day');
  return once(`days from ${ctx.now.getTime()}`, iso, ctx, () => Math.round(day(DateTime.fromISO(iso)).diff(day(DateTime.fromJSDate(ctx.now)), 'days').days));
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

/**
 * "Sở Nội vụ (Khối trưởng); Ban Thi đua - Khen thưởng tỉnh", or "(Cụm trưởng)" in a cluster. A role holder
 * is named with its role, because the leader changes every year; the board and the secretariat are already
 * named by role.
 */
export function recipientsOf(notice: Pick<Notice, 'to'>, ctx: Pick<RenderContext, 'message' | 'lang'>): string {
  const terms = blocTerms(ctx.message.bloc);
  const role = (party: Party) => (ctx.lang === 'en' ? partyEn(party, terms) : partyVi(party, terms));
  return notice.to.map(({ party, name }) => (party === 'leader' || party === 'deputy' ? `${name} (${role(party)})` : name)).join('; ');
}
