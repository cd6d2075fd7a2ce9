/**
 * The `bloc` command line as people run it: a separate process against the dev server, with the
 * engine's worker in this process. Two bloc-years: next year's (ahead of now: nothing overdue unless
 * judged `--at` a later instant) and one already past its deadlines, found by `overdue --all`. The dev
 * server keeps real time, so the years are the server's, and the CLI runs on the real clock too.
 *
 * @devserver
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { declareSubmission } from '../../workflows/messages';
import { smallBloc } from '../support/fixtures';
import { takeCensus } from '../../worker/census';
import { runsOn } from '../support/replay-histories';
import { expectOneLine, lines, runBloc, spawnBloc, temporalEnv } from '../support/cli';
import { startEngine, type Engine } from '../support/engine';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverClock, serverNow } from '../support/temporal';

let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let engine: Engine;
let dir: string;
let futureFile: string;
let pastFile: string;
/** The server's present when the tests began; the dev server keeps real time even under `faketime`. */
let now: DateTime;
let clock: () => number;
/** Next year by the server's clock: a year that may be started, with every date ahead. */
let Y: number;
/** After its 6-month deadline (before 15/6) and before the deputy's task (25/6). */
let AFTER_DEADLINE: string;
/** The year before: its January deadlines lie at least a month behind the server's present. */
let pastYear: number;
let common: string[];

/** The CLI in this process, judging "now" by the server's clock. */
const bloc = (args: string[]) => runBloc(env, engine.taskQueue, args, { now: clock });

async function statusJson(): Promise<unknown> {
  const out = await bloc(['status', ...common, '--at', AFTER_DEADLINE, '--json']);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout);
}

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  engine = await startEngine(env, smtp.url);
  const serverAt = await serverNow(env.client);
  clock = serverClock(serverAt);
  now = DateTime.fromJSDate(serverAt, { zone: 'Asia/Ho_Chi_Minh' });
  Y = now.year + 1;
  AFTER_DEADLINE = `${Y}-06-20T08:00:00+07:00`;
  pastYear = now.minus({ days: 40 }).year;
  common = ['--bloc', 'thu-nghiem', '--year', String(Y)];

  dir = mkdtempSync(join(tmpdir(), 'bloc-cli-'));
  futureFile = join(dir, 'thu-nghiem.json');
  // A name with a comma and quotes, which the CSV must quote.
  writeFileSync(futureFile, JSON.stringify(smallBloc((c) => {
    const unit = c.units[1];
    if (unit) unit.name = 'Sở "B", tỉnh Đắk Nông';
  })));
  pastFile = join(dir, 'qua-han.json');
  writeFileSync(pastFile, JSON.stringify(smallBloc((c) => {
    c.bloc.id = 'qua-han';
    c.bloc.name = 'Khối thi đua quá hạn';
    for (const item of c.items) {
      if (item.id === 'bao-cao-6-thang') item.due = { before: '10/1' };
      if (item.id === 'tong-hop-6-thang') item.due = { on: '12/1' };
    }
  })));
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await engine?.shutdown();
  await Promise.all([env?.teardown(), smtp?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The built program as a separate process, as people run it: its exit status and its streams.
test('start prints the workflow id; a second start is refused in one line', async () => {
  const first = await spawnBloc(['start', futureFile, '--year', String(Y)], temporalEnv(env, engine.taskQueue));
  expect(first).toMatchObject({ code: 0, stdout: `bloc-thu-nghiem-${Y}\n` });

  expectOneLine(await spawnBloc(['start', futureFile, '--year', String(Y)], temporalEnv(env, engine.taskQueue)), 2, 'đã bắt đầu chu kỳ năm', 'already started');
});

test('submit records the first receipt; a repeat keeps it', async () => {
  const first = now.minus({ hours: 2 }).toISO() ?? '';
  const recorded = await bloc(['submit', ...common, '--unit', 'so-a', '--item', 'bao-cao-6-thang', '--received', first, '--ref', '45/BC-SA']);
  expect(recorded.code).toBe(0);
  expect(recorded.stdout).toMatch(/^Đã ghi nhận: so-a nộp "bao-cao-6-thang", nhận lúc .* — đúng hạn/);

  const again = await bloc(['submit', ...common, '--unit', 'so-a', '--item', 'bao-cao-6-thang', '--json']);
  expect(again.code).toBe(0);
  const result = JSON.parse(again.stdout) as { outcome: string; submission: { receivedAt: string; reference?: string } };
  expect(result.outcome).toBe('already-recorded');
  expect(Date.parse(result.submission.receivedAt)).toBe(Date.parse(first));
  expect(result.submission.reference).toBe('45/BC-SA');

  const human = await bloc(['submit', ...common, '--unit', 'so-a', '--item', 'bao-cao-6-thang']);
  expect(human.stdout).toContain('Đã ghi nhận trước đó lúc');
  expect(human.stdout).toContain('(giữ thời điểm nhận đầu tiên)');
});

test('overdue for one bloc, judged at an instant after the deadline', async () => {
  const now = await bloc(['overdue', ...common, '--json']);
  expect(JSON.parse(now.stdout)).toEqual([expect.objectContaining({ blocId: 'thu-nghiem', items: [] })]);

  const later = await bloc(['overdue', ...common, '--at', AFTER_DEADLINE, '--json']);
  const [report] = JSON.parse(later.stdout) as { items: { itemId: string; units: { unitId: string }[] }[] }[];
  expect(report?.items.map((i) => [i.itemId, i.units.map((u) => u.unitId)])).toEqual([['bao-cao-6-thang', ['so-b', 'so-c']]]);

  const table = await bloc(['overdue', ...common, '--at', AFTER_DEADLINE]);
  expect(lines(table.stdout)[0]).toMatch(/^Khối\s+Năm\s+Mục\s+Đơn vị\s+Hạn\s+Quá hạn$/);
  expect(table.stdout).toMatch(/thu-nghiem\s+\d{4}\s+bao-cao-6-thang\s+Sở Cê\s+\S+ \S+\s+\d+ ngày/);
});

test('overdue --all finds the bloc-years past their deadlines through visibility', async () => {
  const started = await bloc(['start', pastFile, '--year', String(pastYear)]);
  expect(started).toMatchObject({ code: 0, stdout: `bloc-qua-han-${pastYear}\n` });

  // Visibility trails the workflow's upsert by a moment.
  const deadline = Date.now() + 20_000;
  let blocs: { blocId: string; year: number; items: { units: unknown[] }[] }[] = [];
  while (Date.now() < deadline) {
    const out = await bloc(['overdue', '--all', '--json']);
    expect(out.code).toBe(0);
    blocs = JSON.parse(out.stdout) as typeof blocs;
    if (blocs.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(blocs.map((b) => [b.blocId, b.year])).toEqual([['qua-han', pastYear]]);
  expect(blocs[0]?.items.flatMap((i) => i.units)).toHaveLength(4);

  const table = await bloc(['overdue', '--all']);
  expect(table.stdout).toMatch(/qua-han\s+\d{4}\s+tong-hop-6-thang\s+Sở B\s+\S+ \S+\s+\d+ ngày( \d+ giờ)?\n/);
});

test("the worker's census counts the two years running and the past year's three units overdue", async () => {
  // What Prometheus reads as bloc_years_running and bloc_units_overdue: next year's bloc has nobody overdue yet;
  // the past one has so-a, so-b and so-c late on the six-month report, so-b on the summary too (one unit, once).
  expect(await takeCensus(env.client)).toEqual({ yearsRunning: 2, unitsOverdue: 3 });
});

test('extend, reschedule and cancel show in the status matrix', async () => {
  const extended = await bloc(['extend', ...common, '--unit', 'so-c', '--item', 'bao-cao-6-thang', '--until', `${Y}-06-30`, '--reason', 'Công văn 12/CV']);
  expect(extended.code).toBe(0);
  expect(extended.stdout).toContain('Đã gia hạn cho so-c');
  const moved = await bloc(['reschedule', ...common, '--item', 'hoi-thao', '--date', `${Y}-08-20`, '--time', '08:00']);
  expect(moved.stdout).toContain(`ngày 20/8/${Y}`);
  // Cancelling asks first: without --yes it only says what it would do.
  const asked = await bloc(['cancel', ...common, '--item', 'tong-hop-6-thang']);
  expect(asked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Sẽ hủy mục "tong-hop-6-thang"[\s\S]*chạy lại với --yes/) });
  expect(JSON.parse((await bloc(['timeline', ...common, '--json'])).stdout).items.find((i: { id: string }) => i.id === 'tong-hop-6-thang').at).toBeDefined();
  expect((await bloc(['status', ...common, '--at', AFTER_DEADLINE])).stdout).not.toMatch(/đã hủy/);
  expect((await bloc(['cancel', ...common, '--item', 'tong-hop-6-thang', '--yes'])).code).toBe(0);

  const status = await bloc(['status', ...common, '--at', AFTER_DEADLINE]);
  expect(status.code).toBe(0);
  const row = (name: string) => lines(status.stdout).find((l) => l.startsWith(name)) ?? '';
  expect(row('Sở A')).toMatch(/đúng hạn\s+đã hủy\s+0 lần$/);
  expect(row('Sở "B"')).toMatch(/quá hạn \d ngày\s+đã hủy\s+0 lần$/);
  expect(row('Sở Cê')).toMatch(/gia hạn đến 30\/6\s+đã hủy\s+0 lần$/);

  const timeline = JSON.parse((await bloc(['timeline', ...common, '--json'])).stdout) as { items: { id: string; at?: string }[] };
  expect(timeline.items.find((i) => i.id === 'hoi-thao')?.at).toMatch(new RegExp(`^${Y}-08-20T08:00`));
  const table = lines((await bloc(['timeline', ...common])).stdout);
  expect(table.find((l) => l.startsWith('tong-hop-6-thang'))).toMatch(/ĐÃ HỦY \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  expect(table.find((l) => l.startsWith('hoi-thao'))).toMatch(/dời từ ngày của kế hoạch$/);
  expect((await bloc(['log', ...common])).stdout).toContain('Chưa gửi thư nào');
});

test('calendar takes only this bloc\'s file, says what it would move, applies with --yes; contacts changes where a unit\'s mail goes', async () => {
  expectOneLine(await bloc(['calendar', ...common, pastFile]), 2, 'tệp của Khối "qua-han", không phải "thu-nghiem"');
  const preview = await bloc(['calendar', ...common, futureFile, '--json']);
  expect(JSON.parse(preview.stdout)).toEqual({ applied: false, moved: [], changes: [] });
  const applied = await bloc(['calendar', ...common, futureFile, '--yes', '--json']);
  expect(applied.code).toBe(0);
  expect(JSON.parse(applied.stdout)).toEqual({ applied: true, moved: [], changes: [] });
  const changed = await bloc(['contacts', ...common, '--unit', 'so-a', '--email', 'vanthu-moi@so-a.example.vn', '--cc', 'lanhdao@so-a.example.vn']);
  expect(changed.code).toBe(0);
  expect(changed.stdout).toContain('vanthu-moi@so-a.example.vn');
});

test('replan shows what the worker\'s rules would change and changes nothing without --yes', async () => {
  const before = (await bloc(['timeline', ...common, '--json'])).stdout;
  const preview = await bloc(['replan', ...common]);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toBe('Lịch năm không đổi với quy tắc hiện hành / the schedule is unchanged under the current rules\n');
  expect(JSON.parse((await bloc(['replan', ...common, '--json'])).stdout)).toEqual({ applied: false, changes: [] });
  expect((await bloc(['timeline', ...common, '--json'])).stdout).toBe(before);
});

test('a year long past starts only with --past; handover and close say what they would do before doing it', async () => {
  const longAgo = String(now.year - 6);
  expectOneLine(await bloc(['start', pastFile, '--year', longAgo]), 2, `--year: ${longAgo} đã qua; thêm --past`);
  expectOneLine(await bloc(['start', pastFile, '--year', String(now.year + 2)]), 2, 'còn quá xa');
  expect(await bloc(['start', pastFile, '--year', longAgo, '--past'])).toMatchObject({ code: 0, stdout: `bloc-qua-han-${longAgo}\n` });
  const old = ['--bloc', 'qua-han', '--year', longAgo];

  const handover = await bloc(['handover', ...old]);
  expect(handover.stdout).toMatch(/^Sẽ chuyển giao ngay[\s\S]*Khối trưởng năm \d{4}: Sở B; Khối phó: Sở Cê[\s\S]*chạy lại với --yes/);
  const done = await bloc(['handover', ...old, '--yes']);
  expect(done.stdout).toMatch(/^Đã chuyển giao lúc .*Năm đã qua lâu: không gửi thông báo, không bắt đầu năm/);
  expectOneLine(await bloc(['status', '--bloc', 'qua-han', '--year', String(now.year - 5)]), 2, 'chưa bắt đầu chu kỳ năm');

  expect((await bloc(['close', ...old])).stdout).toMatch(/^Sẽ đóng năm[\s\S]*chạy lại với --yes/);
  expect((await bloc(['close', ...old, '--yes', '--reason', 'Đã đủ hồ sơ'])).stdout).toBe(`Đã đóng năm ${longAgo}: không nhận thêm hồ sơ, không gửi thêm thư / the year is closed\n`);
});

test('export --csv: one row per unit × item, with a BOM and quoted fields', async () => {
  const out = join(dir, 'bang-tong-hop.csv');
  const written = await bloc(['export', ...common, '--csv', '--out', out, '--at', AFTER_DEADLINE]);
  expect(written.code).toBe(0);
  const text = readFileSync(out, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = text.slice(1).split('\r\n');
  expect(rows[0]).toBe('Mã đơn vị,Tên đơn vị,Mã mục,Tên mục,Hạn,Tình trạng,Nhận lúc,Số văn bản,Số ngày muộn/quá hạn,Tên khi nộp');
  expect(rows).toHaveLength(1 + 3 * 3 + 1);
  expect(rows).toContainEqual(expect.stringMatching(/^so-a,Sở A,bao-cao-6-thang,Báo cáo sơ kết 6 tháng,\d\d\/06\/\d{4} 23:59,đúng hạn,\d\d\/\d\d\/\d{4} \d\d:\d\d,45\/BC-SA,,$/));
  expect(rows).toContainEqual(expect.stringMatching(/^so-b,"Sở ""B"", tỉnh Đắk Nông",bao-cao-6-thang,Báo cáo sơ kết 6 tháng,[^,]+,quá hạn \d ngày,,,\d,$/));
});

test('bad input: one line on stderr, the right exit code, and nothing changed', async () => {
  const before = await statusJson();

  // The workflow names its fields (unitId, emails, ...); the person reads the option they typed.
  const refused = async (args: string[], ...parts: string[]) => {
    const outcome = await bloc(args);
    expectOneLine(outcome, 2, ...parts);
    expect(outcome.stderr).not.toMatch(/(?<![-\w])(unitId|itemId|receivedAt|reference|until|date|time|emails|decisions)\b/);
  };
  await refused(['submit', ...common, '--unit', 'khong-co', '--item', 'bao-cao-6-thang'], 'bloc: --unit: không có đơn vị "khong-co" trong khối / unknown unit');
  await refused(['submit', ...common, '--unit', 'so-b', '--item', 'khong-co'], 'bloc: --item: không có mục "khong-co"');
  await refused(['submit', ...common, '--unit', 'so-b', '--item', 'bao-cao-6-thang', '--ref', '45\tBC'], 'bloc: --ref: chỉ được viết trên một dòng');
  await refused(['extend', ...common, '--unit', 'so-b', '--item', 'bao-cao-6-thang', '--until', `${Y}-06-01`], 'bloc: --until: gia hạn phải sau hạn hiện tại');
  await refused(['reschedule', ...common, '--item', 'hoi-thao', '--date', `${Y}-12-01`], `bloc: --date: ngày 1/12/${Y} nằm ngoài`);
  await refused(['contacts', ...common, '--unit', 'so-a', '--email', 'khong-phai-email'], 'bloc: --email: địa chỉ email không hợp lệ: "khong-phai-email" / invalid email address: "khong-phai-email"');
  const otherCycle = join(dir, 'lich-nam-khac.yaml');
  writeFileSync(otherCycle, stringify(smallBloc((c) => {
    c.calendar = { decisions: [{ year: Y + 3, daysOff: [{ date: `${Y + 3}-03-02`, name: 'Nghỉ bù' }] }] };
  })));
  await refused(['calendar', ...common, otherCycle, '--yes'], `bloc: ${otherCycle}:`, `quyết định năm ${Y + 3} (thứ 1), year = ${Y + 3}: ${Y + 3} nằm ngoài chu kỳ`);

  expectOneLine(await bloc(['submit', ...common, '--unit', 'so-b', '--item', 'bao-cao-6-thang', '--received', 'hôm qua']), 2, '--received');
  expectOneLine(await bloc(['reschedule', ...common, '--item', 'hoi-thao', '--date', '20/8/2027']), 2, '--date');
  expectOneLine(await bloc(['status', '--bloc', 'thu-nghiem']), 2, '--year');
  expectOneLine(await bloc(['status', '--bloc', 'khong-co', '--year', String(Y)]), 2, 'Khối/Cụm khong-co chưa bắt đầu chu kỳ năm', 'not started');
  expectOneLine(await spawnBloc(['status', ...common], { ...temporalEnv(env, engine.taskQueue), TEMPORAL_ADDRESS: '127.0.0.1:1' }), 3, 'không kết nối được');

  expectOneLine(await bloc(['start', join(dir, 'khong-co.yaml'), '--year', String(Y)]), 2, 'khong-co.yaml: không tìm thấy tệp / file not found');

  expect(await statusJson()).toEqual(before);
});

test('declarations lists what units said on their pages; reject needs a reason; confirm records the submission', async () => {
  const handle = env.client.workflow.getHandle(`bloc-thu-nghiem-${Y}`);
  const sentOn = now.toISODate() ?? '';
  await handle.executeUpdate(declareSubmission, { args: [{ unitId: 'so-c', itemId: 'bao-cao-6-thang', sentOn, reference: '8/BC-SC', by: 'Văn thư Sở Cê' }] });
  await handle.executeUpdate(declareSubmission, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang', sentOn, reference: '9/BC-SB' }] });

  const pending = await bloc(['declarations', ...common, '--pending']);
  expect(pending.code).toBe(0);
  expect(lines(pending.stdout).filter((l) => l.includes('chờ Thư ký xác nhận')).map((l) => l.split(/\s{2,}|\s*\|\s*/).filter(Boolean).slice(0, 2))).toEqual([
    ['so-b', 'bao-cao-6-thang'],
    ['so-c', 'bao-cao-6-thang'],
  ]);
  expectOneLine(await bloc(['reject', ...common, '--unit', 'so-b', '--item', 'bao-cao-6-thang']), 2, "--reason");
  expectOneLine(await bloc(['confirm', ...common, '--unit', 'so-a', '--item', 'bao-cao-6-thang']), 2, 'bloc: --item: đơn vị "so-a" không có báo gửi nào chờ xác nhận');

  const rejected = await bloc(['reject', ...common, '--unit', 'so-b', '--item', 'bao-cao-6-thang', '--reason', 'Chưa nhận được văn bản']);
  expect(rejected).toMatchObject({ code: 0, stdout: 'Đã ghi không xác nhận lời báo của so-b về "bao-cao-6-thang"; nhắc hạn tiếp tục / declaration rejected\n' });
  const received = now.minus({ minutes: 5 }).toISO() ?? '';
  const confirmed = await bloc(['confirm', ...common, '--unit', 'so-c', '--item', 'bao-cao-6-thang', '--received', received, '--json']);
  expect(confirmed.code).toBe(0);
  expect(JSON.parse(confirmed.stdout)).toMatchObject({ state: 'submitted-on-time', reference: '8/BC-SC' });
  expect(Date.parse((JSON.parse(confirmed.stdout) as { receivedAt: string }).receivedAt)).toBe(Date.parse(received));

  const all = JSON.parse((await bloc(['declarations', ...common, '--json'])).stdout) as Record<string, Record<string, { review?: { decision: string; reason?: string } }[]>>;
  expect(all['bao-cao-6-thang']?.['so-b']?.[0]?.review).toMatchObject({ decision: 'rejected', reason: 'Chưa nhận được văn bản' });
  expect(all['bao-cao-6-thang']?.['so-c']?.[0]?.review).toMatchObject({ decision: 'confirmed' });
  expect((await bloc(['declarations', ...common, '--pending'])).stdout).toBe('Không có báo gửi nào chờ xác nhận / no declaration awaits an answer\n');
});

// The engine replays every run of its task queue when it stops (support/replay-histories.ts): the dev server lists them.
test('the runs this file’s engine will replay include every year started here', async () => {
  const ids = (await runsOn(env.client, env.namespace ?? 'default', engine.taskQueue)).map((r) => r.workflowId);
  expect(ids).toEqual(expect.arrayContaining([`bloc-thu-nghiem-${Y}`, `bloc-qua-han-${pastYear}`, `bloc-qua-han-${now.year - 6}`]));
});
