import { lunarToSolar, solarToLunar, tetOf } from '../../calendar/lunar';
import { isoFromSolar } from '../../calendar/days';

const CHINA_OFFSET_HOURS = 8;
const iso = isoFromSolar;

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i is %s', (year, expected) => {
    expect(iso(tetOf(year))).toBe(expected);
  });

  it.each([
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i differs from the Chinese calendar computed at UTC+8', (year, vietnam, china) => {
    expect(iso(tetOf(year))).toBe(vietnam);
    expect(iso(tetOf(year, CHINA_OFFSET_HOURS))).toBe(china);
  });

  it.each([
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2024, '2024-04-18'],
    [2027, '2027-04-16'],
  ])('Hùng Kings (10/3 lunar) %i is %s', (year, expected) => {
    expect(iso(lunarToSolar({ day: 10, month: 3, year, leap: false }))).toBe(expected);
  });

  it('knows the leap fourth month of 2020', () => {
    expect(solarToLunar({ day: 23, month: 5, year: 2020 })).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(iso(lunarToSolar({ day: 1, month: 4, year: 2020, leap: true }))).toBe('2020-05-23');
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2020, leap: true })).toThrow(RangeError);
  });

  it('round-trips every day of 2019–2031', () => {
    for (let jd = 0; jd < 365 * 13; jd += 1) {
      const d = new Date(Date.UTC(2019, 0, 1 + jd));
      const solar = { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
      expect(lunarToSolar(solarToLunar(solar))).toEqual(solar);
    }
  });
});
