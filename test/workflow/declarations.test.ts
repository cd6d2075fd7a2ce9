/**
 * A unit's own word that it has sent ("đơn vị báo đã gửi"): its reminders stop while the secretariat has not
 * answered; a confirmation records the submission with the declared document, a rejection resumes the
 * reminders. Counted at the SMTP server on the time-skipping server, for the small bloc's 6-month report
 * (reminders Monday 7/6 and Friday 11/6 at 08:00, due by the end of Monday 14/6, follow-ups 17/6 and 21/6).
 */
import * as msg from '../../workflows/messages';
import type { StoredFile } from '../../workflows/model';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const engine = useTimeSkippingEngine();
/** An instant recorded in the bloc's zone within the given minute: the server's clock moves on while an Update runs. */
const atMinute = (local: string) => expect.stringMatching(new RegExp(`^${local}:\\d\\d\\.\\d{3}\\+07:00$`));

const REPORT = 'bao-cao-6-thang';
const PDF: StoredFile = { sha256: 'a'.repeat(64), name: 'Báo cáo 6 tháng.pdf', size: 48_213, type: 'pdf' };
const A = 'vanthu@so-a.example.vn';
const C = 'vanthu@so-c.example.vn';

test('a declaration stops the unit’s reminders; confirmed it is the submission, rejected the reminders resume', async () => {
  const { env, smtp, advanceTo, received } = engine();
  const { workflowId } = await engine().startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const declare = (input: Partial<msg.DeclarationInput>) =>
    handle.executeUpdate(msg.declareSubmission, { args: [{ unitId: 'so-b', itemId: REPORT, sentOn: `${Y}-06-03`, reference: '21/BC-SB', ...input } as msg.DeclarationInput] });
  const review = (input: Partial<msg.DeclarationReviewInput>) =>
    handle.executeUpdate(msg.reviewDeclaration, { args: [{ unitId: 'so-b', itemId: REPORT, decision: 'confirm', ...input } as msg.DeclarationReviewInput] });

  // Thursday 3/6: Sở B declares with its PDF, Sở Cê without a file.
  await advanceTo(`${Y}-06-03T15:00`);
  const declared = await declare({ file: PDF, by: 'Nguyễn Văn Bê' });
  expect(declared.cell).toMatchObject({ state: 'declared', sentOn: `${Y}-06-03`, reference: '21/BC-SB', file: PDF, declaredAt: atMinute(`${Y}-06-03T15:00`) });
  await declare({ unitId: 'so-c', reference: '7/BC-SC' });

  // Refusals name the field and leave the record as it was.
  expect(await refusal(declare({}))).toMatch(/^itemId: đơn vị đã báo gửi "Báo cáo sơ kết 6 tháng" lúc .*, đang chờ Thư ký xác nhận/);
  expect(await refusal(declare({ unitId: 'so-a', sentOn: `${Y}-06-04` }))).toBe(`sentOn: ngày gửi 4/6/${Y} ở tương lai / the day sent, 4 June ${Y}, is in the future`);
  expect(await refusal(declare({ unitId: 'so-a', reference: ' ' }))).toMatch(/^reference: /);
  expect(await refusal(declare({ unitId: 'so-a', file: { ...PDF, type: 'exe' as 'pdf' } }))).toBe('file: chỉ nhận PDF hoặc DOCX / only PDF or DOCX');
  expect(await refusal(declare({ unitId: 'so-a', itemId: 'hoi-thao' }))).toMatch(/^itemId: đơn vị "so-a" không phải nộp "hoi-thao"/);
  expect(await refusal(declare({ unitId: 'so-a', via: { link: 'console', account: 'Thư Ký' } }))).toBe('via: cần tên tài khoản Thư ký / a secretariat account is required');
  expect(await refusal(declare({ unitId: 'so-a', via: { link: 'fax' } as never }))).toBe('via: phải là mail, console hoặc unmarked / must be mail, console or unmarked');
  expect(await refusal(review({ unitId: 'so-a' }))).toMatch(/^itemId: đơn vị "so-a" không có báo gửi nào chờ xác nhận/);
  expect(await refusal(review({ unitId: 'so-c', decision: 'reject' }))).toMatch(/^reason: cần lý do/);

  // Monday 7/6, seven days ahead: only Sở A, which has not declared, is reminded.
  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(1);
  expect(received()).toEqual([`${A}: [Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`]);
  const status = await handle.query(msg.statusQuery, { at: `${Y}-06-07T09:00:00+07:00` });
  const cell = (unitId: string) => status.cells.find((c) => c.unitId === unitId && c.itemId === REPORT);
  expect([cell('so-a')?.state, cell('so-b')?.state, cell('so-c')?.state]).toEqual(['not-due', 'declared', 'declared']);

  // The secretariat has Sở B's document: confirmed as received on 4/6. Sở Cê's document never came: rejected.
  await advanceTo(`${Y}-06-08T10:00`);
  const confirmed = await review({ receivedAt: `${Y}-06-04T09:30` });
  expect(confirmed).toMatchObject({ state: 'submitted-on-time', receivedAt: atMinute(`${Y}-06-04T09:30`), reference: '21/BC-SB', file: PDF, declaredAt: atMinute(`${Y}-06-03T15:00`) });
  const rejected = await review({ unitId: 'so-c', decision: 'reject', reason: 'Chưa nhận được văn bản 7/BC-SC' });
  expect(rejected.state).toBe('not-due');
  expect(await refusal(declare({}))).toMatch(/^itemId: Thư ký đã ghi nhận hồ sơ "Báo cáo sơ kết 6 tháng" của đơn vị/);

  // Friday 11/6, the day-before reminder: Sở A and Sở Cê, whose declaration was rejected; never Sở B.
  await advanceTo(`${Y}-06-11T08:05`);
  await smtp.waitFor(2);
  expect(received()).toEqual([A, C].map((to) => `${to}: [Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`));

  // Sở Cê declares again after the deadline; the follow-up of Thursday 17/6 goes to Sở A alone, and the
  // digest names Sở A, not Sở Cê, whose word awaits the secretariat.
  await advanceTo(`${Y}-06-15T10:00`);
  await declare({ unitId: 'so-c', sentOn: `${Y}-06-15`, reference: '9/BC-SC' });
  await advanceTo(`${Y}-06-17T08:05`);
  await smtp.waitFor(2);
  const seen = smtp.messages.map((m) => ({ to: [...m.envelope.to].sort().join(','), subject: m.subject, text: m.text ?? '' }));
  received();
  expect(seen.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
    `${A}: [Khối thi đua thử nghiệm] Chưa nộp: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`,
    `thuky@khoi.example.vn,${A}: [Khối thi đua thử nghiệm] Đơn vị chưa nộp: Báo cáo sơ kết 6 tháng`,
  ].sort());
  const digest = seen.find((m) => m.subject.includes('Đơn vị chưa nộp'))?.text ?? '';
  expect(digest).toMatch(/Sở A/);
  expect(digest).not.toMatch(/Sở Cê/);

  // The record keeps every declaration: Sở Cê's rejected one with its reason, and the one awaiting an answer.
  const record = await handle.query(msg.declarationsQuery);
  expect(record[REPORT]?.['so-c']).toEqual([
    expect.objectContaining({ sentOn: `${Y}-06-03`, reference: '7/BC-SC', review: { decision: 'rejected', at: atMinute(`${Y}-06-08T10:00`), reason: 'Chưa nhận được văn bản 7/BC-SC' } }),
    expect.not.objectContaining({ review: expect.anything() }),
  ]);
  expect(record[REPORT]?.['so-b']).toEqual([expect.objectContaining({ by: 'Nguyễn Văn Bê', review: { decision: 'confirmed', at: atMinute(`${Y}-06-08T10:00`) } })]);
  const overdue = await handle.query(msg.overdueQuery, { at: `${Y}-06-17T09:00:00+07:00` });
  expect(overdue.flatMap((i) => i.units.map((u) => u.unitId))).toEqual(['so-a']);
  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  await recordHistory(handle, 'declared-year.json');
  await handle.terminate('test over');
});
