/**
 * A year from the registration of titles to the proposal, on the time-skipping server (issue 25, "Shown"): two
 * units register for the flag, one is returned and sends again; the units score themselves; the conference gets
 * its day; the ballot ties in a first round and elects in a second; the minutes and the proposal are written and
 * read back; the next year starts. Then the whole record of the voted year (its history, decoded; what this
 * process logged; the CSV and the workbook; the documents) is searched for any voter beside the candidate it
 * chose, and the same search is shown to find a pair written into a copy of that history.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { Workbook } from 'exceljs';
import { closePaper, closeSealed, openRound, vote } from '../../client/ballot';
import * as conf from '../../workflows/conference-messages';
import * as msg from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { dataConverter } from '../../worker/data-converter';
import { runBloc } from '../support/cli';
import { readDocx } from '../support/docx-text';
import { conferenceBloc, FIXTURE_YEAR as Y, seedPoints } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { decodedHistory, jsonRecords, pairsFound, type SecretPair } from '../support/secrecy';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const engine = useTimeSkippingEngine();
const dir = mkdtempSync(path.join(tmpdir(), 'conference-year-'));
const keys = path.join(dir, 'keys');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FLAG = 'co-thi-dua';
/** Five units: the conference bloc's three, and two more who vote and are no candidates. */
const config = conferenceBloc([
  { id: 'so-d', name: 'Sở Đê', emails: ['vanthu@so-d.example.vn'] },
  { id: 'so-e', name: 'Sở Ê', emails: ['vanthu@so-e.example.vn'] },
]);

/**
 * Each voter's choice, per round: the candidates' own votes, and those of the three units that are not
 * candidates, none of whom chooses its neighbour in the plan's order or the ranking's (test/support/secrecy.ts).
 */
const ROUNDS: Record<string, string[]>[] = [
  { 'so-a': ['so-b'], 'so-b': ['so-a'], 'so-c': ['so-a'], 'so-d': ['so-b'], 'so-e': [] },
  { 'so-a': ['so-a'], 'so-b': ['so-b'], 'so-c': ['so-a'], 'so-d': ['so-a'], 'so-e': ['so-b'] },
];
const NAMES: Record<string, string> = Object.fromEntries(config.units.map((u) => [u.id, u.name]));
const UNITS = config.units.map((u) => [u.id, u.name]);
const SECRETS: SecretPair[] = ROUNDS.flatMap((r) =>
  Object.entries(r)
    .filter(([voter]) => !['so-a', 'so-b'].includes(voter))
    .flatMap(([voter, chosen]) => chosen.map((c) => ({ voter: [voter, NAMES[voter] ?? voter], choice: [c, NAMES[c] ?? c] }))),
);

/** What this process writes while the year plays: the worker's and the CLI's log lines among it. */
const logged: string[] = [];
const captured = ['stdout', 'stderr'] as const;
const writes = captured.map((s) => process[s].write.bind(process[s]));
beforeAll(() =>
  captured.forEach((s, i) => {
    process[s].write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return (writes[i] as (c: string | Uint8Array, ...r: never[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  }),
);
afterAll(() => captured.forEach((s, i) => (process[s].write = writes[i] as typeof process.stdout.write)));

test('registration, two rounds of a secret ballot, the minutes and the proposal; no voter is found beside its choice', async () => {
  const { env, advanceTo, startYear, taskQueue, clock, smtp } = engine();
  const YEAR = ['--bloc', 'thu-nghiem', '--year', String(Y)];
  const bloc = (args: string[]) => runBloc(env, taskQueue, args, { now: clock, env: { BLOC_BALLOT_KEY_DIR: keys } });
  const { workflowId } = await startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const register = (unitId: string, reference: string, sentOn: string, titles = [FLAG]) =>
    handle.executeUpdate(conf.registerTitles, { args: [{ unitId, titles, reference, sentOn, via: { link: 'mail' } }] });
  const review = (unitId: string, decision: 'confirm' | 'reject', reason?: string) =>
    handle.executeUpdate(msg.reviewDeclaration, { args: [{ unitId, itemId: 'dang-ky', decision, ...(reason && { reason }) }] });

  // Quý II: Sở A and Sở B register for the flag; Sở B's is returned, sent again and accepted.
  await advanceTo(`${Y}-05-10T10:00`);
  expect(await refusal(register('so-c', '1/ĐK', `${Y}-05-10`, ['co-vang']))).toBe(
    'titles: không có danh hiệu "co-vang" trong kế hoạch (co-thi-dua, bang-khen) / no such title',
  );
  expect(await refusal(register('so-c', '1/ĐK', `${Y}-05-10`, []))).toBe('titles: cần ít nhất một danh hiệu đăng ký / at least one title is required');
  const first = await register('so-a', '12/ĐK-SA', `${Y}-05-10`);
  expect(first.cell).toMatchObject({ state: 'declared', titles: [FLAG], reference: '12/ĐK-SA' });
  await register('so-b', '7/ĐK-SB', `${Y}-05-10`);
  await review('so-a', 'confirm');
  await review('so-b', 'reject', 'Thiếu chữ ký của Thủ trưởng');
  expect((await handle.query(conf.registrationsQuery))?.units.map((u) => [u.unitId, u.state, u.reason ?? ''])).toEqual([
    ['so-a', 'accepted', ''],
    ['so-b', 'returned', 'Thiếu chữ ký của Thủ trưởng'],
    ['so-c', 'not-sent', ''],
    ['so-d', 'not-sent', ''],
    ['so-e', 'not-sent', ''],
  ]);
  // Sent again on paper: the secretariat enters it for Sở B and accepts it.
  await advanceTo(`${Y}-05-12T10:00`);
  expect(await bloc(['register', ...YEAR, '--unit', 'so-b', '--titles', FLAG, '--ref', '8/ĐK-SB', '--sent-on', `${Y}-05-12`])).toMatchObject({ code: 0, stderr: '' });
  expect((await bloc(['confirm', ...YEAR, '--unit', 'so-b', '--item', 'dang-ky'])).code).toBe(0);
  const listed = await bloc(['registrations', ...YEAR]);
  expect(listed.stdout.split('\n').filter((l) => l.startsWith('Sở')).map((l) => l.split(/\s{2,}/).slice(0, 4))).toEqual([
    ['Sở A', 'đã duyệt', FLAG, '12/ĐK-SA'],
    ['Sở B', 'đã duyệt', FLAG, '8/ĐK-SB'],
    ['Sở Cê', 'chưa gửi', '—', '—'],
    ['Sở Đê', 'chưa gửi', '—', '—'],
    ['Sở Ê', 'chưa gửi', '—', '—'],
  ]);
  const registered = await handle.query(conf.registrationsQuery);
  expect(registered?.units.find((u) => u.unitId === 'so-b')).toMatchObject({ state: 'accepted', titles: [FLAG], reference: '8/ĐK-SB', sent: 2 });
  const matrix = await handle.query(msg.statusQuery, {});
  expect(matrix.cells.find((c) => c.itemId === 'dang-ky' && c.unitId === 'so-a')).toMatchObject({ state: 'submitted-on-time', titles: [FLAG], reference: '12/ĐK-SA' });
  const status = await bloc(['status', ...YEAR]);
  expect(status.stdout).toContain(`đúng hạn (đăng ký: ${FLAG})`);

  // December: every unit scores itself; Sở B first, Sở A second, the others below the titles' least totals.
  await advanceTo(`${Y}-07-05T10:00`);
  // The registration's reminders (23/6, 29/6) and follow-ups went to the units that had not registered, never to
  // those registered (the leader, Sở A, reads the secretariat's digest of who has not).
  const reminded = new Set(smtp.messages.filter((m) => /\] (Nhắc hạn|Chưa nộp): Đăng ký thi đua/.test(m.subject)).flatMap((m) => [...m.envelope.to]));
  expect([...reminded].sort()).toEqual(['vanthu@so-c.example.vn', 'vanthu@so-d.example.vn', 'vanthu@so-e.example.vn']);
  await advanceTo(`${Y}-12-01T10:00`);
  for (const [unitId, minus] of [['so-a', 1], ['so-b', 0], ['so-c', 3], ['so-d', 4], ['so-e', 5]] as const) {
    await handle.executeUpdate(msg.submitScore, { args: [{ unitId, points: seedPoints(minus) }] });
  }

  // No ballot before the conference has its day.
  expect(await refusal(handle.executeUpdate(conf.openBallotRound, { args: [{ titleId: FLAG, round: 1 }] }))).toMatch(/^titleId: Hội nghị tổng kết .*chưa có ngày/);
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14`, time: '08:30' }] });
  await advanceTo(`${Y + 1}-01-14T09:00`);

  // Round 1: the candidates are those registered, in ranking order with their totals; the key is the console's alone.
  const one = await openRound(handle, keys, { titleId: FLAG });
  expect(one).toMatchObject({ round: 1, seats: 1, units: 5, candidates: [{ unitId: 'so-b', name: 'Sở B', total: 100 }, { unitId: 'so-a', name: 'Sở A' }] });
  const keyFiles = readdirSync(keys);
  expect(keyFiles).toEqual([`${workflowId}.${FLAG}.1.key`]);
  expect(statSync(path.join(keys, keyFiles[0] as string)).mode & 0o777).toBe(0o600);
  for (const [unitId, choice] of Object.entries(ROUNDS[0] ?? {})) await vote(handle, keys, { titleId: FLAG, round: 1, unitId, choice, via: { link: 'mail' } });

  // Refused with the reason, and nothing changes: twice, a unit not in the bloc, a non-candidate, paper over votes cast.
  const seal = { titleId: FLAG, round: 1, sealed: 'AAAA' };
  expect(await refusal(handle.executeUpdate(conf.castVote, { args: [{ ...seal, unitId: 'so-c' }] }))).toBe(
    'unitId: đơn vị "so-c" đã bỏ phiếu ở vòng này; mỗi đơn vị một phiếu / the unit has already voted in this round',
  );
  expect(await refusal(handle.executeUpdate(conf.castVote, { args: [{ ...seal, unitId: 'so-x' }] }))).toMatch(/^unitId: không có đơn vị "so-x" trong khối/);
  await expect(vote(handle, keys, { titleId: FLAG, round: 1, unitId: 'so-c', choice: ['so-d'] })).rejects.toThrow('choice: "so-d" không phải ứng viên của vòng này');
  expect(await refusal(closePaper(handle, keys, { titleId: FLAG, round: 1, ballots: 5, valid: 5, votes: { 'so-a': 3 } }))).toMatch(/^source: đã có 5 đơn vị bỏ phiếu/);
  // Nobody sees a tally before the close: the record holds who voted, and no totals.
  const open = (await handle.query(conf.ballotQuery))[0];
  expect(open?.voters.map((v) => v.unitId).sort()).toEqual(['so-a', 'so-b', 'so-c', 'so-d', 'so-e']);
  expect(open?.closed).toBeUndefined();

  // Closed by the secretariat: a tie, 2 to 2 (Sở Ê left its ballot blank); a second round between the two.
  const { closed: tied, next: runoff } = await closeSealed(handle, keys, FLAG, 1);
  expect(tied.closed).toMatchObject({ source: 'sealed', ballots: 5, valid: 5, votes: { 'so-a': 2, 'so-b': 2 }, elected: [], runoff: { seats: 1, unitIds: ['so-b', 'so-a'] } });
  // The second round is opened at once, among the tied, with a key of its own; the first's is gone.
  expect(runoff).toMatchObject({ round: 2, seats: 1, candidates: [{ unitId: 'so-b' }, { unitId: 'so-a' }], voters: [] });
  expect(readdirSync(keys)).toEqual([`${workflowId}.${FLAG}.2.key`]);
  expect(await refusal(handle.executeUpdate(conf.castVote, { args: [{ ...seal, unitId: 'so-a' }] }))).toBe(
    `round: vòng 1 của "${FLAG}" đã kết thúc, không nhận thêm phiếu / the round is closed`,
  );

  // Round 2 by the CLI: shown open among the tied; closing asks for --yes and says what it will do, with no tally.
  const two = await bloc(['ballot', 'show', ...YEAR]);
  expect(two).toMatchObject({ code: 0, stderr: '' });
  expect(two.stdout.split('\n').slice(-2)).toEqual(['Cờ thi đua của Ủy ban nhân dân tỉnh, vòng 2 (1 suất): đang bỏ phiếu, 0/5 đơn vị đã bỏ phiếu; ứng viên: Sở B; Sở A / open, no tally until closed', '']);
  for (const [unitId, choice] of Object.entries(ROUNDS[1] ?? {})) await vote(handle, keys, { titleId: FLAG, round: 2, unitId, choice, via: { link: 'mail' } });
  const asked = await bloc(['ballot', 'close', ...YEAR, '--title', FLAG, '--round', '2']);
  expect(asked.stdout).toMatch(/^Sẽ kết thúc Cờ thi đua của Ủy ban nhân dân tỉnh, vòng 2: mở 5 phiếu của 5\/5 đơn vị, ghi tổng số phiếu, hủy khóa của vòng; .*\nChưa thay đổi gì; chạy lại với --yes/);
  expect((await handle.query(conf.ballotQuery))[1]?.closed).toBeUndefined();
  const decided = await bloc(['ballot', 'close', ...YEAR, '--title', FLAG, '--round', '2', '--yes']);
  expect(decided).toMatchObject({ code: 0, stderr: '' });
  expect(decided.stdout.split('\n').slice(0, 4)).toEqual([
    'Cờ thi đua của Ủy ban nhân dân tỉnh, vòng 2 (1 suất): 5 phiếu, 5 hợp lệ (phiếu trên trang đơn vị)',
    'Ứng viên  Số phiếu  Kết quả',
    'Sở B      2',
    'Sở A      3         được đề nghị',
  ]);
  expect(await bloc(['ballot', 'close', ...YEAR, '--title', FLAG, '--round', '2', '--yes'])).toMatchObject({
    code: 2,
    stderr: `bloc: --round: danh hiệu "${FLAG}" không có vòng 2 đang mở / no such open round\n`,
  });

  // The certificate of merit: opened for the two; Sở Cê's blank ballot is in when the round's key is lost, so the
  // round cannot be counted: it is annulled, and held again on paper among the same candidates.
  expect((await bloc(['ballot', 'open', ...YEAR, '--title', 'bang-khen', '--candidates', 'so-a,so-b'])).code).toBe(0);
  await vote(handle, keys, { titleId: 'bang-khen', round: 1, unitId: 'so-c', choice: [] });
  rmSync(path.join(keys, `${workflowId}.bang-khen.1.key`));
  expect(await bloc(['ballot', 'close', ...YEAR, '--title', 'bang-khen', '--round', '1', '--yes'])).toMatchObject({
    code: 2,
    stderr: 'bloc: khóa của vòng 1 ("bang-khen") không có trên máy này; phiếu chỉ mở được nơi đã mở vòng / the round\'s key is not on this machine\n',
  });
  const annul = ['ballot', 'annul', ...YEAR, '--title', 'bang-khen', '--round', '1', '--reason', 'Mất khóa của vòng'];
  expect((await bloc(annul)).stdout).toMatch(/^Sẽ hủy vòng 1 của "bang-khen": các phiếu đã bỏ không được kiểm/);
  expect((await bloc([...annul, '--yes'])).stdout).toBe('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, vòng 1 (2 suất): đã hủy, không kiểm phiếu (Mất khóa của vòng); bỏ phiếu lại ở vòng sau / annulled\n');
  expect((await bloc(['ballot', 'open', ...YEAR, '--title', 'bang-khen'])).stdout).toMatch(/^Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, vòng 2 \(2 suất\): đang bỏ phiếu, 0\/5 đơn vị đã bỏ phiếu; ứng viên: Sở B; Sở A/);
  const count = ['ballot', 'count', ...YEAR, '--title', 'bang-khen', '--round', '2', '--ballots', '5', '--valid', '5', '--votes', 'so-a=5,so-b=4'];
  expect((await bloc(count)).stdout).toMatch(/^Sẽ kết thúc vòng 2 của "bang-khen" với 5 phiếu, 5 hợp lệ \(so-a: 5, so-b: 4\); không thể làm lại/);
  expect(await bloc([...count.map((a) => (a === 'so-a=5,so-b=4' ? 'so-a=5,so-d=4' : a)), '--yes'])).toMatchObject({
    code: 2,
    stderr: 'bloc: --votes: "so-d" không phải ứng viên của vòng này / not a candidate of this round\n',
  });
  expect((await bloc([...count, '--yes'])).code).toBe(0);
  expect(await refusal(handle.executeUpdate(conf.openBallotRound, { args: [{ titleId: FLAG, round: 3 }] }))).toBe(
    `titleId: danh hiệu "${FLAG}" đã bình xét xong ở vòng 2 / the ballot for this title is over`,
  );
  expect((await handle.query(conf.ballotQuery)).map((r) => [r.titleId, r.round, r.closed?.source, r.closed?.elected])).toEqual([
    [FLAG, 1, 'sealed', []],
    [FLAG, 2, 'sealed', ['so-a']],
    ['bang-khen', 1, undefined, undefined],
    ['bang-khen', 2, 'paper', ['so-a', 'so-b']],
  ]);

  // The minutes and the proposal, from the year's record.
  const written = await bloc(['documents', '--bloc', 'thu-nghiem', '--year', String(Y), '--out', dir]);
  expect(written).toMatchObject({ code: 0, stderr: '' });
  const minutes = await readDocx(readFileSync(path.join(dir, `bien-ban-hoi-nghi-thu-nghiem-${Y}.docx`)));
  const proposal = await readDocx(readFileSync(path.join(dir, `to-trinh-khen-thuong-thu-nghiem-${Y}.docx`)));
  expect(minutes.paragraphs).toContain('Cờ thi đua của Ủy ban nhân dân tỉnh, vòng 1 (1 suất): 5 phiếu phát ra, 5 phiếu hợp lệ.');
  expect(minutes.paragraphs).toContain('Cờ thi đua của Ủy ban nhân dân tỉnh, vòng 2 (1 suất): 5 phiếu phát ra, 5 phiếu hợp lệ.');
  const roundRows = minutes.tables.filter((t) => t[0]?.includes('Số phiếu')).map((t) => t.slice(1).map((row) => [row[1], row[3], row[4]]));
  expect(roundRows).toEqual([
    [['Sở B', '2', ''], ['Sở A', '2', '']],
    [['Sở B', '2', ''], ['Sở A', '3', 'được đề nghị']],
    [['Sở B', '4', 'được đề nghị'], ['Sở A', '5', 'được đề nghị']],
  ]);
  // The proposal: per title, those the ballot elected, with their rank, total and votes.
  expect(proposal.tables.filter((t) => t[0]?.includes('Số phiếu')).map((t) => t.slice(1))).toEqual([
    [['1', 'Sở A', '2', '92', '3']],
    [['1', 'Sở A', '2', '92', '5'], ['2', 'Sở B', '1', '100', '4']],
  ]);

  // The exports of the voted year.
  const csv = await bloc(['export', '--bloc', 'thu-nghiem', '--year', String(Y), '--csv']);
  expect(csv.code).toBe(0);
  const workbookFile = path.join(dir, 'danh-gia.xlsx');
  expect((await bloc(['export', '--bloc', 'thu-nghiem', '--year', String(Y), '--xlsx', workbookFile])).code).toBe(0);
  const workbook = new Workbook();
  await workbook.xlsx.readFile(workbookFile);
  const workbookRows: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => workbookRows.push(JSON.stringify(row.values))));

  // The handover after the conference starts the next year.
  await advanceTo(`${Y + 1}-01-16T12:00`);
  const next = await env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y + 1)).describe();
  expect(next.status.name).toBe('RUNNING');

  // The search: the history decoded, the log lines, the CSV, the workbook's rows, the documents' paragraphs and rows.
  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  const records = [
    ...jsonRecords(await decodedHistory(history)),
    ...logged.join('').split('\n'),
    ...csv.stdout.split('\n'),
    ...workbookRows,
    ...[minutes, proposal].flatMap((d) => [...d.paragraphs, ...d.tables.flatMap((t) => t.map((row) => row.join(' | ')))]),
  ];
  expect(records.length).toBeGreaterThan(1000);
  expect(pairsFound(records, SECRETS, UNITS)).toEqual([]);

  // The negative control: the same history with one vote written in the clear, as an Update carrying the choice would.
  const leaky = structuredClone(history);
  const accepted = leaky.events?.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'castVote');
  const input = accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
  const plain = defaultPayloadConverter.toPayload({ titleId: FLAG, round: 1, unitId: 'so-d', choice: ['so-b'] });
  const [encoded] = await (dataConverter.payloadCodecs?.[0]?.encode([plain]) ?? [plain]);
  if (input?.args?.payloads) input.args.payloads = [encoded as never];
  expect(pairsFound(jsonRecords(await decodedHistory(leaky)), SECRETS, UNITS)).toEqual(['so-d → so-b']);
  // And in a log line or a spreadsheet row as well.
  expect(pairsFound(['phiếu: Sở Đê bầu Sở A', 'so-c: so-a; so-e: so-b'], SECRETS, UNITS)).toEqual(['so-c → so-a', 'so-d → so-a', 'so-e → so-b']);

  expect(existsSync(keys) && readdirSync(keys)).toEqual([]);
  await recordHistory(handle, 'conference-year.json');
  await handle.terminate('test over');
  await env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y + 1)).terminate('test over');
});
