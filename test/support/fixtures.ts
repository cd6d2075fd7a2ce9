/**
 * A small bloc for workflow tests: three units, one deadline, one role task, one event,
 * a window item, the January conference and the handover.
 */
import path from 'node:path';
import type { DateTime } from 'luxon';
import { loadBlocConfig, parseBlocConfig } from '../../config/load';
import type { BlocConfig, BlocConfigInput } from '../../config/schema';
import { criteriaOf, type ScoringTable } from '../../config/scoring';
import { REPO_ROOT } from '../../scripts/repo-root';

/**
 * The year every test plays, fixed so that no test reads today's date. It lies ahead of the time-skipping
 * server's clock (which starts at the real present and only moves forward) on any day through 2048.
 * 2049 has the weekdays of 2027: 1/1 is a Friday, 7/6 a Monday, 11/6 a Friday, 13/6 a Sunday, 14/6 a
 * Monday, 20/6 a Sunday, 20/8 a Friday; 14/1/2050 is a Friday. Its days off: Tết 1–5/2, Hùng Kings' day
 * Sunday 11/4 (in lieu Monday 12/4), 30/4, 1/5 (in lieu Monday 3/5), 2–3/9; the next Tết is 22–28/1/2050.
 */
export const FIXTURE_YEAR = 2049;

export function smallBloc(patch: (c: BlocConfigInput) => void = () => undefined): BlocConfig {
  const input: BlocConfigInput = {
    bloc: { id: 'thu-nghiem', name: 'Khối thi đua thử nghiệm', province: 'Đắk Nông' },
    secretariat: { name: 'Thư ký Khối', emails: ['thuky@khoi.example.vn'] },
    board: { name: 'Ban Thi đua - Khen thưởng tỉnh', emails: ['ban-tdkt@tinh.example.vn'] },
    units: [
      { id: 'so-a', name: 'Sở A', emails: ['vanthu@so-a.example.vn'] },
      { id: 'so-b', name: 'Sở B', emails: ['vanthu@so-b.example.vn'], cc: ['giamdoc@so-b.example.vn'] },
      { id: 'so-c', name: 'Sở Cê', emails: ['vanthu@so-c.example.vn'] },
    ],
    roles: { leader: 'so-a', deputy: 'so-b', rotation: ['so-a', 'so-b', 'so-c'] },
    reminders: { before: ['P7D', 'P1D'], at: '08:00', followUp: { every: 'P3D', max: 2 } },
    items: [
      { id: 'bao-cao-6-thang', kind: 'deadline', title: 'Báo cáo sơ kết 6 tháng', from: 'all', to: ['deputy'], due: { before: '15/6' } },
      { id: 'tong-hop-6-thang', kind: 'task', title: 'Tổng hợp báo cáo 6 tháng', from: 'deputy', to: ['board'], due: { on: '25/6' } },
      { id: 'hoi-thao', kind: 'event', title: 'Hội thao Khối', from: 'all', to: ['leader'], due: { window: 'Q3' } },
      { id: 'hoi-nghi-tong-ket', kind: 'event', title: 'Hội nghị tổng kết', from: 'all', to: ['leader'], due: { window: 'M1', nextYear: true } },
      { id: 'chuyen-giao', kind: 'handover', title: 'Chuyển giao Khối trưởng', due: { after: 'hoi-nghi-tong-ket' } },
      { id: 'dien-hinh', kind: 'ongoing', title: 'Báo cáo điển hình tiên tiến', from: 'all', to: ['leader'] },
    ],
  };
  patch(input);
  return parseBlocConfig(input, 'fixture');
}

/** The seed plan's scoring table (Appendix III, illustrative figures). */
// From the repository, not from this file: the benchmarks load this file from their build (dist-bench/).
export const SEED_TABLE = loadBlocConfig(path.join(REPO_ROOT, 'config', 'blocs', 'dak-nong-khoi-4.yaml')).scoring as ScoringTable;

/** The small bloc with the seed's scoring table, its self-scoring deadline, the conference and the handover only. */
export function scoredBloc(): BlocConfig {
  return smallBloc((c) => {
    c.items = [
      { id: 'cham-diem', kind: 'deadline', title: 'Các đơn vị tự chấm điểm', from: 'all', to: ['leader'], due: { before: '31/12' } },
      ...(c.items ?? []).filter((i) => i.id === 'hoi-nghi-tong-ket' || i.id === 'chuyen-giao'),
    ];
    c.scoring = SEED_TABLE;
  });
}

/**
 * The scored bloc with a registration item (`dang-ky`, due by 30/6) and the flag for one unit, among those who
 * registered, with at least a third of the ballots cast; `more` units join the three.
 */
export function conferenceBloc(more: BlocConfigInput['units'] = []): BlocConfig {
  return smallBloc((c) => {
    c.units = [...(c.units ?? []), ...more];
    c.items = [
      { id: 'dang-ky', kind: 'deadline', title: 'Đăng ký thi đua', from: 'all', to: ['leader'], due: { before: '30/6' }, registration: true },
      { id: 'cham-diem', kind: 'deadline', title: 'Các đơn vị tự chấm điểm', from: 'all', to: ['leader'], due: { before: '31/12' } },
      ...(c.items ?? []).filter((i) => i.id === 'hoi-nghi-tong-ket' || i.id === 'chuyen-giao'),
    ];
    c.scoring = {
      ...SEED_TABLE,
      titles: SEED_TABLE.titles.map((t) => (t.id === 'co-thi-dua' ? { ...t, seats: 1, requiresRegistration: true, ballot: { majorityOf: 'voters', atLeast: '1/3' } } : t)),
    };
  });
}

/** An open round of two seats among three candidates, as the year's ballot query gives it. */
export const OPEN_ROUND = {
  titleId: 'bang-khen',
  title: 'Bằng khen',
  round: 1,
  seats: 2,
  units: 5,
  candidates: [
    { unitId: 'so-a', name: 'Sở A' },
    { unitId: 'so-b', name: 'Sở B' },
    { unitId: 'so-ke-hoach-dau-tu', name: 'Sở Kế hoạch và Đầu tư' },
  ],
  openedAt: `${FIXTURE_YEAR + 1}-01-14T09:00:00.000+07:00`,
  voters: [],
};

/** Every criterion of the seed's table at its maximum less `minus`. */
export function seedPoints(minus: number): Record<string, number> {
  return Object.fromEntries(criteriaOf(SEED_TABLE).map((c) => [c.code, c.max - minus]));
}

/**
 * A bloc of `units` units whose only item, an event a minute after `reminderAt` (a whole minute), reminds
 * every unit at that one instant: a wave. `address` gives unit i (from 1) its mailbox.
 */
/**
 * `units` units, one event whose only reminder falls at `reminderAt` for every unit; the event `leadMinutes` later
 * (default 1). A reminder still owed once its event has begun is no longer sent, so a wave that faults may hold up
 * for minutes wants a longer lead.
 */
export function waveBloc(opts: { units: number; reminderAt: DateTime; address: (i: number) => string; id?: string; name?: string; leadMinutes?: number }): BlocConfig {
  const lead = opts.leadMinutes ?? 1;
  const event = opts.reminderAt.plus({ minutes: lead });
  return smallBloc((c) => {
    c.bloc = { ...c.bloc, ...(opts.id && { id: opts.id }), ...(opts.name && { name: opts.name }) };
    c.units = Array.from({ length: opts.units }, (_, i) => ({ id: `u${i + 1}`, name: `Đơn vị ${i + 1}`, emails: [opts.address(i + 1)] }));
    c.roles = { leader: 'u1', deputy: 'u2' };
    c.items = (c.items ?? []).filter((i) => i.id === 'hoi-thao');
    const sports = c.items[0];
    if (sports) {
      sports.due = { on: `${event.day}/${event.month}`, at: event.toFormat('HH:mm') };
      sports.reminders = { before: [`PT${lead}M`] };
    }
  });
}
