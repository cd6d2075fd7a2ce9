/**
 * Local calendar days (yyyy-MM-dd) as plain values. Day arithmetic goes through Julian day numbers,
 * which have no time zone to get wrong.
 */
import { jdFromDate, jdToDate, type SolarDate } from './lunar';
import type { IsoDate } from './types';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoFromSolar({ day, month, year }: SolarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function solarFromIso(iso: IsoDate): SolarDate {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new RangeError(`not a yyyy-MM-dd day: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoFromSolar(jdToDate(jdFromDate(solarFromIso(iso)) + days));
}

/** 1 = Monday … 7 = Sunday, as luxon and ISO-8601 count. */
export function isoWeekday(iso: IsoDate): number {
  return (jdFromDate(solarFromIso(iso)) % 7) + 1;
}

export function isWeekend(iso: IsoDate): boolean {
  return isoWeekday(iso) >= 6;
}

/** "15/6" in `year` → 2020-06-15. */
export function isoFromDayMonth(dayMonth: string, year: number): IsoDate {
  const [d, m] = dayMonth.split('/').map(Number);
  if (d === undefined || m === undefined) throw new RangeError(`not a day/month: ${dayMonth}`);
  return isoFromSolar({ day: d, month: m, year });
}
