/** The `bloc` CLI as a person runs it: a built process, its output and its exit code. */
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { bloc, spawnBloc } from '../support/cli';
import { ROOT } from '../support/dist';

const SEED = 'config/blocs/dak-nong-khoi-4.yaml';

/** `bloc ARGS` in this process (test/support/cli.ts); the first and the last check of `plan` run the built program. */
const run = (...args: string[]) => bloc(args);


const BAD_YEAR =
  "error: option '--year <yyyy>' argument '20x0' is invalid. năm phải là số có bốn chữ số từ 1990 đến 2200 / year must be 1990–2200";

/** A small bloc whose units are given as YAML lines. */
function blocWithUnits(unitLines: string[]): string {
  return [
    'bloc: { id: khoi-thu, name: Khối thử, province: Đắk Nông }',
    'secretariat: { name: Thư ký, emails: [thuky@khoi.example.vn] }',
    'board: { name: Ban, emails: [ban@ban.example.vn] }',
    'units:',
    ...unitLines,
    'roles: { leader: u-0, deputy: u-1 }',
    'items:',
    '  - { id: r, kind: deadline, title: Báo cáo, due: { before: 15/6 } }',
    '',
  ].join('\n');
}
const unitLine = (i: number, email = `u${i}@khoi.example.vn`) => `  - { id: u-${i}, name: Đơn vị ${i}, emails: [${email}] }`;

describe('bloc config check', () => {
  it('accepts the seed', async () => {
    const r = await spawnBloc(['config', 'check', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: config\/blocs\/dak-nong-khoi-4\.yaml: Khối thi đua số 4 \(Đắk Nông\): 9 đơn vị, 15 mục/);
  });

  it('warns, on stderr and with exit 0, of a name that says Cụm while the kind says Khối: every email would say Khối trưởng', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-cli-')), 'cum.yaml');
    writeFileSync(file, blocWithUnits([unitLine(0), unitLine(1)]).replace('name: Khối thử', 'name: Cụm thi đua thử'));
    const r = await run('config', 'check', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: /);
    expect(r.stderr).toBe(
      'Cảnh báo: tên "Cụm thi đua thử" là một Cụm nhưng bloc.kind là khoi: mọi thư sẽ gọi "Khối trưởng"; thêm "kind: cum" vào mục bloc nếu đúng vậy / warning: the name says cum but bloc.kind is khoi\n',
    );
    const named = await run('config', 'check', SEED);
    expect(named.stderr).toBe('');
  });

  it('gives three mistakes in three lines, each with its line and column, the unit or item by id, and the value; exit 2', async () => {
    const seed = readFileSync(join(ROOT, SEED), 'utf8');
    const broken = seed
      .replace('emails: [vanthu@stp.daknong.example.vn]', 'emails: [vanthu.stp.daknong.example.vn]')
      .replace('roles:\n  leader: vp-ubnd', 'roles:\n  leader: vp-ubnd-tinh')
      .replace('due: { before: 15/6 }', 'due: { before: 31/6 }');
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-cli-')), 'khoi-4.yaml');
    writeFileSync(file, broken);
    const lineOf = (text: string) => broken.slice(0, broken.indexOf(text)).split('\n').length;
    const r = await run('config', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `bloc: ${file}:${lineOf('vanthu.stp')}:14: đơn vị "so-tu-phap" (thứ 6), emails thứ 1 = "vanthu.stp.daknong.example.vn": địa chỉ email không hợp lệ / invalid email address`,
      `bloc: ${file}:${lineOf('vp-ubnd-tinh')}:11: roles.leader = "vp-ubnd-tinh": không có đơn vị vp-ubnd-tinh / unknown unit`,
      `bloc: ${file}:${lineOf('31/6')}:20: mục "bao-cao-6-thang" (thứ 5), due.before = "31/6": ngày không có trong mọi năm / no such day every year`,
    ]);
  });

  it('answers a first key indented by two spaces with two lines, not one per line after it', async () => {
    const seed = readFileSync(join(ROOT, SEED), 'utf8');
    const broken = seed.replace('\nbloc:\n', '\n  bloc:\n');
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-cli-')), 'khoi-4.yaml');
    writeFileSync(file, broken);
    const line = broken.slice(0, broken.indexOf('  bloc:')).split('\n').length;
    const r = await run('config', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `bloc: ${file}:${line}:3: lỗi cú pháp YAML: khóa đầu tiên bị thụt lề, mà các khóa ngoài cùng (bloc, units, items…) phải bắt đầu ở cột 1 / ` +
        'YAML syntax error: the first key is indented; top-level keys (bloc, units, items…) start at column 1',
      expect.stringMatching(new RegExp(`^bloc: ${file}: còn \\d+ lỗi cú pháp sau lỗi này, thường chỉ do nó mà ra: sửa nó rồi kiểm tra lại / \\d+ more syntax errors after it`)),
    ]);
  });

  it('lists every problem of a broken file, one per line, in the order of the file', async () => {
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
    const r = await run('config', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `bloc: ${file}:1:13: bloc.id = "Khoi 4": mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang / lowercase letters, digits and hyphens only`,
      `bloc: ${file}:6:11: đơn vị "a" (thứ 2), id = "a": mã đơn vị trùng: a / duplicate unit id`,
      `bloc: ${file}:6:32: đơn vị "a" (thứ 2), emails thứ 1 = "not-an-email": địa chỉ email không hợp lệ / invalid email address`,
      `bloc: ${file}:7:29: roles.deputy = "c": không có đơn vị c / unknown unit`,
      `bloc: ${file}:8:28: reminders.before thứ 2 = "P1M": thời lượng ISO-8601 không hợp lệ, ví dụ P7D, PT5M / invalid ISO-8601 duration, e.g. P7D, PT5M`,
    ]);
  });

  it('gives a JSON file\'s problems by path, with the value', async () => {
    const seed = parse(readFileSync(join(ROOT, SEED), 'utf8')) as { units: { emails: string[] }[] };
    const unit = seed.units[5];
    if (unit) unit.emails = ['vanthu.stp'];
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-cli-')), 'khoi-4.json');
    writeFileSync(file, JSON.stringify(seed, null, 2));
    const r = await run('config', 'check', file);
    expect(r).toMatchObject({ code: 2, stderr: `bloc: ${file}: units[5].emails[0] = "vanthu.stp": địa chỉ email không hợp lệ / invalid email address\n` });
  });

  it('says a missing file is missing', async () => {
    const r = await run('config', 'check', 'khong-co.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('khong-co.yaml: không tìm thấy tệp / file not found');
  });
});

describe('bloc files made to break the engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bloc-cli-limits-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses a billion laughs as a problem of the file, naming it, with exit 2', async () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, key] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
      laughs.push(`${key}: &${key} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const path = file('laughs.yaml', `${laughs.join('\n')}\n`);
    const r = await run('plan', path, '--year', '2049');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `bloc: ${path}: bí danh YAML (*alias) được dùng quá nhiều lần, tối đa 100 / too many YAML alias expansions, at most 100\n`,
    );
  });

  it('refuses a unit name with a CR/LF that would put a "Bcc:" line in a mail, naming the field', async () => {
    const seed = readFileSync(join(ROOT, SEED), 'utf8');
    const path = file('crlf.yaml', seed.replace('name: Sở Nội vụ tỉnh Đắk Nông', 'name: "Sở Nội vụ\\r\\nBcc: ke-gian@example.com"'));
    const line = seed.split('\n').findIndex((l) => l.includes('name: Sở Nội vụ tỉnh Đắk Nông')) + 1;
    const r = await run('config', 'check', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `bloc: ${path}:${line}:11: đơn vị "so-noi-vu" (thứ 2), name = "Sở Nội vụ\\r\\nBcc: ke-gian@example.com": ` +
        'chỉ được viết trên một dòng, không có ký tự điều khiển: U+000D (CR) ở ký tự thứ 10 / ' +
        'must be one line without control characters: U+000D (CR) at character 10\n',
    );
  });

  it('refuses a file of 150,000 units, in config check and in start, with one line giving its size and the limit', async () => {
    const path = file('huge.yaml', blocWithUnits(Array.from({ length: 150_000 }, (_, i) => unitLine(i))));
    const size = statSync(path).size;
    for (const args of [['config', 'check', path], ['start', path, '--year', '2049']]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `bloc: ${path}: tệp quá lớn: ${size} byte, tối đa 1048576 byte (1 MiB) / file too large: ${size} bytes, at most 1048576 (1 MiB)\n`,
      );
    }
  });

  it('refuses 600 units in a file under 1 MiB with one line giving the count and the limit', async () => {
    const path = file('units.yaml', blocWithUnits(Array.from({ length: 600 }, (_, i) => unitLine(i))));
    const r = await run('config', 'check', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bloc: ${path}:4:1: units: có 600 đơn vị, tối đa 500 / 600 units, at most 500\n`);
  });

  it('prints the first 50 of 300 problems and counts them all', async () => {
    const path = file('emails.yaml', blocWithUnits(Array.from({ length: 300 }, (_, i) => unitLine(i, 'sai'))));
    const lines = (await run('config', 'check', path)).stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(`bloc: ${path}:5:41: đơn vị "u-0" (thứ 1), emails thứ 1 = "sai": địa chỉ email không hợp lệ / invalid email address`);
    expect(lines[50]).toBe(`bloc: ${path}: 300 lỗi (in 50 lỗi đầu), không dùng được / 300 problems (first 50 shown), file not usable`);
  });
});

describe('bloc plan', () => {
  it('gives the seed’s 2020 dates as JSON', async () => {
    const r = await run('plan', SEED, '--year', '2020', '--json');
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

  it('prints a table for people: each date in the plan’s words, where it ends, and why it rolled', async () => {
    const r = await run('plan', SEED, '--year', '2020');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('trước ngày 15/6/2020 — 14/6/2020 là Chủ nhật: hạn lùi đến hết thứ Hai 15/6/2020');
    expect(r.stdout).toContain('trước ngày 31/12/2020 — hết thứ Tư, ngày 30/12/2020');
    expect(r.stdout).toContain('ngày 17/1/2020 — 8 giờ 00, thứ Sáu, ngày 17/1/2020');
    expect(r.stdout).toContain('Quý III/2020');
    expect((await run('plan', SEED, '--year', '2028')).stdout).toContain(
      'trước ngày 31/12/2028 — 30/12/2028 là thứ Bảy, 1/1/2029 nghỉ Tết Dương lịch: hạn lùi đến hết thứ Ba 2/1/2029',
    );
  });

  it('gives a same-day deadline its time, as the README shows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-same-day-')), 'khoi.yaml');
    writeFileSync(file, blocWithUnits([unitLine(0), unitLine(1)]).replace('due: { before: 15/6 }', "due: { on: 26/11, at: '06:12' }"));
    const r = await run('plan', file, '--year', '2026');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^r +hạn nộp +ngày 26\/11\/2026 — hạn 6 giờ 12, thứ Năm, ngày 26\/11\/2026 +2026-11-26T06:12:00\.000\+07:00 +— +12\/11 08:00/m);
  });

  it('refuses a year that is not one in one line naming --year, with exit 2 and no help', async () => {
    const r = await spawnBloc(['plan', SEED, '--year', '20x0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${BAD_YEAR}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('a cluster (cụm) says so in its file, and no table calls it a Khối', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bloc-cum-')), 'cum.yaml');
  writeFileSync(
    file,
    blocWithUnits([unitLine(0), unitLine(1)])
      .replace('bloc: { id: khoi-thu, name: Khối thử, province: Đắk Nông }', 'bloc: { id: cum-thu, name: Cụm thi đua thử, province: Đắk Nông, kind: cum }')
      .replace('title: Báo cáo, due: { before: 15/6 } }', 'title: Báo cáo, to: [deputy], due: { before: 15/6 } }'),
  );

  it('config check names its roles', async () => {
    const r = await run('config', 'check', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cụm trưởng u-0, Cụm phó u-1');
    expect(r.stdout).not.toMatch(/khối/i);
  });

  it('plan heads the year and its recipients with them', async () => {
    const r = await run('plan', file, '--year', '2026');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cụm trưởng: Đơn vị 0; Cụm phó: Đơn vị 1');
    expect(r.stdout).toMatch(/^r +hạn nộp .* Cụm phó +1\/6 08:00, /m);
    expect(r.stdout).not.toMatch(/khối/i);
  });
});

describe('bloc holidays', () => {
  it('lists the days off of 2027 by law and the lunar calendar', async () => {
    const r = await run('holidays', '--year', '2027');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('thứ Bảy, ngày 6/2/2027');
    expect(r.stdout).toContain('Giỗ Tổ Hùng Vương (10/3 Âm lịch) [âm lịch]');
    expect(r.stdout).toContain('thứ Sáu, ngày 16/4/2027');
  });

  it('refuses a year that is not one in one line naming --year, with exit 2 and no help', async () => {
    const r = await run('holidays', '--year', '20x0');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${BAD_YEAR}\n`);
    expect(r.stdout).toBe('');
  });

  it('takes the yearly decision from a bloc file', async () => {
    const r = await run('holidays', '--year', '2027', '--json', '--config', SEED);
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
  const plan = async (file: string) => (JSON.parse((await run('plan', file, '--year', '2027', '--json')).stdout) as { items: PlannedJson[] }).items;
  const workingDay = (daysOff: Set<string>) => (iso: string) =>
    !daysOff.has(iso.slice(0, 10)) && ![0, 6].includes(new Date(`${iso.slice(0, 10)}T12:00:00Z`).getUTCDay());

  it('sends the 6-month report reminders on working days: the day before (Sunday 13/6) moves to Friday 11/6', async () => {
    const items = await plan(SEED);
    expect(items.find((i) => i.id === 'bao-cao-6-thang')?.reminders).toEqual([
      '2027-05-31T08:00:00.000+07:00',
      '2027-06-07T08:00:00.000+07:00',
      '2027-06-11T08:00:00.000+07:00',
    ]);
    const holidays = JSON.parse((await run('holidays', '--year', '2027', '--json', '--config', SEED)).stdout) as { daysOff: { date: string }[] };
    const daysOff = new Set(holidays.daysOff.map((d) => d.date));
    expect(items.flatMap((i) => i.reminders).filter((r) => !workingDay(daysOff)(r))).toEqual([]);
  });

  it('moves the reminders of a conference held just after Tết (16/2/2027) off the 5–14/2 break', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bloc-tet-')), 'khoi.yaml');
    writeFileSync(file, readFileSync(join(ROOT, SEED), 'utf8').replace('due: { on: 17/1 }', 'due: { on: 16/2 }'));
    // 14 days before is Tuesday 2/2; 7 and 3 days before (9/2, 13/2) fall in the break and move to Thursday 4/2.
    expect((await plan(file)).find((i) => i.id === 'hoi-nghi-giao-uoc')?.reminders).toEqual([
      '2027-02-02T08:00:00.000+07:00',
      '2027-02-04T08:00:00.000+07:00',
      '2027-02-15T08:00:00.000+07:00',
    ]);
  });
});

describe('the worker program', () => {
  const worker = (...args: string[]) =>
    promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'worker', 'main.js'), ...args], { cwd: ROOT }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );

  it('says with --help how it is run and what it reads from the environment, and connects to nothing', async () => {
    const help = await worker('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Cách dùng \/ usage: npm run worker/);
    for (const variable of ['TEMPORAL_ADDRESS', 'SMTP_URL', 'BLOC_UNIT_LINK_KEY']) expect(help.stdout).toContain(variable);
  });

  it('refuses an argument it does not take, in one line, exit 2', async () => {
    const wrong = await worker('--port', '7233');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('worker: không nhận tham số "--port"; xem --help / takes no arguments\n');
  });
});
