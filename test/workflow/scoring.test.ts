/**
 * Self-scoring, bonus points and the January evaluation for the seed bloc (plan 277/KH-KTĐ4, section III),
 * on the time-skipping server: units send their sheets, one claims bonus on a qualitative criterion and is
 * refused in the words of the rule, one corrects before the cut-off, one is asked for corrections, the
 * reminders say what each unit lacks and the digest lists missing and disputed scores; the leader adjusts a
 * score with a reason, the conference agrees two of three bonus claims; the ranking before and after, the
 * workbook read back, and the next year holding the ranking, amended when it changes after the handover.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import { BONUS_SHEET, scoreWorkbook, SUMMARY_SHEET } from '../../client/score-export';
import { loadBlocConfig } from '../../config/load';
import { criteriaOf, type ScoringTable } from '../../config/scoring';
import * as msg from '../../workflows/messages';
import { workflowIdFor, type YearSummary } from '../../workflows/model';
import { FIXTURE_YEAR as Y } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const SEED = path.join(__dirname, '..', '..', 'config', 'blocs', 'dak-nong-khoi-4.yaml');
const engine = useTimeSkippingEngine();
const dir = mkdtempSync(path.join(tmpdir(), 'bloc-scoring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = loadBlocConfig(SEED);
const table = config.scoring as ScoringTable;

/** Every criterion at its maximum less `minus`, with the figures given. */
function points(minus: number, given: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(criteriaOf(table).map((c) => [c.code, given[c.code] ?? c.max - minus]));
}

/** The rows of a sheet as values, from its first column. */
function rowsOf(sheet: Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const rankingOf = (view: msg.ScoresView | null) =>
  (view?.ranking.rows ?? []).map((r) => [r.unitId, r.rank ?? null, r.tiedWith.length > 0, r.totals?.total ?? null, r.totals?.bonusPending ?? 0]);

test('Bloc No. 4 of Đắk Nông scores its year, compiles it and ranks it at the January conference', async () => {
  const { env, smtp, advanceTo, startYear } = engine();
  const { workflowId } = await startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const update = handle.executeUpdate.bind(handle);
  // This test is about the scoring item: the plan's other dated items are cancelled, so that the only mail
  // until the conference is the scoring item's.
  for (const itemId of ['hoi-nghi-giao-uoc', 'bao-cao-6-thang', 'tong-hop-6-thang', 'bao-cao-tong-ket']) {
    await update(msg.cancelItem, { args: [{ itemId, reason: 'Không thuộc phạm vi kiểm thử chấm điểm' }] });
  }
  const submit = (input: msg.ScoreInput) => update(msg.submitScore, { args: [input] });

  await advanceTo(`${Y}-12-01T10:00`);
  expect(smtp.messages).toEqual([]);
  expect(await submit({ unitId: 'so-tu-phap', points: points(0), bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu thẩm định văn bản' }], reference: '12/BC-STP', by: 'Văn phòng Sở Tư pháp' })).toMatchObject({
    outcome: 'recorded',
    version: 1,
    status: 'complete',
    criteriaTotal: 100,
    bonusClaimed: 3,
  });
  // Bonus on a qualitative criterion is refused with the words of the rule, and nothing is recorded.
  expect(await refusal(submit({ unitId: 'so-noi-vu', points: points(1), bonus: [{ criterion: 'I.3', points: 2, justification: 'Tham mưu tốt' }] }))).toBe(
    'bonus: tiêu chí "I.3" là tiêu chí định tính: không cộng điểm thưởng đối với tiêu chí định tính / criterion "I.3" is qualitative: bonus points are never given on qualitative criteria',
  );
  expect(await refusal(submit({ unitId: 'so-noi-vu', points: points(1, { 'I.1': 41 }) }))).toBe('points: tiêu chí "I.1": 41 điểm vượt mức tối đa 40 / 41 points exceed the maximum of 40');
  expect((await handle.query(msg.scoresQuery))?.units.find((u) => u.unitId === 'so-noi-vu')?.status).toBe('not-sent');
  // Claimed on a quantitative criterion, but without a justification.
  expect((await submit({ unitId: 'so-noi-vu', points: points(1), bonus: [{ criterion: 'I.2', points: 2 }] })).status).toBe('bonus-unjustified');
  await submit({ unitId: 'vp-ubnd', points: points(1) });
  await submit({ unitId: 'so-tai-chinh', points: points(1, { 'I.1': 36 }), reference: '40/BC-STC' });
  await submit({ unitId: 'thanh-tra-tinh', points: points(2) });
  await submit({ unitId: 'vp-doan-dbqh-hdnd', points: points(2) });
  await submit({ unitId: 'so-ke-hoach-dau-tu', points: points(3) });
  await update(msg.requestScoreCorrection, { args: [{ unitId: 'thanh-tra-tinh', reason: 'Chưa trừ điểm báo cáo 6 tháng gửi chậm', criteria: ['II.2'] }] });

  // 16/12, fourteen days before the cut-off: each unit that still lacks something is told what.
  await advanceTo(`${Y}-12-16T08:30`);
  await smtp.waitFor(4);
  const told = new Map(smtp.messages.map((m) => [m.envelope.to.find((a) => a.startsWith('vanthu@')) ?? '', m.text]));
  expect([...told.keys()].sort()).toEqual(['vanthu@bdt.daknong.example.vn', 'vanthu@sngv.daknong.example.vn', 'vanthu@snv.daknong.example.vn', 'vanthu@thanhtra.daknong.example.vn']);
  expect(told.get('vanthu@bdt.daknong.example.vn')).toContain('Còn thiếu: bảng tự chấm điểm của Quý đơn vị (chưa gửi).');
  expect(told.get('vanthu@snv.daknong.example.vn')).toContain(`Đã nhận bảng tự chấm điểm lần 1 ngày 1/12/${Y}. Còn thiếu: giải trình điểm thưởng ở tiêu chí "I.2".`);
  expect(told.get('vanthu@thanhtra.daknong.example.vn')).toContain(
    'Còn thiếu: bảng đã chỉnh sửa theo đề nghị của Khối trưởng, Thư ký Khối (tiêu chí "II.2"): Chưa trừ điểm báo cáo 6 tháng gửi chậm.',
  );
  smtp.reset();

  // Before the cut-off a unit corrects freely: every version is kept.
  await advanceTo(`${Y}-12-20T10:00`);
  expect(await submit({ unitId: 'so-tai-chinh', points: points(1, { 'I.1': 38 }), bonus: [{ criterion: 'III.1', points: 2, justification: 'Giải nhất Hội thao Khối' }], reference: '41/BC-STC' })).toMatchObject({
    outcome: 'corrected',
    version: 2,
  });
  expect((await submit({ unitId: 'thanh-tra-tinh', points: points(2), deductions: { 'II.2': 1 } })).status).toBe('complete');

  // The reminders 7, 3 and 1 days before go only to the three units that still lack something.
  await advanceTo(`${Y}-12-30T09:00`);
  const reminder = (await smtp.waitFor(9))[0]?.subject;
  expect(reminder).toMatch(/^\[Khối thi đua số 4\] Nhắc hạn: .* chấm điểm /);
  expect(engine().received()).toEqual(['bdt', 'sngv', 'snv'].flatMap((unit) => Array(3).fill(`vanthu@${unit}.daknong.example.vn: ${reminder}`)));

  // After the cut-off (the end of 30/12): the first follow-up day brings the digest of missing and disputed scores.
  const scoringItem = (await handle.query(msg.timelineQuery)).items.find((i) => i.id === 'cham-diem');
  expect(scoringItem?.at).toBe(`${Y}-12-30T23:59:59.999+07:00`);
  const firstFollowUp = scoringItem?.followUps[0] as string;
  await advanceTo(firstFollowUp.slice(0, 16).replace('T08:00', 'T08:30'));
  const digest = (await smtp.waitFor(4)).find((m) => m.envelope.to.includes('thuky.ktd4@vpubnd.daknong.example.vn'));
  expect(digest?.text).toContain('Đơn vị chưa nộp hoặc điểm còn vướng mắc:');
  expect(digest?.text).toMatch(/Ban Dân tộc tỉnh Đắk Nông \| .* \| đã quá hạn \d+ ngày; chưa gửi bảng tự chấm điểm/);
  expect(digest?.text).toMatch(/Sở Ngoại vụ tỉnh Đắk Nông \| .* \| đã quá hạn \d+ ngày; chưa gửi bảng tự chấm điểm/);
  expect(digest?.text).toMatch(/Sở Nội vụ tỉnh Đắk Nông \| .* \| đã gửi; điểm thưởng chưa có giải trình/);
  expect(digest?.text).not.toMatch(/Sở Tư pháp|Thanh tra tỉnh/);

  // A late first sheet is taken; a correction after the cut-off needs the secretariat's consent.
  await advanceTo(`${Y + 1}-01-04T09:00`);
  expect((await submit({ unitId: 'so-ngoai-vu', points: points(1, { 'I.1': 37 }) })).outcome).toBe('recorded');
  expect(await refusal(submit({ unitId: 'so-tu-phap', points: points(0), bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu thẩm định văn bản' }], reference: '15/BC-STP' }))).toMatch(
    new RegExp(`^consent: đã qua hạn chấm điểm \\(hết thứ Năm, ngày 30/12/${Y}\\): sửa bảng tự chấm điểm cần Thư ký Khối đồng ý`),
  );
  await submit({ unitId: 'so-tu-phap', points: points(0), bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu thẩm định văn bản' }], reference: '15/BC-STP', consent: 'Thư ký Khối đồng ý ngày 4/1' });
  // The leader adjusts one criterion, with the reason; the unit's own figure stays beside it.
  expect(await refusal(update(msg.adjustScore, { args: [{ unitId: 'so-tai-chinh', criterion: 'I.1', points: 35, reason: '' }] }))).toMatch(/^reason: cần nêu lý do điều chỉnh/);
  await update(msg.adjustScore, { args: [{ unitId: 'so-tai-chinh', criterion: 'I.1', points: 35, reason: 'Thu ngân sách đạt 95% dự toán' }] });

  // Before the conference: totals without bonus, the bonus pending; Văn phòng UBND tỉnh and Sở Nội vụ tied.
  const before = await handle.query(msg.scoresQuery);
  expect(before?.ranking.bonusSettled).toBe(false);
  expect(rankingOf(before)).toEqual([
    ['so-tu-phap', 1, false, 100, 3],
    ['so-noi-vu', 2, true, 92, 2],
    ['vp-ubnd', 2, true, 92, 0],
    ['so-ngoai-vu', 4, false, 90, 0],
    ['so-tai-chinh', 5, false, 88, 2],
    ['vp-doan-dbqh-hdnd', 6, false, 84, 0],
    ['thanh-tra-tinh', 7, false, 83, 0],
    ['so-ke-hoach-dau-tu', 8, false, 76, 0],
    ['ban-dan-toc', null, false, null, 0],
  ]);
  const stc = before?.units.find((u) => u.unitId === 'so-tai-chinh');
  expect(stc?.adjusted).toEqual(['I.1']);
  expect(stc?.record?.versions.map((v) => [v.version, v.reference, v.points['I.1']])).toEqual([[1, '40/BC-STC', 36], [2, '41/BC-STC', 38]]);
  expect(before?.units.find((u) => u.unitId === 'so-tu-phap')?.record?.versions.map((v) => v.consent ?? '')).toEqual(['', 'Thư ký Khối đồng ý ngày 4/1']);

  // The conference (14/1) agrees two of the three claims; a preview first changes nothing.
  await update(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14` }] });
  await advanceTo(`${Y + 1}-01-14T15:00`);
  const decision = { conferenceDate: `${Y + 1}-01-14`, minutes: '01/BB-KTĐ4', agreed: [{ unitId: 'so-tu-phap', criterion: 'I.1' }, { unitId: 'so-tai-chinh', criterion: 'III.1' }] };
  expect(await refusal(update(msg.decideBonus, { args: [{ ...decision, agreed: [{ unitId: 'so-noi-vu', criterion: 'I.3' }], apply: true }] }))).toBe(
    'agreed: đơn vị "so-noi-vu" không đề nghị điểm thưởng ở tiêu chí "I.3" / no such bonus claim',
  );
  const preview = await update(msg.decideBonus, { args: [{ ...decision, apply: false }] });
  expect(preview).toMatchObject({ applied: false, decision: { refused: [{ unitId: 'so-noi-vu', criterion: 'I.2', points: 2 }] } });
  expect((await handle.query(msg.scoresQuery))?.ranking.decision).toBeUndefined();
  expect((await update(msg.decideBonus, { args: [{ ...decision, apply: true }] })).applied).toBe(true);

  // After: only the agreed bonus counts; Sở Tài chính's lifts it level with Sở Ngoại vụ.
  const after = await handle.query(msg.scoresQuery);
  expect(after?.ranking.bonusSettled).toBe(true);
  expect(rankingOf(after)).toEqual([
    ['so-tu-phap', 1, false, 103, 0],
    ['so-noi-vu', 2, true, 92, 0],
    ['vp-ubnd', 2, true, 92, 0],
    ['so-ngoai-vu', 4, true, 90, 0],
    ['so-tai-chinh', 4, true, 90, 0],
    ['vp-doan-dbqh-hdnd', 6, false, 84, 0],
    ['thanh-tra-tinh', 7, false, 83, 0],
    ['so-ke-hoach-dau-tu', 8, false, 76, 0],
    ['ban-dan-toc', null, false, null, 0],
  ]);
  expect(after?.claims.map((c) => [c.unitId, c.criterion, c.decision])).toEqual([
    ['so-noi-vu', 'I.2', 'refused'],
    ['so-tai-chinh', 'III.1', 'agreed'],
    ['so-tu-phap', 'I.1', 'agreed'],
  ]);
  expect(after?.ranking.proposals.map((p) => [p.titleId, p.unitIds, p.tie])).toEqual([
    ['co-thi-dua', ['so-tu-phap'], false],
    ['bang-khen', ['so-noi-vu', 'vp-ubnd'], false],
  ]);

  // The workbook for the conference, read back.
  const file = path.join(dir, 'binh-xet.xlsx');
  await scoreWorkbook(after as msg.ScoresView).xlsx.writeFile(file);
  const book = new Workbook();
  await book.xlsx.readFile(file);
  expect(book.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET, ...config.units.map((u) => u.id), BONUS_SHEET]);
  const summary = rowsOf(book.getWorksheet(SUMMARY_SHEET));
  expect(summary[1]?.[0]).toMatch(/THANG ĐIỂM MINH HỌA/);
  const header = summary.findIndex((r) => r[0] === 'Hạng');
  // Headers in Vietnamese with every diacritic, as exceljs wrote and read them (UTF-8 throughout).
  expect(summary[header]).toEqual(['Hạng', 'Đồng hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm các tiêu chí', 'Điểm thưởng được công nhận', 'Điểm thưởng chờ Hội nghị', 'Tổng điểm', 'Danh hiệu đề nghị', 'Tình trạng']);
  expect(summary[header + 1]?.slice(0, 9)).toEqual([1, '', 'so-tu-phap', 'Sở Tư pháp tỉnh Đắk Nông', 100, 3, 0, 103, 'Cờ thi đua của Ủy ban nhân dân tỉnh']);
  expect(summary[header + 4]?.slice(0, 8)).toEqual([4, 'đồng hạng với Sở Tài chính tỉnh Đắk Nông', 'so-ngoai-vu', 'Sở Ngoại vụ tỉnh Đắk Nông', 90, 0, 0, 90]);
  const finance = rowsOf(book.getWorksheet('so-tai-chinh'));
  expect(finance.find((r) => r[0] === 'Nhóm')).toEqual(['Nhóm', 'Mã', 'Tiêu chí', 'Loại', 'Điểm tối đa', 'Đơn vị tự chấm', 'Điểm trừ (đơn vị)', 'Điều chỉnh', 'Điểm trừ (điều chỉnh)', 'Lý do điều chỉnh', 'Điểm tính']);
  expect(finance.find((r) => r[0] === 'Lần gửi')).toEqual(['Lần gửi', 'Nhận lúc', 'Số văn bản', 'Người gửi', 'Sự đồng ý sửa sau hạn', 'Ghi nhận lúc']);
  const i1 = finance.find((r) => r[1] === 'I.1');
  expect([i1?.[4], i1?.[5], i1?.[7], i1?.[9], i1?.[10]]).toEqual([40, 38, 35, 'Thu ngân sách đạt 95% dự toán', 35]);
  const versions = finance.filter((r) => r[0] === 1 || r[0] === 2).filter((r) => r[1] instanceof Date);
  expect(versions.map((r) => [r[0], r[2]])).toEqual([[1, '40/BC-STC'], [2, '41/BC-STC']]);
  // A real Excel date, at the wall time of the bloc's zone: 10:00 on 20/12.
  expect((versions[1]?.[1] as Date).toISOString()).toBe(`${Y}-12-20T10:00:00.000Z`);
  const bonus = rowsOf(book.getWorksheet(BONUS_SHEET));
  expect(bonus.find((r) => r[0] === 'Mã đơn vị')).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Điểm đề nghị', 'Giải trình', 'Quyết định của Hội nghị', 'Ngày Hội nghị', 'Số biên bản']);
  // The conference's day is a date cell too (dd/mm/yyyy), not text.
  expect(bonus.filter((r) => r[6] instanceof Date).map((r) => (r[6] as Date).toISOString())).toEqual(Array(3).fill(`${Y + 1}-01-14T00:00:00.000Z`));
  expect(bonus.filter((r) => typeof r[3] === 'number').map((r) => [r[0], r[2], r[3], r[5], r[7]])).toEqual([
    ['so-noi-vu', 'I.2', 2, 'không được thống nhất', '01/BB-KTĐ4'],
    ['so-tai-chinh', 'III.1', 2, 'được thống nhất', '01/BB-KTĐ4'],
    ['so-tu-phap', 'I.1', 3, 'được thống nhất', '01/BB-KTĐ4'],
  ]);

  // The day after the conference the deputy takes the lead; the next year holds this year's ranking.
  await advanceTo(`${Y + 1}-01-15T09:00`);
  expect((await handle.query(msg.stageQuery)).stage).toBe('handed-over');
  const next = env.client.workflow.getHandle(workflowIdFor('dak-nong-khoi-4', Y + 1));
  const held = async () => (await next.query(msg.previousYearsQuery)).find((s) => s.year === Y);
  expect((await held())?.ranking).toMatchObject({
    bonusSettled: true,
    conference: { date: `${Y + 1}-01-14`, minutes: '01/BB-KTĐ4' },
    maxTotal: 100,
    proposals: [
      { titleId: 'co-thi-dua', unitIds: ['so-tu-phap'], tie: false },
      { titleId: 'bang-khen', unitIds: ['so-noi-vu', 'vp-ubnd'], tie: false },
    ],
  });
  expect((await held())?.ranking?.rows.map((r) => [r.unitId, r.rank ?? null, r.total ?? null])).toEqual(rankingOf(after).map((r) => [r[0], r[1], r[3]]));

  // A change after the handover reaches the next year's record of it.
  await update(msg.adjustScore, { args: [{ unitId: 'so-ke-hoach-dau-tu', criterion: 'I.1', points: 40, reason: 'Bổ sung số liệu vốn đầu tư công quý IV' }] });
  let amended: YearSummary | undefined;
  for (let tries = 0; tries < 50 && amended?.ranking?.rows.find((r) => r.unitId === 'so-ke-hoach-dau-tu')?.total !== 79; tries++) {
    amended = await held();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(amended?.ranking?.rows.find((r) => r.unitId === 'so-ke-hoach-dau-tu')).toMatchObject({ rank: 8, total: 79 });

  await next.terminate('test over');
  await handle.executeUpdate(msg.closeYear, { args: [{}] });
  const result: YearSummary = await handle.result();
  await recordHistory(handle, 'scored-year.json');
  expect(result.ranking?.rows[0]).toMatchObject({ unitId: 'so-tu-phap', rank: 1, total: 103 });
}, 300_000);

test('a year whose plan has no scoring table refuses scores and answers null', async () => {
  const { env, startYear } = engine();
  const plain = loadBlocConfig(SEED);
  delete plain.scoring;
  plain.bloc.id = 'khoi-khong-cham-diem';
  // The first test has moved the clock past the fixture year: this year is opened for the record.
  const { workflowId } = await startYear(plain, Y, { past: true });
  const handle = env.client.workflow.getHandle(workflowId);
  expect(await refusal(handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-tu-phap', points: {} }] }))).toBe(
    'scoring: kế hoạch của Khối chưa có thang bảng điểm (mục scoring) / the plan has no scoring table',
  );
  expect(await handle.query(msg.scoresQuery)).toBeNull();
  await handle.terminate('test over');
});
