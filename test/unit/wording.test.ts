/** Dates that say why: a cut-off with its time, a rolled cut-off with its reasons, a window that ended without its day. */
import { instantiate } from '../../calendar/instantiate';
import { scheduleChanges, planYear } from '../../calendar/schedule';
import type { PlannedItem, YearPlan } from '../../calendar/types';
import { awaitingDayVi, cutOffVi, dueVi, momentVi, rolledVi } from '../../calendar/wording';
import { loadBlocConfig } from '../../config/load';
import type { BlocConfig, ItemConfig } from '../../config/schema';
import { blocTerms } from '../../config/terms';

const ZONE = 'Asia/Ho_Chi_Minh';
const seed = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');

function item(plan: YearPlan, id: string): PlannedItem {
  const found = plan.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** The seed with one more deadline, and the calendar decisions given (the law's alone by default). */
function withDeadline(due: ItemConfig['due'], decisions: BlocConfig['calendar']['decisions'] = []): BlocConfig {
  const extra: ItemConfig = { id: 'han', kind: 'deadline', title: 'Báo cáo nhanh', from: 'all', to: ['leader'], due };
  return { ...seed, calendar: { decisions }, items: [...seed.items, extra] };
}

describe('a cut-off with a time', () => {
  // 26/11/2026 is a Thursday.
  const plan = instantiate(withDeadline({ on: '26/11', at: '06:12', nextYear: false }), 2026);

  it('reads "hạn 6 giờ 12", not "hết" the day, in the plan, the timeline and the status matrix alike', () => {
    expect(item(plan, 'han').at).toBe('2026-11-26T06:12:00.000+07:00');
    expect(dueVi(item(plan, 'han'), ZONE)).toBe('ngày 26/11/2026 — hạn 6 giờ 12, thứ Năm, ngày 26/11/2026');
    expect(cutOffVi('2026-11-26T06:12:00.000+07:00', ZONE)).toBe('hạn 6 giờ 12, thứ Năm, ngày 26/11/2026');
  });

  it('keeps "hết" for a cut-off at the end of its day', () => {
    expect(cutOffVi('2020-06-15T23:59:59.999+07:00', ZONE)).toBe('hết thứ Hai, ngày 15/6/2020');
    expect(dueVi(item(instantiate(seed, 2027), 'bao-cao-6-thang'), ZONE)).toBe('trước ngày 15/6/2027 — hết thứ Hai, ngày 14/6/2027');
  });

  it('gives an event its hour, and a handover counted from a window’s end the end of its day', () => {
    const plan2020 = instantiate(seed, 2020);
    expect(dueVi(item(plan2020, 'hoi-nghi-giao-uoc'), ZONE)).toBe('ngày 17/1/2020 — 8 giờ 00, thứ Sáu, ngày 17/1/2020');
    expect(momentVi('2021-02-01T23:59:59.999+07:00', ZONE)).toBe('hết thứ Hai, ngày 1/2/2021');
    expect(dueVi(item(plan2020, 'dang-ky-thi-dua'), ZONE)).toBe('Quý II/2020');
  });
});

describe('a rolled cut-off says why', () => {
  it('"before 31/12/2028": Saturday, then Sunday, then New Year’s Day on Monday', () => {
    const report = item(instantiate(seed, 2028), 'bao-cao-tong-ket');
    expect(report).toMatchObject({
      at: '2029-01-02T23:59:59.999+07:00',
      nominalDay: '2028-12-30',
      rolled: true,
      skipped: [{ date: '2028-12-30' }, { date: '2028-12-31' }, { date: '2029-01-01', holiday: 'Tết Dương lịch' }],
    });
    expect(rolledVi(report, ZONE)).toBe('30/12/2028 là thứ Bảy, 1/1/2029 nghỉ Tết Dương lịch: hạn lùi đến hết thứ Ba 2/1/2029');
    expect(dueVi(report, ZONE)).toBe(
      'trước ngày 31/12/2028 — 30/12/2028 là thứ Bảy, 1/1/2029 nghỉ Tết Dương lịch: hạn lùi đến hết thứ Ba 2/1/2029',
    );
  });

  it('a Sunday alone', () => {
    expect(rolledVi(item(instantiate(seed, 2020), 'bao-cao-6-thang'), ZONE)).toBe('14/6/2020 là Chủ nhật: hạn lùi đến hết thứ Hai 15/6/2020');
  });

  it('says a run of Tết days once, and a day in lieu after the weekend by its own name', () => {
    // Law only, 2028: Tết 25–29/1 (Tuesday to Saturday), in lieu of mùng 4 on Monday 31/1.
    const tet = item(instantiate(withDeadline({ on: '27/1', nextYear: false }), 2028), 'han');
    expect(rolledVi(tet, ZONE)).toBe(
      'từ 27/1/2028 đến 29/1/2028 nghỉ Tết Nguyên đán, 31/1/2028 nghỉ bù Tết Nguyên đán (mùng 4): hạn lùi đến hết thứ Ba 1/2/2028',
    );
  });

  it('reads the decision in force: the 2027 break of the sample runs to Sunday 14/2', () => {
    const tet = item(instantiate(withDeadline({ on: '8/2', nextYear: false }, seed.calendar.decisions), 2027), 'han');
    expect(rolledVi(tet, ZONE)).toBe('từ 8/2/2027 đến 14/2/2027 nghỉ Tết Nguyên đán: hạn lùi đến hết thứ Hai 15/2/2027');
  });

  it('keeps the time of a timed cut-off that rolls', () => {
    const saturday = item(instantiate(withDeadline({ on: '28/11', at: '06:12', nextYear: false }), 2026), 'han');
    expect(saturday.at).toBe('2026-11-30T06:12:00.000+07:00');
    expect(rolledVi(saturday, ZONE)).toBe('28/11/2026 là thứ Bảy: hạn lùi đến 6 giờ 12, thứ Hai 30/11/2026');
  });

  it('a schedule recorded before the days were kept still names its last day', () => {
    expect(rolledVi({ at: '2020-06-15T23:59:59.999+07:00', nominalDay: '2020-06-14' }, ZONE)).toBe(
      '14/6/2020 là Chủ nhật: hạn lùi đến hết thứ Hai 15/6/2020',
    );
    expect(rolledVi({ at: '2029-01-02T23:59:59.999+07:00', nominalDay: '2029-01-01' }, ZONE)).toBe(
      '1/1/2029 là ngày nghỉ: hạn lùi đến hết thứ Ba 2/1/2029',
    );
  });

  it('adds the days without moving anything a running year compares', () => {
    const recorded = planYear({ config: seed, year: 2028 });
    const asBefore = { ...recorded, items: recorded.items.map(({ skipped: _skipped, ...rest }) => rest) };
    expect(scheduleChanges(asBefore, recorded)).toEqual([]);
  });
});

describe('a window without its day', () => {
  const registration = item(instantiate(seed, 2020), 'dang-ky-thi-dua');

  it('waits for it while the quarter lasts', () => {
    expect(awaitingDayVi(registration, '2020-06-30T23:59:00.000+07:00', ZONE)).toBe('chờ ấn định ngày');
  });

  it('says the quarter is over once it is', () => {
    expect(awaitingDayVi(registration, '2020-07-01T00:00:00.000+07:00', ZONE)).toBe('hết Quý II/2020 mà chưa ấn định ngày');
    const conference = item(instantiate(seed, 2020), 'hoi-nghi-tong-ket');
    expect(awaitingDayVi(conference, '2021-02-01T08:00:00.000+07:00', ZONE)).toBe('hết tháng 1/2021 mà chưa ấn định ngày');
  });
});

describe('the words of the bloc', () => {
  it('a Khối by default, a Cụm when the plan says so, each word overridable', () => {
    expect(blocTerms()).toEqual({
      vi: { bloc: 'Khối', leader: 'Khối trưởng', deputy: 'Khối phó', secretariat: 'Thư ký Khối' },
      en: { bloc: 'bloc', leader: 'bloc leader', deputy: 'deputy leader', secretariat: 'bloc secretariat' },
    });
    expect(blocTerms({ kind: 'cum' })).toEqual({
      vi: { bloc: 'Cụm', leader: 'Cụm trưởng', deputy: 'Cụm phó', secretariat: 'Thư ký Cụm' },
      en: { bloc: 'cluster', leader: 'cluster leader', deputy: 'deputy leader', secretariat: 'cluster secretariat' },
    });
    expect(blocTerms({ kind: 'cum', terms: { leader: 'Trưởng Cụm', leaderEn: 'cluster head' } })).toEqual({
      vi: { bloc: 'Cụm', leader: 'Trưởng Cụm', deputy: 'Cụm phó', secretariat: 'Thư ký Cụm' },
      en: { bloc: 'cluster', leader: 'cluster head', deputy: 'deputy leader', secretariat: 'cluster secretariat' },
    });
  });

  it('goes with the plan, so that a running year’s tables can word it', () => {
    expect(instantiate({ ...seed, bloc: { ...seed.bloc, kind: 'cum' } }, 2027).terms?.vi.leader).toBe('Cụm trưởng');
    expect(instantiate(seed, 2027).terms?.vi.leader).toBe('Khối trưởng');
  });
});
