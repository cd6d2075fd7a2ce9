/**
 * Dates in people's own words. Vietnamese writes day/month/year with no leading zeros
 * ("ngày 15/6/2020") and names weekdays by ordinal ("thứ Hai") except Sunday ("Chủ nhật").
 */
import { DateTime } from 'luxon';
import type { ItemKind, Party, WindowName } from '../config/schema';
import type { Holiday, IsoDate } from './types';

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

/** "hết ngày thứ Hai, 15/6/2020": the cut-off of a deadline, as people say it. */
export function cutOffVi(at: string, zone: string): string {
  const d = local(at, zone);
  return `hết ${weekdayVi(d)}, ngày ${d.day}/${d.month}/${d.year}`;
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
const PARTY_VI: Record<Party, string> = {
  leader: 'Khối trưởng',
  deputy: 'Khối phó',
  board: 'Ban Thi đua - Khen thưởng tỉnh',
  secretariat: 'Thư ký Khối',
};

export function kindVi(kind: ItemKind): string {
  return KIND_VI[kind];
}

export function partyVi(party: Party): string {
  return PARTY_VI[party];
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
}

export function lateness(dueAt: string, atMs: number, zone: string): Lateness {
  const due = DateTime.fromISO(dueAt, { zone });
  const at = DateTime.fromMillis(atMs, { zone });
  return { days: Math.round(at.startOf('day').diff(due.startOf('day'), 'days').days), ms: atMs - due.toMillis() };
}

/** "2 ngày", "3 giờ", "12 phút": a day is a calendar day, so three minutes after a midnight cut-off is "1 ngày". */
export function latenessVi(l: Lateness): string {
  if (l.days >= 1) return `${l.days} ngày`;
  const hours = Math.floor(l.ms / 3_600_000);
  return hours >= 1 ? `${hours} giờ` : `${Math.max(1, Math.ceil(l.ms / 60_000))} phút`;
}

export function latenessEn(l: Lateness): string {
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (l.days >= 1) return n(l.days, 'day');
  const hours = Math.floor(l.ms / 3_600_000);
  return hours >= 1 ? n(hours, 'hour') : n(Math.max(1, Math.ceil(l.ms / 60_000)), 'minute');
}
