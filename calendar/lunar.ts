/**
 * The Vietnamese lunar calendar, after Hồ Ngọc Đức's astronomical algorithm.
 * Vietnam reckons new moons and solar terms at UTC+7; Chinese libraries use UTC+8, and the two
 * calendars then differ in some years (Tết 1985: 21/1 here, 20/2 in China). Pure arithmetic on
 * Julian day numbers, so it is deterministic inside workflows.
 */

export const VIETNAM_OFFSET_HOURS = 7;

export interface SolarDate {
  day: number;
  month: number;
  year: number;
}

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

const SYNODIC_MONTH = 29.530588853;
/** The Julian day of the new moon of 1 January 1900, the epoch of the new-moon series. */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

export function jdFromDate({ day, month, year }: SolarDate): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const gregorian =
    day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  // Before 15 October 1582 the day number is Julian-calendar based.
  return gregorian < 2299161 ? day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083 : gregorian;
}

export function jdToDate(jd: number): SolarDate {
  let b = 0;
  let c = jd + 32082;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** The instant (Julian day, UT) of the k-th new moon after the epoch. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c1 - deltaT;
}

/** The sun's apparent longitude, in radians in [0, 2π), at a Julian day (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  dl = dl + (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + dl) * DEG;
  return L - Math.PI * 2 * Math.floor(L / (Math.PI * 2));
}

/** Which of the twelve 30° sectors the sun is in at the start of a local day; sector 9 begins at the winter solstice. */
function sunSector(dayNumber: number, offsetHours: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - offsetHours / 24) / Math.PI) * 6);
}

function newMoonDay(k: number, offsetHours: number): number {
  return Math.floor(newMoon(k) + 0.5 + offsetHours / 24);
}

/** The first day of the lunar month that contains the winter solstice of a solar year (month 11). */
function lunarMonth11(year: number, offsetHours: number): number {
  const k = Math.floor((jdFromDate({ day: 31, month: 12, year }) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k, offsetHours);
  return sunSector(nm, offsetHours) >= 9 ? newMoonDay(k - 1, offsetHours) : nm;
}

/** In a 13-month year, the index (after month 11) of the first month that contains no major solar term: the leap month. */
function leapMonthOffset(a11: number, offsetHours: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, offsetHours), offsetHours);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, offsetHours), offsetHours);
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(date: SolarDate, offsetHours = VIETNAM_OFFSET_HOURS): LunarDate {
  const dayNumber = jdFromDate(date);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, offsetHours);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, offsetHours);
  let a11 = lunarMonth11(date.year, offsetHours);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = date.year;
    a11 = lunarMonth11(date.year - 1, offsetHours);
  } else {
    year = date.year + 1;
    b11 = lunarMonth11(date.year + 1, offsetHours);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, offsetHours);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day: dayNumber - monthStart + 1, month, year, leap };
}

/** The solar date of a lunar date; a leap month that the year does not have is a RangeError. */
export function lunarToSolar(date: LunarDate, offsetHours = VIETNAM_OFFSET_HOURS): SolarDate {
  const [a11, b11] =
    date.month < 11
      ? [lunarMonth11(date.year - 1, offsetHours), lunarMonth11(date.year, offsetHours)]
      : [lunarMonth11(date.year, offsetHours), lunarMonth11(date.year + 1, offsetHours)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = date.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, offsetHours);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (date.leap && date.month !== leapMonth) {
      throw new RangeError(`lunar year ${date.year} has no leap month ${date.month}`);
    }
    if (date.leap || off >= leapOff) off += 1;
  } else if (date.leap) {
    throw new RangeError(`lunar year ${date.year} has no leap month`);
  }
  return jdToDate(newMoonDay(k + off, offsetHours) + date.day - 1);
}

/** Tết Nguyên Đán: the first day of the first lunar month of `year`. */
export function tetOf(year: number, offsetHours = VIETNAM_OFFSET_HOURS): SolarDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, offsetHours);
}
