/**
 * Dates in people's own words. Vietnamese writes day/month/year with no leading zeros
 * ("ngày 15/6/2020") and names weekdays by ordinal ("thứ Hai") except Sunday ("Chủ nhật").
 */
import { DateTime } from 'luxon';

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
