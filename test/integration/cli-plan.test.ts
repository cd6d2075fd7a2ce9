/** The `bloc` CLI as a person runs it: a built process, its output and its exit code. */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI, ensureBuilt, ROOT } from '../support/dist';

const SEED = 'config/blocs/dak-nong-khoi-4.yaml';

function bloc(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => ensureBuilt());

describe('bloc config check', () => {
  it('accepts the seed', () => {
    const r = bloc('config', 'check', SEED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: config\/blocs\/dak-nong-khoi-4\.yaml: Khối thi đua số 4 \(Đắk Nông\): 9 đơn vị, 15 mục/);
  });

  it('lists every problem of a broken file, one per line, and exits 2', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-cli-')), 'bloc.yaml');
    writeFileSync(
      file,
      [
        'bloc: { id: Khoi 4, name: Khối, province: Đắk Nông }',
        'secretariat: { name: Thư ký, emails: [thuky@khoi.example.vn] }',
        'board: { name: Ban, emails: [ban@ban.example.vn] }',
        'units:',
        '  - { id: a, name: A, emails: [a@a.example.vn] }',
        '  - { id: a, name: B, emails: [not-an-email] }',
        'roles: { leader: a, deputy: c }',
        'reminders: { before: [P7D, P1M] }',
        'items:',
        '  - { id: r, kind: deadline, title: Báo cáo, due: { before: 15/6 } }',
      ].join('\n'),
    );
    const r = bloc('config', 'check', file);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bloc\.yaml: bloc\.id: mã chỉ gồm chữ thường/),
        `${file}: units[1].emails[0]: địa chỉ email không hợp lệ / invalid email address`,
        `${file}: units[1].id: mã đơn vị trùng: a / duplicate unit id`,
        `${file}: roles.deputy: không có đơn vị c / unknown unit`,
        expect.stringMatching(/bloc\.yaml: reminders\.before\[1\]: thời lượng ISO-8601 không hợp lệ/),
        expect.stringMatching(/^bloc: .*5 lỗi/),
      ]),
    );
  });

  it('says a missing file is missing', () => {
    const r = bloc('config', 'check', 'khong-co.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('khong-co.yaml: không tìm thấy tệp / file not found');
  });
});

describe('bloc plan', () => {
  it('gives the seed’s 2020 dates as JSON', () => {
    const r = bloc('plan', SEED, '--year', '2020', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { year: number; roles: unknown; items: { id: string; at?: string; wording: string; window: unknown; reminders: string[]; followUps: string[] }[] };
    expect(plan).toMatchObject({ blocId: 'dak-nong-khoi-4', year: 2020, timeZone: 'Asia/Ho_Chi_Minh', roles: { leader: 'vp-ubnd', deputy: 'so-noi-vu' }, extensions: {} });
    const byId = new Map(plan.items.map((i) => [i.id, i]));
    expect(byId.get('bao-cao-6-thang')).toMatchObject({
      at: '2020-06-15T23:59:59.999+07:00',
      wording: 'trước ngày 15/6/2020',
      reminders: ['2020-06-01T08:00:00.000+07:00', '2020-06-08T08:00:00.000+07:00', '2020-06-12T08:00:00.000+07:00'],
      followUps: ['2020-06-18T08:00:00.000+07:00', '2020-06-22T08:00:00.000+07:00', '2020-06-25T08:00:00.000+07:00'],
    });
    expect(byId.get('bao-cao-tong-ket')).toMatchObject({ at: '2020-12-30T23:59:59.999+07:00', wording: 'trước ngày 31/12/2020' });
    expect(byId.get('hoi-nghi-giao-uoc')).toMatchObject({ at: '2020-01-17T08:00:00.000+07:00', wording: 'ngày 17/1/2020' });
    expect(byId.get('hoi-nghi-tong-ket')).toMatchObject({ wording: 'tháng 1/2021', window: { from: '2021-01-01', to: '2021-01-31' }, reminders: [] });
    expect(byId.get('hoi-nghi-tong-ket')?.at).toBeUndefined();
    expect(byId.get('ban-giao')?.at).toBe('2021-02-01T23:59:59.999+07:00');
  });

  it('prints a table for people', () => {
    const r = bloc('plan', SEED, '--year', '2020');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('trước ngày 15/6/2020 — hết thứ Hai, ngày 15/6/2020');
    expect(r.stdout).toContain('Quý III/2020');
  });

  it('refuses a year that is not one, with exit 2', () => {
    expect(bloc('plan', SEED, '--year', '20x0').code).toBe(2);
  });
});

describe('bloc holidays', () => {
  it('lists the days off of 2027 by law and the lunar calendar', () => {
    const r = bloc('holidays', '--year', '2027');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('thứ Bảy, ngày 6/2/2027');
    expect(r.stdout).toContain('Giỗ Tổ Hùng Vương (10/3 Âm lịch) [âm lịch]');
    expect(r.stdout).toContain('thứ Sáu, ngày 16/4/2027');
  });

  it('takes the yearly decision from a bloc file', () => {
    const r = bloc('holidays', '--year', '2027', '--json', '--config', SEED);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { daysOff: { date: string; source: string }[]; workingDays: { date: string }[] };
    expect(out.daysOff.filter((d) => d.source === 'decision')).toHaveLength(10);
    expect(out.workingDays.map((d) => d.date)).toEqual(['2027-02-20']);
  });
});

describe('bloc plan for 2027: reminders off weekends and off the Tết break', () => {
  interface PlannedJson {
    id: string;
    reminders: string[];
  }
  const plan = (file: string) => (JSON.parse(bloc('plan', file, '--year', '2027', '--json').stdout) as { items: PlannedJson[] }).items;
  const workingDay = (daysOff: Set<string>) => (iso: string) =>
    !daysOff.has(iso.slice(0, 10)) && ![0, 6].includes(new Date(`${iso.slice(0, 10)}T12:00:00Z`).getUTCDay());

  it('sends the 6-month report reminders on working days: the day before (Sunday 13/6) moves to Friday 11/6', () => {
    const items = plan(SEED);
    expect(items.find((i) => i.id === 'bao-cao-6-thang')?.reminders).toEqual([
      '2027-05-31T08:00:00.000+07:00',
      '2027-06-07T08:00:00.000+07:00',
      '2027-06-11T08:00:00.000+07:00',
    ]);
    const holidays = JSON.parse(bloc('holidays', '--year', '2027', '--json', '--config', SEED).stdout) as { daysOff: { date: string }[] };
    const daysOff = new Set(holidays.daysOff.map((d) => d.date));
    expect(items.flatMap((i) => i.reminders).filter((r) => !workingDay(daysOff)(r))).toEqual([]);
  });

  it('moves the reminders of a conference held just after Tết (16/2/2027) off the 5–14/2 break', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-tet-')), 'khoi.yaml');
    writeFileSync(file, readFileSync(join(ROOT, SEED), 'utf8').replace('due: { on: 17/1 }', 'due: { on: 16/2 }'));
    // 14 days before is Tuesday 2/2; 7 and 3 days before (9/2, 13/2) fall in the break and move to Thursday 4/2.
    expect(plan(file).find((i) => i.id === 'hoi-nghi-giao-uoc')?.reminders).toEqual([
      '2027-02-02T08:00:00.000+07:00',
      '2027-02-04T08:00:00.000+07:00',
      '2027-02-15T08:00:00.000+07:00',
    ]);
  });
});
