/**
 * The official calendar of state agencies: weekends, the public holidays of the Labour Code, days in
 * lieu, and what the Prime Minister decides each year (the Tết range, the second National Day day,
 * swapped working days), which the bloc file records under `calendar.decisions`.
 */
import type { YearDecision } from '../config/schema';
import { addDays, isoFromSolar, isoWeekday, isWeekend } from './days';
import { lunarToSolar, tetOf } from './lunar';
import type { Holiday, IsoDate, SkippedDay } from './types';

/** The Labour Code 2019 (in force 1 January 2021) gave National Day a second, adjacent day. */
const SECOND_NATIONAL_DAY_FROM = 2021;

const day = (year: number, month: number, d: number): IsoDate => isoFromSolar({ year, month, day: d });

function tetDays(year: number): Holiday[] {
  const first = isoFromSolar(tetOf(year));
  const names = ['ngày cuối năm Âm lịch', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];
  // Labour Code 2019 art. 112(1)(b): five days; by default the last day of the old year and the first four.
  return names.map((n, i) => ({ date: addDays(first, i - 1), name: `Tết Nguyên đán (${n})`, source: 'lunar' as const }));
}

/**
 * The law leaves the choice between 1/9 and 3/9 to a yearly decision; by default take the one that
 * joins the break to a weekend, which is what the decisions of 2021–2025 did.
 */
function adjacentNationalDay(year: number): IsoDate {
  const second = day(year, 9, 2);
  const joinsWeekendAfter = [1, 4, 7].includes(isoWeekday(second));
  return joinsWeekendAfter ? day(year, 9, 3) : day(year, 9, 1);
}

function lawHolidays(year: number, replaces: ReadonlySet<string>): Holiday[] {
  const days: Holiday[] = [{ date: day(year, 1, 1), name: 'Tết Dương lịch', source: 'law' }];
  if (!replaces.has('tet')) days.push(...tetDays(year));
  days.push(
    { date: isoFromSolar(lunarToSolar({ day: 10, month: 3, year, leap: false })), name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)', source: 'lunar' },
    { date: day(year, 4, 30), name: 'Ngày Chiến thắng (30/4)', source: 'law' },
    { date: day(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)', source: 'law' },
    { date: day(year, 9, 2), name: 'Quốc khánh (2/9)', source: 'law' },
  );
  if (year >= SECOND_NATIONAL_DAY_FROM && !replaces.has('national-day')) {
    days.push({ date: adjacentNationalDay(year), name: 'Quốc khánh (ngày liền kề)', source: 'law' });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Labour Code 2019 art. 112(3): a holiday on a weekly rest day is taken on the next working day. */
function daysInLieu(holidays: Holiday[]): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const inLieu: Holiday[] = [];
  for (const h of holidays.filter((x) => isWeekend(x.date))) {
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    inLieu.push({ date: d, name: `Nghỉ bù ${h.name}`, source: 'law' });
  }
  return inLieu;
}

/** The days off of a year (beyond weekends), sorted; a decision's entry wins over the law's on the same day. */
export function holidaysOf(year: number, decisions: readonly YearDecision[] = []): Holiday[] {
  const ofYear = decisions.filter((d) => d.year === year);
  const replaces = new Set(ofYear.flatMap((d) => d.replaces ?? []));
  const law = lawHolidays(year, replaces);
  const byDate = new Map<IsoDate, Holiday>();
  for (const h of [...law, ...daysInLieu(law)]) byDate.set(h.date, h);
  for (const d of ofYear) for (const e of d.daysOff) byDate.set(e.date, { date: e.date, name: e.name, source: 'decision' });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Weekend days that a decision made working days, in exchange for a day off elsewhere. */
export function swappedWorkingDaysOf(year: number, decisions: readonly YearDecision[] = []): Holiday[] {
  return decisions
    .filter((d) => d.year === year)
    .flatMap((d) => d.workingDays.map((e) => ({ date: e.date, name: e.name, source: 'decision' as const })))
    .sort((a, b) => a.date.localeCompare(b.date));
}

interface YearTable {
  off: Map<IsoDate, Holiday>;
  working: Set<IsoDate>;
}

/** Answers "is this a working day?" for any year; each year's table is built once, on first use. */
export class OfficialCalendar {
  private readonly years = new Map<number, YearTable>();

  constructor(readonly decisions: readonly YearDecision[] = []) {}

  holiday(date: IsoDate): Holiday | undefined {
    return this.table(date).off.get(date);
  }

  isDayOff(date: IsoDate): boolean {
    const t = this.table(date);
    if (t.working.has(date)) return false;
    return isWeekend(date) || t.off.has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return !this.isDayOff(date);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, -1);
    while (this.isDayOff(d)) d = addDays(d, -1);
    return d;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = addDays(date, 1);
    while (this.isDayOff(d)) d = addDays(d, 1);
    return d;
  }

  /** The days off from `from` up to `until` (not included), each with its holiday's name when it has one. */
  daysOffBetween(from: IsoDate, until: IsoDate): SkippedDay[] {
    const days: SkippedDay[] = [];
    for (let d = from; d < until; d = addDays(d, 1)) {
      if (!this.isDayOff(d)) continue;
      const holiday = this.holiday(d)?.name;
      days.push({ date: d, ...(holiday !== undefined && { holiday }) });
    }
    return days;
  }

  private table(date: IsoDate): YearTable {
    const year = Number(date.slice(0, 4));
    let t = this.years.get(year);
    if (!t) {
      t = {
        off: new Map(holidaysOf(year, this.decisions).map((h) => [h.date, h])),
        working: new Set(swappedWorkingDaysOf(year, this.decisions).map((h) => h.date)),
      };
      this.years.set(year, t);
    }
    return t;
  }
}
