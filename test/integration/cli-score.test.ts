/**
 * `bloc score` as the secretariat runs it, against the dev server: the units' sheets, the leader's
 * adjustment, the ranking before and after the conference's decision on bonus points, the exports; and bad
 * input refused in one line with exit code 2, naming the option typed, with nothing recorded changed. The
 * bloc is the seed's (its illustrative scoring table) under another id. Its year is this year by the server's
 * clock (the dev server keeps real time): a conference's decision is recorded only once the conference has
 * met, so the decision here is dated today, within the year's cycle.
 *
 * @devserver
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { Workbook } from 'exceljs';
import { loadBlocConfig } from '../../config/load';
import { criteriaOf, type ScoringTable } from '../../config/scoring';
import { expectOneLine, lines, runBloc } from '../support/cli';
import { ROOT } from '../support/dist';
import { startEngine, type Engine } from '../support/engine';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverClock, serverNow } from '../support/temporal';

let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let engine: Engine;
let dir: string;
/** This year by the server's clock. */
let Y: number;
let common: string[];
/** The server's present when the tests began, where `show` and `ranking` judge the year. */
let AT: string;
/** Today in the bloc's zone: the conference's day. */
let TODAY: string;
let clock: () => number;

const seed = loadBlocConfig(join(ROOT, 'config', 'blocs', 'dak-nong-khoi-4.yaml'));
const table = seed.scoring as ScoringTable;
/** The CLI in this process, judging "now" by the server's clock. */
const bloc = (args: string[]) => runBloc(env, engine.taskQueue, args, { now: clock });

/** `--points` for every criterion: its maximum less `minus`, or the figure given (as typed: "9,5"). */
function points(minus: number, given: Record<string, string> = {}): string[] {
  return ['--points', ...criteriaOf(table).map((c) => `${c.code}=${given[c.code] ?? String(c.max - minus)}`)];
}

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  engine = await startEngine(env, smtp.url);
  const serverAt = await serverNow(env.client);
  clock = serverClock(serverAt);
  const now = DateTime.fromJSDate(serverAt, { zone: 'Asia/Ho_Chi_Minh' });
  Y = now.year;
  AT = now.toISO() ?? '';
  TODAY = now.toISODate() ?? '';
  common = ['--bloc', 'cham-diem-cli', '--year', String(Y)];
  dir = mkdtempSync(join(tmpdir(), 'bloc-score-'));
  const file = join(dir, 'cham-diem-cli.json');
  writeFileSync(file, JSON.stringify({ ...seed, bloc: { ...seed.bloc, id: 'cham-diem-cli' } }));
  expect(await bloc(['start', file, '--year', String(Y)])).toMatchObject({ code: 0, stdout: `bloc-cham-diem-cli-${Y}\n` });
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await engine?.shutdown();
  await Promise.all([env?.teardown(), smtp?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('submit records a sheet, a decimal comma included; show gives every unit, then one unit\'s sheet', async () => {
  const stp = await bloc(['score', 'submit', ...common, '--unit', 'so-tu-phap', ...points(0), '--bonus', 'I.1=3', '--justify', 'I.1=Vượt 25% chỉ tiêu', '--ref', '12/BC-STP']);
  expect(stp).toMatchObject({ code: 0, stdout: 'Đã ghi nhận: bảng tự chấm điểm của so-tu-phap (lần 1), 100 điểm các tiêu chí; đề nghị thưởng 3 điểm — đã gửi / recorded\n' });
  const snv = await bloc(['score', 'submit', ...common, '--unit', 'so-noi-vu', ...points(1, { 'I.2': '9,5' }), '--bonus', 'I.2=2', '--justify', 'I.2=Dẫn đầu chỉ số cải cách hành chính']);
  expect(snv.stdout).toMatch(/^Đã ghi nhận: bảng tự chấm điểm của so-noi-vu \(lần 1\), 92,5 điểm các tiêu chí; đề nghị thưởng 2 điểm/);
  expect((await bloc(['score', 'submit', ...common, '--unit', 'so-tai-chinh', ...points(1), '--bonus', 'III.1=2', '--justify', 'III.1=Giải nhất Hội thao'])).code).toBe(0);
  // The consent is needed only after the cut-off (the end of 30/12), should the test run on 31/12; before it, it is kept.
  const again = await bloc(['score', 'submit', ...common, '--unit', 'so-tai-chinh', ...points(1, { 'I.1': '38' }), '--bonus', 'III.1=2', '--justify', 'III.1=Giải nhất Hội thao', '--consent', 'CV 5/TK', '--json']);
  expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'corrected', version: 2, criteriaTotal: 91 });

  const all = await bloc(['score', 'show', ...common, '--at', AT]);
  expect(all.code).toBe(0);
  expect(lines(all.stdout)[0]).toMatch(/THANG ĐIỂM MINH HỌA/);
  expect(lines(all.stdout).find((l) => l.startsWith('Sở Tài chính'))).toMatch(/đã gửi\s+2\s+91\s+\+2 chờ Hội nghị/);
  expect(lines(all.stdout).find((l) => l.startsWith('Ban Dân tộc'))).toMatch(/chưa gửi\s+—/);
  const one = await bloc(['score', 'show', ...common, '--unit', 'so-tai-chinh', '--at', AT]);
  expect(one.stdout).toMatch(/^I\.1\s+Kết quả thực hiện .*\s+40\s+38\s+38$/m);
  expect(one.stdout).toContain('  III.1: +2 — Giải nhất Hội thao — chờ Hội nghị');
  expect(one.stdout).toMatch(/^ {2}lần 2, nhận /m);
});

test('bad input: one line on stderr, exit code 2, the option named, nothing recorded changed', async () => {
  const recorded = async () => ({
    show: JSON.parse((await bloc(['score', 'show', ...common, '--at', AT, '--json'])).stdout) as unknown,
    ranking: JSON.parse((await bloc(['score', 'ranking', ...common, '--at', AT, '--json'])).stdout) as unknown,
  });
  const before = await recorded();
  const refused = async (args: string[], ...parts: string[]) => expectOneLine(await bloc(['score', ...args]), 2, ...parts);

  // submit: the workflow's refusals, and the figures as typed.
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1, { 'I.1': '41' })], 'bloc: --points: tiêu chí "I.1": 41 điểm vượt mức tối đa 40');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1), '--bonus', 'I.3=2', '--justify', 'I.3=Tham mưu tốt'], 'bloc: --bonus: tiêu chí "I.3" là tiêu chí định tính: không cộng điểm thưởng đối với tiêu chí định tính');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', '--points', 'I.1=38'], 'bloc: --points: thiếu điểm các tiêu chí "I.2"');
  await refused(['submit', ...common, '--unit', 'khong-co', ...points(1)], 'bloc: --unit: không có đơn vị "khong-co"');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1), '--deduct', 'I.1=1'], 'bloc: --deduct: tiêu chí "I.1" không có điểm trừ');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1), '--justify', 'I.2=Có giải trình'], 'bloc: --justify: tiêu chí "I.2" không có đề nghị điểm thưởng');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1, { 'I.1': '3O' })], "error: option '--points <code=points...>' argument 'I.1=3O' is invalid", '"3O" không phải là số điểm');
  await refused(['submit', ...common, '--unit', 'so-ngoai-vu', ...points(1), '--points', 'I.1=30'], '--points', 'tiêu chí "I.1" được nêu hai lần');
  await refused(['submit', ...common, ...points(1)], "error: required option '--unit <id>' not specified");
  // show
  await refused(['show', ...common, '--unit', 'khong-co'], 'bloc: --unit: không có đơn vị "khong-co"');
  // adjust
  await refused(['adjust', ...common, '--unit', 'so-noi-vu', '--criterion', 'I.2', '--points', '11', '--reason', 'Thừa điểm'], 'bloc: --points: tiêu chí "I.2": 11 điểm vượt mức tối đa 10');
  await refused(['adjust', ...common, '--unit', 'so-noi-vu', '--criterion', 'IX.9', '--points', '5', '--reason', 'Thừa điểm'], 'bloc: --criterion: không có tiêu chí "IX.9"');
  await refused(['adjust', ...common, '--unit', 'so-noi-vu', '--criterion', 'I.2', '--points', '8', '--reason', ' '], 'bloc: --reason: cần nêu lý do điều chỉnh');
  await refused(['adjust', ...common, '--unit', 'ban-dan-toc', '--criterion', 'I.2', '--points', '8', '--reason', 'Thừa điểm'], 'bloc: --unit:');
  await refused(['adjust', ...common, '--unit', 'so-noi-vu', '--criterion', 'I.2', '--points', 'tám', '--reason', 'Thừa điểm'], "error: option '--points <points>' argument 'tám' is invalid");
  // bonus-decision
  const decide = ['bonus-decision', ...common, '--date', TODAY, '--minutes', '01/BB'];
  await refused([...decide, '--agree', 'so-noi-vu:I.3', '--yes'], 'bloc: --agree: đơn vị "so-noi-vu" không đề nghị điểm thưởng ở tiêu chí "I.3"');
  await refused([...decide, '--agree', 'so-tu-phap', '--yes'], "error: option '--agree <unit:criterion...>' argument 'so-tu-phap' is invalid");
  await refused(['bonus-decision', ...common, '--date', '14/1/2028', '--minutes', '01/BB', '--yes'], "error: option '--date <yyyy-mm-dd>' argument '14/1/2028' is invalid");
  await refused(['bonus-decision', ...common, '--date', TODAY, '--minutes', ' ', '--yes'], 'bloc: --minutes: bắt buộc: số biên bản Hội nghị');
  await refused(['bonus-decision', ...common, '--date', `${Y + 1}-12-31`, '--minutes', '01/BB', '--yes'], `bloc: --date: ngày 31/12/${Y + 1} chưa đến: ghi quyết định sau khi Hội nghị họp`);
  await refused(['bonus-decision', ...common, '--date', `${Y - 1}-12-31`, '--minutes', '01/BB', '--yes'], `bloc: --date: ngày 31/12/${Y - 1} nằm ngoài chu kỳ ${Y}–${Y + 1}`);
  // ranking
  await refused(['ranking', ...common, '--at', 'hôm qua'], '--at');
  await refused(['ranking', '--bloc', 'khong-co', '--year', String(Y)], 'chưa bắt đầu chu kỳ năm');

  expect(await recorded()).toEqual(before);
});

test('adjust keeps the unit\'s figure; the ranking marks bonus pending, then counts only what the conference agreed', async () => {
  const adjusted = await bloc(['score', 'adjust', ...common, '--unit', 'so-tai-chinh', '--criterion', 'I.1', '--points', '35', '--reason', 'Thu ngân sách đạt 95% dự toán']);
  expect(adjusted).toMatchObject({ code: 0, stdout: 'Đã điều chỉnh tiêu chí "I.1" của so-tai-chinh: 35 điểm (Thu ngân sách đạt 95% dự toán); điểm các tiêu chí nay là 88 / adjusted\n' });
  expect((await bloc(['score', 'show', ...common, '--unit', 'so-tai-chinh', '--at', AT])).stdout).toMatch(/^I\.1\s+.*\s+40\s+38\s+35 \(Thu ngân sách đạt 95% dự toán\)\s+35$/m);

  const before = await bloc(['score', 'ranking', ...common, '--at', AT]);
  expect(before.stdout).toContain('Điểm thưởng CHỜ Hội nghị: tổng điểm dưới đây chưa cộng điểm thưởng');
  expect(lines(before.stdout).find((l) => l.startsWith('1 '))).toMatch(/^1\s+so-tu-phap\s+Sở Tư pháp tỉnh Đắk Nông\s+100\s+\+3 chờ Hội nghị\s+100\s+Cờ thi đua/);

  // Without --yes the decision is only shown; with it, two of the three claims count.
  const agree = ['--agree', 'so-tu-phap:I.1', 'so-tai-chinh:III.1'];
  const decide = ['score', 'bonus-decision', ...common, '--date', TODAY, '--minutes', '01/BB-KTĐ4', ...agree];
  const preview = await bloc(decide);
  expect(preview.stdout).toMatch(/^Sẽ ghi quyết định của Hội nghị ngày \d{1,2}\/\d{1,2}\/\d{4} \(biên bản 01\/BB-KTĐ4\).*\nĐược thống nhất: so-tai-chinh:III\.1 \(\+2\), so-tu-phap:I\.1 \(\+3\)\nKhông được thống nhất: so-noi-vu:I\.2 \(\+2\)/);
  expect((await bloc(['score', 'ranking', ...common, '--at', AT])).stdout).toBe(before.stdout);
  expect((await bloc([...decide, '--yes'])).stdout).toMatch(/^Đã ghi quyết định của Hội nghị/);

  const after = await bloc(['score', 'ranking', ...common, '--at', AT]);
  expect(after.stdout).toContain('2 đề nghị được thống nhất, 1 không được thống nhất');
  const row = (id: string) => lines(after.stdout).find((l) => l.includes(` ${id} `)) ?? '';
  expect(row('so-tu-phap')).toMatch(/^1\s+so-tu-phap\s+.*\s+100\s+\+3 được công nhận\s+103\s+/);
  expect(row('so-tai-chinh')).toMatch(/\s+88\s+\+2 được công nhận\s+90\s+/);
  expect(row('so-noi-vu')).toMatch(/\s+92,5\s+92,5\s+/);
  const json = JSON.parse((await bloc(['score', 'ranking', ...common, '--at', AT, '--json'])).stdout) as { ranking: { rows: { unitId: string; totals?: { total: number } }[] } };
  expect(json.ranking.rows.slice(0, 3).map((r) => [r.unitId, r.totals?.total])).toEqual([['so-tu-phap', 103], ['so-noi-vu', 92.5], ['so-tai-chinh', 90]]);
});

test('export writes the workbook and the CSV for the conference', async () => {
  const xlsx = join(dir, 'binh-xet.xlsx');
  const csv = join(dir, 'xep-hang.csv');
  expect(await bloc(['score', 'export', ...common, '--xlsx', xlsx, '--csv', csv, '--at', AT])).toMatchObject({ code: 0, stdout: `Đã ghi ${xlsx}, ${csv}: 9 đơn vị / written\n` });
  const book = new Workbook();
  await book.xlsx.readFile(xlsx);
  expect(book.worksheets).toHaveLength(1 + 9 + 1);
  const text = readFileSync(csv, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.slice(1).split('\r\n')[0]).toBe('Hạng,Mã đơn vị,Tên đơn vị,Điểm các tiêu chí,Điểm thưởng,Tổng điểm,Danh hiệu đề nghị,Ghi chú');
  expectOneLine(await bloc(['score', 'export', ...common]), 2, 'bloc: --xlsx: cần --xlsx <tệp> hoặc --csv <tệp>');
  expectOneLine(await bloc(['score', 'export', ...common, '--csv', join(dir, 'khong-co', 'x.csv')]), 2, 'bloc: --csv: không ghi được');
});
