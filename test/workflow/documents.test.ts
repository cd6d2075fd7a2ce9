/**
 * `bloc documents` on a year played on the time-skipping server: three units score themselves, the leader
 * adjusts one figure, the conference gets its day and decides on the bonus claims; the command then writes the
 * minutes and the proposal, read back here for their units and figures. Before that, a year without a scoring
 * table and a conference without its day are refused in one line; after it, the files are not replaced
 * without --force, and the plan file given with --config puts the province in the date line.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as msg from '../../workflows/messages';
import { expectOneLine, runBloc } from '../support/cli';
import { readDocx } from '../support/docx-text';
import { FIXTURE_YEAR as Y, scoredBloc, seedPoints, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();
const dir = mkdtempSync(path.join(tmpdir(), 'bloc-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scored = scoredBloc();
const unscored = smallBloc((c) => {
  c.bloc = { ...c.bloc, id: 'khong-cham-diem' };
});

test('the minutes and the proposal of a scored year, as the CLI writes them', async () => {
  const { env, advanceTo, startYear, taskQueue, clock } = engine();
  const bloc = (args: string[]) => runBloc(env, taskQueue, args, { now: clock });
  const { workflowId } = await startYear(scored, Y);
  const other = await startYear(unscored, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const documents = ['documents', '--bloc', 'thu-nghiem', '--year', String(Y), '--out', dir];

  expectOneLine(
    await bloc(['documents', '--bloc', 'khong-cham-diem', '--year', String(Y), '--out', dir]),
    2,
    `bloc: --year: kế hoạch năm ${Y} của Khối thi đua thử nghiệm chưa có thang bảng điểm (mục scoring)`,
  );

  await advanceTo(`${Y}-12-01T10:00`);
  await handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-a', points: seedPoints(0), bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu' }] }] });
  await handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-b', points: seedPoints(1), bonus: [{ criterion: 'I.2', points: 2, justification: 'Dẫn đầu cải cách hành chính' }] }] });
  await handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-c', points: seedPoints(1) }] });
  await handle.executeUpdate(msg.adjustScore, { args: [{ unitId: 'so-b', criterion: 'I.1', points: 37.5, reason: 'Chỉ tiêu thu chưa đạt' }] });

  // The conference has no day yet: nothing is written.
  expectOneLine(
    await bloc(documents),
    2,
    `bloc: --item: Hội nghị tổng kết (mục "hoi-nghi-tong-ket") chưa có ngày (tháng 1/${Y + 1}): ấn định bằng bloc reschedule --item hoi-nghi-tong-ket --date … / the conference has no day yet`,
  );
  expect(existsSync(path.join(dir, `bien-ban-hoi-nghi-thu-nghiem-${Y}.docx`))).toBe(false);

  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14`, time: '08:30' }] });
  await advanceTo(`${Y + 1}-01-14T15:00`);
  await handle.executeUpdate(msg.decideBonus, { args: [{ conferenceDate: `${Y + 1}-01-14`, minutes: '01/BB-KTĐTN', agreed: [{ unitId: 'so-a', criterion: 'I.1' }], apply: true }] });

  const written = await bloc(documents);
  expect(written).toMatchObject({ code: 0, stderr: '' });
  expect(written.stdout).toMatch(/^Đã ghi .*bien-ban-hoi-nghi-thu-nghiem-2049\.docx và .*to-trinh-khen-thuong-thu-nghiem-2049\.docx: 3 đơn vị xếp hạng, 3 lượt đề nghị danh hiệu/);

  const minutesFile = path.join(dir, `bien-ban-hoi-nghi-thu-nghiem-${Y}.docx`);
  const proposalFile = path.join(dir, `to-trinh-khen-thuong-thu-nghiem-${Y}.docx`);
  const minutes = await readDocx(readFileSync(minutesFile));
  // The plan file was not given: the place is left for the clerk; the minutes' number is the one the decision recorded.
  expect(minutes.tables[0]?.[0]).toEqual(['KHỐI THI ĐUA THỬ NGHIỆM\n\nSố: 01/BB-KTĐTN', `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n………………, ngày 14 tháng 01 năm ${Y + 1}`]);
  expect(minutes.paragraphs).toContain(`Thời gian: 8 giờ 30, thứ Sáu, ngày 14/1/${Y + 1}.`);
  expect(minutes.paragraphs).toEqual(expect.arrayContaining(['1. Sở A — Khối trưởng.', '2. Sở B — Khối phó.', '3. Sở Cê.']));
  expect(minutes.tables[1]?.slice(1)).toEqual([
    ['1', 'Sở A', '60', '25', '15', '100', '100', '+3', '103'],
    ['2', 'Sở Cê', '57', '22', '13', '92', '92', '', '92'],
    ['3', 'Sở B', '55,5', '22', '13', '92', '90,5', '', '90,5'],
  ]);
  expect(minutes.paragraphs).toContain('- Sở B, tiêu chí "I.1": đơn vị tự chấm 39, tính 37,5 (Chỉ tiêu thu chưa đạt).');
  expect(minutes.paragraphs).toContain('- Sở A, tiêu chí "I.1": +3 điểm (Vượt 25% chỉ tiêu).');
  expect(minutes.paragraphs).toContain('- Sở B, tiêu chí "I.2": +2 điểm (Dẫn đầu cải cách hành chính).');
  expect(minutes.paragraphs).toContain('a) Cờ thi đua của Ủy ban nhân dân tỉnh (hạng 1, từ 90 điểm; 1 suất): Sở A (hạng 1, 103 điểm).');
  expect(minutes.tables[minutes.tables.length - 1]?.[0]?.[1]?.split('\n').slice(0, 3)).toEqual(['TM. KHỐI THI ĐUA THỬ NGHIỆM', 'KHỐI TRƯỞNG', 'Sở A']);

  const proposal = await readDocx(readFileSync(proposalFile));
  expect(proposal.paragraphs).toContain('Kính gửi: Ban Thi đua - Khen thưởng tỉnh.');
  expect(proposal.tables.slice(1, 3)).toEqual([
    [['TT', 'Tên đơn vị', 'Hạng', 'Tổng điểm'], ['1', 'Sở A', '1', '103']],
    [['TT', 'Tên đơn vị', 'Hạng', 'Tổng điểm'], ['1', 'Sở Cê', '2', '92'], ['2', 'Sở B', '3', '90,5']],
  ]);

  // Written once, the drafts are not replaced without --force: the leader may have edited them.
  const before = readFileSync(minutesFile);
  expectOneLine(await bloc(documents), 2, `bloc: --force: ${minutesFile}, ${proposalFile} đã có; không ghi đè nếu không có --force`);
  expect(readFileSync(minutesFile).equals(before)).toBe(true);

  // With the plan file, the province and the board's name are the plan's.
  const planFile = path.join(dir, 'thu-nghiem.json');
  writeFileSync(planFile, JSON.stringify({ ...scored, board: { ...scored.board, name: 'Ban Thi đua - Khen thưởng tỉnh Đắk Nông' } }));
  expect((await bloc([...documents, '--force', '--config', planFile])).code).toBe(0);
  const again = await readDocx(readFileSync(proposalFile));
  expect(again.tables[0]?.[0]?.[1]).toBe(`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐắk Nông, ngày …… tháng …… năm ${Y + 1}`);
  expect(again.paragraphs).toContain('Kính gửi: Ban Thi đua - Khen thưởng tỉnh Đắk Nông.');
  expectOneLine(await bloc([...documents, '--force', '--config', path.join(__dirname, '..', '..', 'config', 'blocs', 'dak-nong-khoi-4.yaml')]), 2, 'tệp của Khối "dak-nong-khoi-4", không phải "thu-nghiem"');

  await handle.terminate('test over');
  await env.client.workflow.getHandle(other.workflowId).terminate('test over');
});
