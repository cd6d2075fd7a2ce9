/**
 * Dates in people's own words. Vietnamese writes day/month/year with no leading zeros
 * ("ngày 15/6/2020") and names weekdays by ordinal ("thứ Hai") except Sunday ("Chủ nhật").
 */
import { DateTime } from 'luxon';
import type { ItemKind, Party, WindowName } from '../config/schema';
import { addDays, isWeekend } from './days';
import { hasCutOff } from './kinds';
import type { Holiday, IsoDate, IsoInstant, PlannedItem, SkippedDay } from './types';
import type { BlocTerms } from '../config/terms';

const WEEKDAYS_VI = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
const ROMAN = ['', 'I', 'II', 'III', 'IV'];

function local(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { zone, setZone: false }).setZone(zone);
  if (!dt.isValid) throw new RangeError(`not an ISO date or instant: ${iso}`);
  return dt;
}

export function weekdayVi(dt: DateTime): string {
  return WEEKDAYS_VI[dt.weekday] ?? '';
}

/** "15/6/2020" */
export function dayMonthYearVi(iso: string, zone: string): string {
  const d = local(iso, zone);
  return `${d.day}/${d.month}/${d.year}`;
}

/** "thứ Hai, ngày 15/6/2020" */
export function formatDateVi(iso: string, zone: string): string {
  const d = local(iso, zone);
  return `${weekdayVi(d)}, ngày ${d.day}/${d.month}/${d.year}`;
}

/** "8 giờ 00, thứ Hai, ngày 15/6/2020" */
export function formatDateTimeVi(iso: string, zone: string): string {
  const d = local(iso, zone);
  return `${d.hour} giờ ${String(d.minute).padStart(2, '0')}, ${formatDateVi(iso, zone)}`;
}

/** "Monday, 15 June 2020" */
export function formatDateEn(iso: string, zone: string): string {
  return local(iso, zone).setLocale('en-GB').toFormat('cccc, d LLLL yyyy');
}

/** "15 June 2020" */
export function dayMonthYearEn(iso: string, zone: string): string {
  return local(iso, zone).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "08:00, Monday, 15 June 2020" */
export function formatDateTimeEn(iso: string, zone: string): string {
  return local(iso, zone).setLocale('en-GB').toFormat('HH:mm, cccc, d LLLL yyyy');
}

/** "Quý III/2020" */
export function quarterVi(quarter: number, year: number): string {
  return `Quý ${ROMAN[quarter] ?? quarter}/${year}`;
}

/** "6 tháng đầu năm 2020", "Quý III/2020", "tháng 1/2021", "cả năm 2020" */
export function windowVi(window: WindowName, year: number): string {
  if (window === 'year') return `cả năm ${year}`;
  if (window === 'H1') return `6 tháng đầu năm ${year}`;
  if (window === 'H2') return `6 tháng cuối năm ${year}`;
  const n = Number(window.slice(1));
  return window.startsWith('Q') ? quarterVi(n, year) : `tháng ${n}/${year}`;
}

/** How long a name a column heading or a tab takes before it is cut. */
const SHORT_LENGTH = 40;

/**
 * An item's short name in a language: the plan's own, or its title cut at a word with "…" when longer than a
 * column heading takes (the sample's titles run to 245 characters).
 */
export function shortTitle(item: { title: string; titleEn?: string; short?: string; shortEn?: string }, lang: 'vi' | 'en'): string {
  const own = lang === 'en' ? item.shortEn ?? (item.titleEn === undefined ? item.short : undefined) : item.short;
  if (own !== undefined) return own;
  const title = lang === 'en' ? (item.titleEn ?? item.title) : item.title;
  return cutAtWord(title, SHORT_LENGTH);
}

/** `text` as it is when it fits `max` characters, else cut at the last whole word and closed with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '').replace(/[\s,;:.-]+$/, '')}…`;
}

/** A plan's window in English, from its days: "Q3 2020", "January 2021", "the first half of 2020", "the whole of 2020". */
export function windowEn(window: { from: IsoDate; to: IsoDate }): string {
  const from = DateTime.fromISO(window.from);
  const to = DateTime.fromISO(window.to);
  const whole = (unit: 'year' | 'quarter' | 'month') => from.hasSame(to, unit) && from.equals(from.startOf(unit)) && to.equals(to.startOf('day').endOf(unit).startOf('day'));
  if (whole('year')) return `the whole of ${from.year}`;
  if (whole('quarter')) return `Q${from.quarter} ${from.year}`;
  if (whole('month')) return from.setLocale('en-GB').toFormat('LLLL yyyy');
  if (from.hasSame(to, 'year') && from.month === 1 && from.day === 1 && to.month === 6 && to.day === 30) return `the first half of ${from.year}`;
  if (from.hasSame(to, 'year') && from.month === 7 && from.day === 1 && to.month === 12 && to.day === 31) return `the second half of ${from.year}`;
  return `${from.setLocale('en-GB').toFormat('d LLL yyyy')} to ${to.setLocale('en-GB').toFormat('d LLL yyyy')}`;
}

/** "trước ngày 15/6/2020" */
export function beforeDayVi(day: IsoDate, zone: string): string {
  return `trước ngày ${dayMonthYearVi(day, zone)}`;
}

/** "ngày 17/1/2020" */
export function onDayVi(day: IsoDate, zone: string): string {
  return `ngày ${dayMonthYearVi(day, zone)}`;
}

/** A window item once its day is set: "ngày 20/8/2020 (Quý III/2020)". */
export function setInWindowVi(day: IsoDate, windowWording: string, zone: string): string {
  return `${onDayVi(day, zone)} (${windowWording})`;
}

/**
 * An item placed after another: "ngày 22/6/2020, sau hạn nộp trước ngày 15/6/2020"; without its own day
 * while the other has none: "sau sự kiện tháng 1/2021".
 */
export function afterItemVi(ref: { kind: ItemKind; wording: string }, day: IsoDate | undefined, zone: string): string {
  const after = `sau ${kindVi(ref.kind)} ${ref.wording}`;
  return day ? `${onDayVi(day, zone)}, ${after}` : after;
}

/** A cut-off at 23:59:59 is the end of its day: the plan gave no time, or an extension ran to the end of a day. */
export function endsItsDay(at: IsoInstant, zone: string): boolean {
  const d = local(at, zone);
  return d.hour === 23 && d.minute === 59 && d.second === 59;
}

/**
 * The cut-off of a deadline, as people say it: "hết thứ Hai, ngày 15/6/2020" at the end of its day, and
 * "hạn 6 giờ 12, thứ Năm, ngày 26/11/2026" when the plan gives a time, which "hết" would hide.
 */
export function cutOffVi(at: IsoInstant, zone: string): string {
  return endsItsDay(at, zone) ? `hết ${formatDateVi(at, zone)}` : `hạn ${formatDateTimeVi(at, zone)}`;
}

/** A cut-off for an English reader: "the end of Monday, 15 June 2020", or "06:12, Thursday, 26 November 2026". */
export function cutOffEn(at: IsoInstant, zone: string): string {
  return endsItsDay(at, zone) ? `the end of ${formatDateEn(at, zone)}` : formatDateTimeEn(at, zone);
}

/** An event's or the handover's moment: "8 giờ 00, thứ Sáu, ngày 17/1/2020", or "hết thứ Hai, ngày 1/2/2021". */
export function momentVi(at: IsoInstant, zone: string): string {
  return endsItsDay(at, zone) ? `hết ${formatDateVi(at, zone)}` : formatDateTimeVi(at, zone);
}

/** "hết thứ Ba 2/1/2029", "6 giờ 12, thứ Hai 30/11/2026": the day a rolled cut-off came to, in the sentence that says why. */
function rolledToVi(at: IsoInstant, zone: string): string {
  const d = local(at, zone);
  const day = `${weekdayVi(d)} ${d.day}/${d.month}/${d.year}`;
  return endsItsDay(at, zone) ? `hết ${day}` : `${d.hour} giờ ${String(d.minute).padStart(2, '0')}, ${day}`;
}

/**
 * What a run of holidays is called as a whole: their names without "Nghỉ"/"Nghỉ bù" and without the detail
 * in brackets, so that "Tết Nguyên đán (mùng 3)" and "Nghỉ bù Tết Nguyên đán (mùng 1)" are one break.
 */
function holidayBase(name: string): string {
  return name.replace(/^nghỉ( bù)? /i, '').replace(/ \([^)]*\)$/, '');
}

/** "1/1/2029 nghỉ Tết Dương lịch", "3/1/2028 nghỉ bù Tết Dương lịch", "30/12/2028 là thứ Bảy". */
function dayOffVi(day: SkippedDay, zone: string): string {
  const date = dayMonthYearVi(day.date, zone);
  if (day.holiday !== undefined) {
    return /^nghỉ /i.test(day.holiday) ? `${date} ${day.holiday.charAt(0).toLowerCase()}${day.holiday.slice(1)}` : `${date} nghỉ ${day.holiday}`;
  }
  return isWeekend(day.date) ? `${date} là ${weekdayVi(local(day.date, zone))}` : `${date} là ngày nghỉ`;
}

/**
 * Why each day did not stand: the last day's reason, then the holidays after it (the weekends between
 * explain themselves), a run of days of one break said once: "từ 8/2/2027 đến 14/2/2027 nghỉ Tết Nguyên đán".
 */
function skippedVi(days: readonly SkippedDay[], zone: string): string[] {
  const runs: SkippedDay[][] = [];
  days.forEach((day, i) => {
    if (i > 0 && day.holiday === undefined) return;
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const continues =
      run !== undefined && last?.holiday !== undefined && day.holiday !== undefined &&
      addDays(last.date, 1) === day.date && holidayBase(last.holiday) === holidayBase(day.holiday);
    if (continues) run.push(day);
    else runs.push([day]);
  });
  return runs.map((run) => {
    const [first] = run;
    const last = run[run.length - 1];
    if (first === undefined || last === undefined) return '';
    if (run.length === 1) return dayOffVi(first, zone);
    return `từ ${dayMonthYearVi(first.date, zone)} đến ${dayMonthYearVi(last.date, zone)} nghỉ ${holidayBase(first.holiday ?? '')}`;
  });
}

/**
 * Why a cut-off is not where the plan's words put it: "30/12/2028 là thứ Bảy, 1/1/2029 nghỉ Tết Dương lịch:
 * hạn lùi đến hết thứ Ba 2/1/2029". A schedule recorded before the days were kept gives the last day only.
 */
export function rolledVi(item: Pick<PlannedItem, 'at' | 'nominalDay' | 'skipped'>, zone: string): string {
  const days = item.skipped ?? (item.nominalDay !== undefined ? [{ date: item.nominalDay }] : []);
  const to = item.at !== undefined ? `hạn lùi đến ${rolledToVi(item.at, zone)}` : 'hạn lùi sang ngày làm việc tiếp theo';
  return days.length > 0 ? `${skippedVi(days, zone).join(', ')}: ${to}` : to;
}

/**
 * An item's date in a table: the plan's words, then the instant they come to, and why, when the last day
 * rolled: "trước ngày 31/12/2028 — 30/12/2028 là thứ Bảy, 1/1/2029 nghỉ Tết Dương lịch: hạn lùi đến hết thứ Ba 2/1/2029".
 */
export function dueVi(item: Pick<PlannedItem, 'kind' | 'wording' | 'at' | 'nominalDay' | 'rolled' | 'skipped'>, zone: string): string {
  if (item.at === undefined) return item.wording;
  if (!hasCutOff(item.kind)) return `${item.wording} — ${momentVi(item.at, zone)}`;
  return `${item.wording} — ${item.rolled ? rolledVi(item, zone) : cutOffVi(item.at, zone)}`;
}

/** Whether the window of an item still without its day was over by `at` (its last day ended before). */
export function windowOver(item: Pick<PlannedItem, 'window'>, at: IsoInstant, zone: string): boolean {
  return item.window !== undefined && item.window.to < (local(at, zone).toISODate() ?? '');
}

export const AWAITING_DAY_VI = 'chờ ấn định ngày';

/** An item still without its day, at `at`: "chờ ấn định ngày", or once its window is over "hết Quý II/2020 mà chưa ấn định ngày". */
export function awaitingDayVi(item: Pick<PlannedItem, 'wording' | 'window'>, at: IsoInstant, zone: string): string {
  return windowOver(item, at, zone) ? `hết ${item.wording} mà chưa ấn định ngày` : AWAITING_DAY_VI;
}

/** Fills a yearly title: {year}, {nextYear}, and {since:1975} (years elapsed: 45 in 2020). */
export function fillTitle(template: string, year: number): string {
  return template
    .replace(/\{year\}/g, String(year))
    .replace(/\{nextYear\}/g, String(year + 1))
    .replace(/\{since:(\d{4})\}/g, (_, from: string) => String(year - Number(from)));
}

const KIND_VI: Record<ItemKind, string> = {
  deadline: 'hạn nộp',
  task: 'nhiệm vụ',
  event: 'sự kiện',
  handover: 'bàn giao',
  ongoing: 'thường xuyên',
};

export function kindVi(kind: ItemKind): string {
  return KIND_VI[kind];
}

/** "Khối trưởng", "Cụm phó", "Ban Thi đua - Khen thưởng tỉnh". */
export function partyVi(party: Party, terms: BlocTerms): string {
  return party === 'board' ? 'Ban Thi đua - Khen thưởng tỉnh' : terms.vi[party];
}

export function partyEn(party: Party, terms: BlocTerms): string {
  return party === 'board' ? 'provincial Emulation and Reward Board' : terms.en[party];
}

const SOURCE_VI: Record<Holiday['source'], string> = { law: 'luật', lunar: 'âm lịch', decision: 'quyết định' };

export function holidaySourceVi(source: Holiday['source']): string {
  return SOURCE_VI[source];
}

/** How late something is, counted the same way everywhere: calendar days past the cut-off's day, else hours or minutes. */
export interface Lateness {
  /** Calendar days between the cut-off's day and the day of the instant, in the bloc's zone. */
  days: number;
  /** Within the same day: the time elapsed. */
  ms: number;
  /** Within the same day: whole minutes between the clock readings, as people read "13:01" and "13:04". */
  minutes: number;
}

export function lateness(dueAt: string, atMs: number, zone: string): Lateness {
  const due = DateTime.fromISO(dueAt, { zone });
  const at = DateTime.fromMillis(atMs, { zone });
  return {
    days: Math.round(at.startOf('day').diff(due.startOf('day'), 'days').days),
    ms: atMs - due.toMillis(),
    minutes: Math.round(at.startOf('minute').diff(due.startOf('minute'), 'minutes').minutes),
  };
}

/**
 * "2 ngày", "3 giờ", "12 phút", "dưới 1 phút": a day is a calendar day, so three minutes after a midnight cut-off is
 * "1 ngày"; hours and minutes are counted down, as clocks read them, so that a record at 13 giờ 04 after a cut-off
 * at 13 giờ 01 is 3 minutes late, never 4.
 */
export function latenessVi(l: Lateness): string {
  if (l.days >= 1) return `${l.days} ngày`;
  const hours = Math.floor(l.minutes / 60);
  if (hours >= 1) return `${hours} giờ`;
  return l.minutes >= 1 ? `${l.minutes} phút` : 'dưới 1 phút';
}

export function latenessEn(l: Lateness): string {
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (l.days >= 1) return n(l.days, 'day');
  const hours = Math.floor(l.minutes / 60);
  if (hours >= 1) return n(hours, 'hour');
  return l.minutes >= 1 ? n(l.minutes, 'minute') : 'under a minute';
}
