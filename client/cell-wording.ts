/**
 * Short Vietnamese words for the secretariat's tables: a cell of the matrix ("muộn 2 ngày"),
 * how long something is overdue ("5 ngày", "3 giờ"), an instant in a column ("15/06/2026 23:59").
 * Instants are shown in the offset the workflow wrote them with, which is the bloc's zone.
 */
import { DateTime } from 'luxon';
import { formatDateTimeVi, lateness, latenessVi, type Lateness } from '../calendar/wording';
import type { Cell } from '../workflows/status';


function local(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true });
}

/** "8 giờ 00, thứ Hai, ngày 15/6/2026" */
export function whenVi(iso: string): string {
  return formatDateTimeVi(iso, local(iso).zoneName ?? 'UTC');
}

/** "15/06/2026 23:59": sorts and reads well in a column, and Excel takes it for a date. */
export function stampVi(iso: string): string {
  return local(iso).toFormat('dd/MM/yyyy HH:mm');
}

/** How late, counted as the digest counts it (calendar/wording.ts), from a cut-off and the time past it. */
export function latenessOf(dueAt: string, pastMs: number): Lateness {
  return lateness(dueAt, Date.parse(dueAt) + pastMs, local(dueAt).zoneName ?? 'UTC');
}

/** Whole days late for the evaluation's column: at least one once late at all. */
export function daysLate(dueAt: string, pastMs: number): number {
  return Math.max(1, latenessOf(dueAt, pastMs).days);
}

export function cellVi(cell: Cell): string {
  switch (cell.state) {
    case 'not-applicable':
      return '—';
    case 'awaiting-date':
      return 'chờ ấn định ngày';
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
    case 'cancelled':
      return 'đã hủy';
    case 'reported':
      return `${cell.reports ?? 0} lần`;
    case 'retired':
      return cell.mergedInto ? `đã sáp nhập vào ${cell.mergedInto}` : 'đã thôi tham gia';
  }
}
