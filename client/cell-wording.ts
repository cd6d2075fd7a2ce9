/**
 * Short Vietnamese words for the secretariat's tables: a cell of the matrix ("muộn 2 ngày"),
 * how long something is overdue ("5 ngày 3 giờ"), an instant in a column ("15/06/2026 23:59").
 * Instants are shown in the offset the workflow wrote them with, which is the bloc's zone.
 */
import { DateTime } from 'luxon';
import { formatDateTimeVi } from '../calendar/wording';
import type { Cell } from '../workflows/status';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

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

/** "5 ngày 3 giờ", "3 giờ", "40 phút" */
export function durationVi(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return `${hours} giờ`;
  return `${Math.max(1, Math.ceil(ms / MINUTE_MS))} phút`;
}

/** The coarsest unit only, for a matrix cell: "2 ngày", "3 giờ". */
function shortDurationVi(ms: number): string {
  return durationVi(ms).replace(/^(\d+ ngày) .*$/, '$1');
}

/** Whole days begun: a submission three hours late counts as one day late in the evaluation. */
export function daysBegun(ms: number): number {
  return Math.ceil(ms / DAY_MS);
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
      return `muộn ${shortDurationVi(cell.lateByMs ?? 0)}`;
    case 'overdue':
      return `quá hạn ${shortDurationVi(cell.overdueByMs ?? 0)}`;
    case 'cancelled':
      return 'đã hủy';
    case 'reported':
      return `${cell.reports ?? 0} lần`;
  }
}
