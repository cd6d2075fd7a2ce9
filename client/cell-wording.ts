/**
 * Short Vietnamese words for the secretariat's tables: a cell of the matrix ("muộn 2 ngày"),
 * how long something is overdue ("5 ngày", "3 giờ"), an instant in a column ("15/06/2026 23:59").
 * Instants are shown in the offset the workflow wrote them with, which is the bloc's zone.
 */
import { DateTime } from 'luxon';
import type { IsoInstant, PlannedItem, YearPlan } from '../calendar/types';
import { AWAITING_DAY_VI, awaitingDayVi, endsItsDay, formatDateEn, formatDateTimeEn, formatDateTimeVi, lateness, latenessEn, latenessVi, windowEn, windowOver, type Lateness } from '../calendar/wording';
import { hasCutOff } from '../calendar/kinds';
import type { Cell } from '../workflows/status';
import { blocTerms, type BlocTerms } from '../config/terms';

function local(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true });
}

/** What the year's bloc and roles are called: a schedule recorded before the plan could say is a Khối's. */
export function termsOf(schedule: Pick<YearPlan, 'terms'>): BlocTerms {
  return schedule.terms ?? blocTerms();
}

/** The zone an instant was written in: the workflow writes them in the bloc's. */
export function zoneOf(iso: IsoInstant): string {
  return local(iso).zoneName ?? 'UTC';
}

/** "8 giờ 00, thứ Hai, ngày 15/6/2026" */
export function whenVi(iso: string): string {
  return formatDateTimeVi(iso, zoneOf(iso));
}

/** "08:00, Monday, 15 June 2026" */
export function whenEn(iso: string): string {
  return formatDateTimeEn(iso, zoneOf(iso));
}

/**
 * An item's date for an English reader: the plan words its dates in Vietnamese only, so the instant they come to
 * is given instead, or the window while there is no instant yet.
 */
export function dueEn(item: Pick<PlannedItem, 'kind' | 'wording' | 'at' | 'window'>): string {
  if (item.at === undefined) return item.window ? windowEn(item.window) : item.wording;
  const zone = zoneOf(item.at);
  if (endsItsDay(item.at, zone)) return `${hasCutOff(item.kind) ? 'by the end of ' : 'end of '}${formatDateEn(item.at, zone)}`;
  return `${hasCutOff(item.kind) ? 'by ' : ''}${formatDateTimeEn(item.at, zone)}`;
}

/** "hạn 14/6/2049", "Quý II/2049": an item's date in a few words, for a column heading. */
export function dueShortVi(item: Pick<PlannedItem, 'kind' | 'wording' | 'at'>): string {
  if (item.at === undefined) return item.wording;
  const day = local(item.at).toFormat('d/M/yyyy');
  return hasCutOff(item.kind) ? `hạn ${day}` : day;
}

/** "by 14 Jun 2049", "Q2 2049": an item's date in a few words, for a column heading. */
export function dueShortEn(item: Pick<PlannedItem, 'kind' | 'wording' | 'at' | 'window'>): string {
  if (item.at === undefined) return item.window ? windowEn(item.window) : item.wording;
  const day = local(item.at).setLocale('en-GB').toFormat('d LLL yyyy');
  return hasCutOff(item.kind) ? `by ${day}` : day;
}

type Undated = Pick<PlannedItem, 'dateState' | 'wording' | 'window'>;

/** An item still without its day, in each language: over by `at` (if given) once its window has passed. */
function awaitingWords(item: Undated, at?: IsoInstant): { vi: string; en: string } {
  if (at !== undefined && windowOver(item, at, zoneOf(at))) return { vi: awaitingDayVi(item, at, zoneOf(at)), en: 'window over, no day set' };
  return { vi: AWAITING_DAY_VI, en: 'day not set' };
}

/**
 * The instant column of an item that has none, for the CLI (both languages): a window still without its day, or
 * "—" for what never gets one (ongoing reporting).
 */
export function noInstantVi(item: Undated, at?: IsoInstant): string {
  if (item.dateState !== 'unset') return '—';
  const words = awaitingWords(item, at);
  return `(${words.vi} / ${words.en})`;
}

/** The same, for a page in one language. */
export function noInstantIn(lang: 'vi' | 'en', item: Undated, at?: IsoInstant): string {
  return item.dateState === 'unset' ? `(${awaitingWords(item, at)[lang]})` : '—';
}

/** "15/06/2026 23:59": sorts and reads well in a column, and Excel takes it for a date. */
export function stampVi(iso: string): string {
  return local(iso).toFormat('dd/MM/yyyy HH:mm');
}

/** "15 Jun 2026 23:59" */
export function stampEn(iso: string): string {
  return local(iso).setLocale('en-GB').toFormat('d LLL yyyy HH:mm');
}

/** How late, counted as the digest counts it (calendar/wording.ts), from a cut-off and the time past it. */
export function latenessOf(dueAt: string, pastMs: number): Lateness {
  return lateness(dueAt, Date.parse(dueAt) + pastMs, zoneOf(dueAt));
}

/** Whole days late for the evaluation's column: at least one once late at all. */
export function daysLate(dueAt: string, pastMs: number): number {
  return Math.max(1, latenessOf(dueAt, pastMs).days);
}

/** Whole days a cell was late or is overdue (the evaluation's column); undefined when neither, or without a cut-off. */
export function lateDays(cell: Cell, itemDueAt: IsoInstant | undefined): number | undefined {
  const due = cell.dueAt ?? itemDueAt;
  const lateMs = cell.lateByMs ?? cell.overdueByMs;
  return lateMs === undefined || !due ? undefined : daysLate(due, lateMs);
}

type Judged = { schedule: Pick<YearPlan, 'items'>; at: IsoInstant };

/**
 * A cell of the matrix. Given the schedule and the instant the matrix is judged at, a window that ended
 * without its day says so ("hết Quý II/2026 mà chưa ấn định ngày") rather than still waiting for one.
 */
export function cellVi(cell: Cell, judged?: Judged): string {
  return cell.titles ? `${stateVi(cell, judged)} (đăng ký: ${cell.titles.join(', ')})` : stateVi(cell, judged);
}

function stateVi(cell: Cell, judged?: Judged): string {
  switch (cell.state) {
    case 'not-applicable':
      return '—';
    case 'awaiting-date': {
      const item = judged?.schedule.items.find((i) => i.id === cell.itemId);
      return judged && item ? awaitingDayVi(item, judged.at, zoneOf(judged.at)) : AWAITING_DAY_VI;
    }
    case 'not-due':
      return 'chưa đến hạn';
    case 'extended':
      return cell.dueAt ? `gia hạn đến ${local(cell.dueAt).toFormat('d/M')}` : 'gia hạn';
    case 'submitted-on-time':
      return 'đúng hạn';
    case 'submitted-late':
      return cell.dueAt ? `muộn ${latenessVi(latenessOf(cell.dueAt, cell.lateByMs ?? 0))}` : 'muộn';
    case 'overdue':
      return cell.dueAt ? `quá hạn ${latenessVi(latenessOf(cell.dueAt, cell.overdueByMs ?? 0))}` : 'quá hạn';
    case 'declared':
      return cell.sentOn ? `đơn vị báo đã gửi ngày ${DateTime.fromISO(cell.sentOn).toFormat('d/M')}, chờ xác nhận` : 'đơn vị báo đã gửi, chờ xác nhận';
    case 'cancelled':
      return 'đã hủy';
    case 'reported':
      return `${cell.reports ?? 0} lần`;
    case 'retired':
      return cell.mergedInto ? `đã sáp nhập vào ${cell.mergedIntoName ?? cell.mergedInto}` : 'đã thôi tham gia';
  }
}

/** A cell of the matrix for an English reader, as cellVi words it. */
export function cellEn(cell: Cell, judged?: Judged): string {
  return cell.titles ? `${stateEn(cell, judged)} (registered: ${cell.titles.join(', ')})` : stateEn(cell, judged);
}

function stateEn(cell: Cell, judged?: Judged): string {
  switch (cell.state) {
    case 'not-applicable':
      return '—';
    case 'awaiting-date': {
      const item = judged?.schedule.items.find((i) => i.id === cell.itemId);
      return judged && item && windowOver(item, judged.at, zoneOf(judged.at)) ? 'window over, no day set' : 'day not set';
    }
    case 'not-due':
      return 'not yet due';
    case 'extended':
      return cell.dueAt ? `extended to ${local(cell.dueAt).setLocale('en-GB').toFormat('d LLL')}` : 'extended';
    case 'submitted-on-time':
      return 'on time';
    case 'submitted-late':
      return cell.dueAt ? `${latenessEn(latenessOf(cell.dueAt, cell.lateByMs ?? 0))} late` : 'late';
    case 'overdue':
      return cell.dueAt ? `overdue by ${latenessEn(latenessOf(cell.dueAt, cell.overdueByMs ?? 0))}` : 'overdue';
    case 'declared':
      return cell.sentOn
        ? `unit says sent on ${DateTime.fromISO(cell.sentOn).setLocale('en-GB').toFormat('d LLL')}, awaiting confirmation`
        : 'unit says sent, awaiting confirmation';
    case 'cancelled':
      return 'cancelled';
    case 'reported':
      return `${cell.reports ?? 0} ${cell.reports === 1 ? 'report' : 'reports'}`;
    case 'retired':
      return cell.mergedInto ? `merged into ${cell.mergedIntoName ?? cell.mergedInto}` : 'withdrawn';
  }
}
