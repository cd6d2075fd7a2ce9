import { holidaysOf, OfficialCalendar, swappedWorkingDaysOf } from '../../calendar/holidays';
import { loadBlocConfig } from '../../config/load';

const seed = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');
const dates = (year: number, decisions = seed.calendar.decisions) => holidaysOf(year, decisions).map((h) => h.date);

describe('the official calendar', () => {
  it('lists the Labour Code days of 2020, with Tết and Hùng Kings from the lunar calendar at UTC+7', () => {
    expect(holidaysOf(2020)).toEqual([
      { date: '2020-01-01', name: 'Tết Dương lịch', source: 'law' },
      { date: '2020-01-24', name: 'Tết Nguyên đán (ngày cuối năm Âm lịch)', source: 'lunar' },
      { date: '2020-01-25', name: 'Tết Nguyên đán (mùng 1)', source: 'lunar' },
      { date: '2020-01-26', name: 'Tết Nguyên đán (mùng 2)', source: 'lunar' },
      { date: '2020-01-27', name: 'Tết Nguyên đán (mùng 3)', source: 'lunar' },
      { date: '2020-01-28', name: 'Tết Nguyên đán (mùng 4)', source: 'lunar' },
      // mùng 1 and mùng 2 fell on Saturday and Sunday (art. 112(3)).
      { date: '2020-01-29', name: 'Nghỉ bù Tết Nguyên đán (mùng 1)', source: 'law' },
      { date: '2020-01-30', name: 'Nghỉ bù Tết Nguyên đán (mùng 2)', source: 'law' },
      { date: '2020-04-02', name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)', source: 'lunar' },
      { date: '2020-04-30', name: 'Ngày Chiến thắng (30/4)', source: 'law' },
      { date: '2020-05-01', name: 'Ngày Quốc tế Lao động (1/5)', source: 'law' },
      // 2020 still ran on the Labour Code 2012: National Day was one day.
      { date: '2020-09-02', name: 'Quốc khánh (2/9)', source: 'law' },
    ]);
  });

  it.each([
    [2021, '2021-09-03'], // Thursday 2/9 → Friday 3/9
    [2022, '2022-09-01'], // Friday 2/9 → Thursday 1/9
    [2024, '2024-09-03'], // Monday 2/9 → Tuesday 3/9
    [2025, '2025-09-01'], // Tuesday 2/9 → Monday 1/9
  ])('gives National Day %i its adjacent day by default (%s)', (year, adjacent) => {
    expect(dates(year, [])).toEqual(expect.arrayContaining([`${year}-09-02`, adjacent]));
  });

  it('puts a holiday on a weekend into the next free working day', () => {
    // 2023: 2/9 on Saturday, adjacent 1/9 Friday, day in lieu Monday 4/9.
    expect(dates(2023, [])).toEqual(expect.arrayContaining(['2023-09-01', '2023-09-02', '2023-09-04']));
    // 2027: 1/5 on Saturday → Monday 3/5.
    expect(holidaysOf(2027).find((h) => h.date === '2027-05-03')?.name).toBe('Nghỉ bù Ngày Quốc tế Lao động (1/5)');
  });

  it('lets the 2027 decision replace the default Tết days and swap a Saturday', () => {
    const tet = dates(2027).filter((d) => d < '2027-03-01' && d > '2027-01-01');
    expect(tet).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
      '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14',
    ]);
    expect(holidaysOf(2027, seed.calendar.decisions).every((h) => !h.date.startsWith('2027-02') || h.source === 'decision')).toBe(true);
    expect(swappedWorkingDaysOf(2027, seed.calendar.decisions).map((d) => d.date)).toEqual(['2027-02-20']);
    // Without the decision, the law's default: 5/2–9/2 and two days in lieu.
    expect(dates(2027, []).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
  });

  it('answers working-day questions', () => {
    const cal = new OfficialCalendar(seed.calendar.decisions);
    expect(cal.isDayOff('2020-06-14')).toBe(true); // Sunday
    expect(cal.isWorkingDay('2020-06-15')).toBe(true);
    expect(cal.isDayOff('2020-09-02')).toBe(true);
    expect(cal.isWorkingDay('2027-02-20')).toBe(true); // a Saturday made a working day
    expect(cal.nextWorkingDay('2027-02-04')).toBe('2027-02-15');
    expect(cal.previousWorkingDay('2027-02-15')).toBe('2027-02-04');
    expect(cal.previousWorkingDay('2027-02-22')).toBe('2027-02-20');
    expect(cal.holiday('2027-04-16')?.source).toBe('lunar');
  });
});
