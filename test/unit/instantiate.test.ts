import { instantiate } from '../../calendar/instantiate';
import type { PlannedItem, YearPlan } from '../../calendar/types';
import { loadBlocConfig } from '../../config/load';
import type { BlocConfig } from '../../config/schema';

const seed = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');

function item(plan: YearPlan, id: string): PlannedItem {
  const found = plan.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

describe('instantiate the Đắk Nông Bloc No. 4 plan', () => {
  const plan2020 = instantiate(seed, 2020);

  it('keeps every item of the plan, in order, with the year filled into the titles', () => {
    expect(plan2020.items.map((i) => i.id)).toEqual([
      'hoi-nghi-giao-uoc', 'dang-ky-thi-dua', 'giao-luu-ngay-le', 'giao-luu-dien-hinh', 'bao-cao-6-thang',
      'tong-hop-6-thang', 'hoi-nghi-so-ket', 'hoi-thao', 'giao-luu-toa-dam', 'bao-cao-tong-ket', 'cham-diem',
      'tong-hop-cuoi-nam', 'hoi-nghi-tong-ket', 'ban-giao', 'bao-cao-dien-hinh',
    ]);
    expect(item(plan2020, 'giao-luu-ngay-le').title).toContain(
      '45 năm ngày Giải phóng miền Nam, thống nhất đất nước 30/4/1975 - 30/4/2020',
    );
    expect(item(plan2020, 'giao-luu-dien-hinh').title).toContain('72 năm ngày Bác Hồ ra lời kêu gọi thi đua ái quốc (11/6/1948-11/6/2020)');
    expect(item(plan2020, 'bao-cao-tong-ket').title).toContain('năm 2020 và phương hướng nhiệm vụ năm 2021');
  });

  it('holds the covenant conference on 17/1/2020 at the plan’s event time', () => {
    expect(item(plan2020, 'hoi-nghi-giao-uoc')).toMatchObject({
      at: '2020-01-17T08:00:00.000+07:00',
      wording: 'ngày 17/1/2020',
      dateState: 'fixed',
      rolled: false,
    });
  });

  it('ends the 6-month report at the end of Monday 15/6/2020: 14/6 was a Sunday', () => {
    expect(item(plan2020, 'bao-cao-6-thang')).toMatchObject({
      at: '2020-06-15T23:59:59.999+07:00',
      nominalDay: '2020-06-14',
      rolled: true,
      wording: 'trước ngày 15/6/2020',
      to: ['deputy'],
      units: seed.units.map((u) => u.id),
    });
  });

  it('ends "before 31/12/2020" at the end of Wednesday 30/12/2020', () => {
    expect(item(plan2020, 'bao-cao-tong-ket')).toMatchObject({
      at: '2020-12-30T23:59:59.999+07:00',
      nominalDay: '2020-12-30',
      rolled: false,
      wording: 'trước ngày 31/12/2020',
      to: ['leader'],
    });
  });

  it('counts the day itself when the bloc says "before" includes it', () => {
    const inclusive: BlocConfig = { ...seed, deadlines: { ...seed.deadlines, beforeIncludesDay: true } };
    expect(item(instantiate(inclusive, 2020), 'bao-cao-tong-ket').at).toBe('2020-12-31T23:59:59.999+07:00');
  });

  it('leaves windows unset, the January conference in 2021', () => {
    expect(item(plan2020, 'dang-ky-thi-dua')).toMatchObject({
      dateState: 'unset',
      window: { from: '2020-04-01', to: '2020-06-30' },
      wording: 'Quý II/2020',
      to: ['leader', 'board'],
    });
    expect(item(plan2020, 'dang-ky-thi-dua').at).toBeUndefined();
    expect(item(plan2020, 'hoi-nghi-tong-ket')).toMatchObject({
      dateState: 'unset',
      window: { from: '2021-01-01', to: '2021-01-31' },
      wording: 'tháng 1/2021',
    });
  });

  it('hands over after the conference: from the window’s end while unset, from its day once set', () => {
    expect(item(plan2020, 'ban-giao')).toMatchObject({ at: '2021-02-01T23:59:59.999+07:00', units: ['so-noi-vu'] });
    const set = instantiate(seed, 2020, { dateOverrides: { 'hoi-nghi-tong-ket': { date: '2021-01-15', time: '14:00' } } });
    expect(item(set, 'hoi-nghi-tong-ket')).toMatchObject({
      dateState: 'set',
      at: '2021-01-15T14:00:00.000+07:00',
      wording: 'ngày 15/1/2021 (tháng 1/2021)',
    });
    expect(item(set, 'ban-giao')).toMatchObject({
      at: '2021-01-16T14:00:00.000+07:00',
      wording: 'ngày 16/1/2021, sau sự kiện ngày 15/1/2021 (tháng 1/2021)',
    });
  });

  it('has the deputy compile the mid-year reports a week after their cut-off, for the board', () => {
    expect(item(plan2020, 'tong-hop-6-thang')).toMatchObject({
      at: '2020-06-22T23:59:59.999+07:00',
      units: ['so-noi-vu'],
      to: ['board'],
      wording: 'ngày 22/6/2020, sau hạn nộp trước ngày 15/6/2020',
    });
  });

  it('moves a fixed item on a date override and resolves roles for another year', () => {
    const plan = instantiate(seed, 2021, {
      roles: { leader: 'so-noi-vu', deputy: 'so-ke-hoach-dau-tu' },
      dateOverrides: { 'bao-cao-6-thang': { date: '2021-06-19' } },
    });
    // 19/6/2021 is a Saturday: the moved deadline still rolls to Monday.
    expect(item(plan, 'bao-cao-6-thang')).toMatchObject({ dateState: 'set', at: '2021-06-21T23:59:59.999+07:00', rolled: true });
    expect(item(plan, 'tong-hop-6-thang').units).toEqual(['so-ke-hoach-dau-tu']);
    expect(item(plan, 'tong-hop-cuoi-nam').units).toEqual(['so-noi-vu']);
  });

  it('words a set window day with its window', () => {
    const plan = instantiate(seed, 2020, { dateOverrides: { 'hoi-thao': { date: '2020-08-20' } } });
    expect(item(plan, 'hoi-thao')).toMatchObject({ wording: 'ngày 20/8/2020 (Quý III/2020)', at: '2020-08-20T08:00:00.000+07:00' });
  });

  it('keeps the exemplary-model reports open all year, with no instant', () => {
    const ongoing = item(plan2020, 'bao-cao-dien-hinh');
    expect(ongoing).toMatchObject({ wording: 'cả năm 2020', window: { from: '2020-01-01', to: '2020-12-31' } });
    expect(ongoing.at).toBeUndefined();
  });

  it('plans 2027 on the same template, rolling off weekends', () => {
    const plan = instantiate(seed, 2027);
    expect(item(plan, 'bao-cao-6-thang')).toMatchObject({ at: '2027-06-14T23:59:59.999+07:00', rolled: false });
    expect(item(plan, 'bao-cao-tong-ket').at).toBe('2027-12-30T23:59:59.999+07:00');
    expect(item(plan, 'hoi-nghi-tong-ket').window).toEqual({ from: '2028-01-01', to: '2028-01-31' });
  });

  it('rolls a deadline off the 2027 Tết break, and lets the workflow replace the decisions', () => {
    const inTet: BlocConfig = {
      ...seed,
      items: [{ id: 'tet', kind: 'deadline', title: 'Hạn trong Tết', from: 'all', to: ['leader'], due: { on: '8/2', nextYear: false } }],
    };
    expect(item(instantiate(inTet, 2027), 'tet')).toMatchObject({ at: '2027-02-15T23:59:59.999+07:00', rolled: true, nominalDay: '2027-02-08' });
    expect(item(instantiate(inTet, 2027, { decisions: [] }), 'tet').at).toBe('2027-02-12T23:59:59.999+07:00');
  });
});
