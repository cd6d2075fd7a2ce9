/**
 * A whole year of a small bloc on the time-skipping server, with real mail over loopback SMTP:
 * who gets which reminder, when and in which words; who is overdue; extensions, moves, the handover.
 */
import * as msg from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();

test('a year of the small bloc: reminders, submissions, follow-ups, extension, reschedule, handover', async () => {
  const { env, smtp, advanceTo, received } = engine();
  const config = smallBloc();
  const { workflowId } = await engine().startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const again = await engine().startYear(config, Y);
  expect(again).toEqual({ workflowId: `bloc-thu-nghiem-${Y}`, alreadyStarted: true });

  // 7 days before the 6-month report (due before 15/6, i.e. by the end of Monday 14/6): every unit, 08:00.
  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(3);
  const subject = `[Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`;
  expect(received()).toEqual(
    ['giamdoc@so-b.example.vn,vanthu@so-b.example.vn', 'vanthu@so-a.example.vn', 'vanthu@so-c.example.vn'].map((to) => `${to}: ${subject}`),
  );
  const firstLog = await handle.query(msg.logQuery);
  expect(firstLog.map((e) => [e.addressee, e.plannedAt, e.sentAt.slice(0, 13)])).toEqual(
    ['so-a', 'so-b', 'so-c'].map((u) => [u, `${Y}-06-07T08:00:00.000+07:00`, `${Y}-06-07T08`]),
  );

  // Sở Cê submits; Sở B, the deputy, is granted until 25/6.
  const submitted = await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-c', itemId: 'bao-cao-6-thang', reference: '12/BC-SC' }] });
  expect(submitted.cell.state).toBe('submitted-on-time');
  await handle.executeUpdate(msg.grantExtension, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang', until: `${Y}-06-25` }] });
  const refused = await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-z', itemId: 'bao-cao-6-thang' }] }).catch((e: Error) => e);
  expect(((refused as Error).cause as Error | undefined)?.message).toMatch(/^unitId: không có đơn vị "so-z" trong khối/);

  // The day-before reminder falls on Sunday 13/6 and goes out on Friday 11/6, to Sở A alone now.
  await advanceTo(`${Y}-06-11T08:05`);
  await smtp.waitFor(1);
  expect(received()).toEqual([expect.stringMatching(/^vanthu@so-a.example.vn: /)]);

  // Overdue once the cut-off passed: Sở A only (Sở B has its extension, Sở Cê submitted).
  const overdue = await handle.query(msg.overdueQuery, { at: `${Y}-06-15T09:00:00+07:00` });
  expect(overdue).toEqual([
    expect.objectContaining({ itemId: 'bao-cao-6-thang', units: [expect.objectContaining({ unitId: 'so-a', overdueByMs: 9 * 3600_000 + 1 })] }),
  ]);

  // Three days after: a follow-up to Sở A, and the digest to the leader (Sở A) and the secretariat.
  await advanceTo(`${Y}-06-17T08:05`);
  await smtp.waitFor(2);
  const followUps = smtp.messages.map((m) => ({ to: m.envelope.to.sort(), text: m.text }));
  received();
  expect(followUps).toEqual(
    expect.arrayContaining([
      { to: ['vanthu@so-a.example.vn'], text: expect.stringMatching(/quá hạn/) },
      { to: ['thuky@khoi.example.vn', 'vanthu@so-a.example.vn'], text: expect.stringMatching(/Sở A/) },
    ]),
  );

  // 18/6: Sở B's extended report and its compilation task fall due the same day: one message, both items.
  await advanceTo(`${Y}-06-18T08:05`);
  await smtp.waitFor(1);
  const [both] = smtp.messages;
  received();
  expect(both?.envelope.to.sort()).toEqual(['giamdoc@so-b.example.vn', 'vanthu@so-b.example.vn']);
  expect(both?.text).toMatch(/Báo cáo sơ kết 6 tháng[\s\S]*Tổng hợp báo cáo 6 tháng|Tổng hợp báo cáo 6 tháng[\s\S]*Báo cáo sơ kết 6 tháng/);

  // The sports event gets its day in Q3; invitations go out 7 days before to every unit.
  const moved = await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-thao', date: `${Y}-08-20`, time: '07:30' }] });
  expect(moved.at).toBe(`${Y}-08-20T07:30:00.000+07:00`);
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang' }] });
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-b', itemId: 'tong-hop-6-thang' }] });
  await advanceTo(`${Y}-08-13T08:05`);
  await smtp.waitFor(3);
  // Between them: Sở A's second and last follow-up (Monday 21/6, since 20/6 is a Sunday) and its digest.
  const invitation = `[Khối thi đua thử nghiệm] Giấy mời: Hội thao Khối (ngày 20/8/${Y})`;
  expect(received()).toEqual([
    `giamdoc@so-b.example.vn,vanthu@so-b.example.vn: ${invitation}`,
    'thuky@khoi.example.vn,vanthu@so-a.example.vn: [Khối thi đua thử nghiệm] Đơn vị chưa nộp: Báo cáo sơ kết 6 tháng',
    `vanthu@so-a.example.vn: [Khối thi đua thử nghiệm] Chưa nộp: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`,
    `vanthu@so-a.example.vn: ${invitation}`,
    `vanthu@so-c.example.vn: ${invitation}`,
  ]);
  expect((await handle.query(msg.logQuery)).filter((e) => e.addressee === 'so-a').map((e) => e.plannedAt.slice(0, 16))).toEqual([
    `${Y}-06-07T08:00`,
    `${Y}-06-11T08:00`,
    `${Y}-06-17T08:00`,
    `${Y}-06-21T08:00`,
    `${Y}-08-13T08:00`,
  ]);

  // The status at the year's end: on time, late, missing.
  const status = await handle.query(msg.statusQuery, { at: `${Y}-12-01T00:00:00+07:00` });
  const cell = (item: string, unit: string) => status.cells.find((c) => c.itemId === item && c.unitId === unit)?.state;
  expect([cell('bao-cao-6-thang', 'so-a'), cell('bao-cao-6-thang', 'so-b'), cell('bao-cao-6-thang', 'so-c')]).toEqual([
    'overdue',
    'submitted-on-time',
    'submitted-on-time',
  ]);

  // The January conference is set; the day after it the deputy takes the lead for the next year.
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-15` }] });
  await advanceTo(`${Y + 1}-01-16T09:00`);
  const stage = await handle.query(msg.stageQuery);
  expect(stage).toMatchObject({ stage: 'handed-over', handover: { by: 'plan', noticesSent: true, nextYearStarted: true } });
  // Handed over, the year still takes a late record until the secretariat closes it.
  const late = await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', reference: '99/BC-SA' }] });
  expect(late.cell.state).toBe('submitted-late');
  await handle.executeUpdate(msg.closeYear, { args: [{ reason: 'Đã bình xét' }] });
  const summary = await handle.result();
  expect(summary).toMatchObject({ year: Y, roles: { leader: 'so-a', deputy: 'so-b' } });
  expect(summary.items.find((i: { itemId: string }) => i.itemId === 'bao-cao-6-thang')).toMatchObject({ onTime: 2, late: 1, missing: 0 });
  const handovers = smtp.messages.filter((m) => /Khối trưởng/.test(m.subject));
  expect(handovers.map((m) => [...m.envelope.to].sort().join(',')).sort()).toEqual([
    'giamdoc@so-b.example.vn,vanthu@so-b.example.vn',
    'vanthu@so-a.example.vn',
    'vanthu@so-c.example.vn',
  ]);
  expect(handovers[0]?.text).toMatch(/Khối trưởng năm \d{4}[\s\S]*Sở B/);

  await recordHistory(handle, 'small-bloc-year.json');

  const next = env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y + 1));
  const nextPlan = await next.query(msg.timelineQuery);
  expect(nextPlan.roles).toEqual({ leader: 'so-b', deputy: 'so-c' });
  expect(nextPlan.items.find((i) => i.id === 'bao-cao-6-thang')?.at).toBe(`${Y + 1}-06-14T23:59:59.999+07:00`);
  expect((await next.query(msg.previousYearsQuery)).map((s) => s.year)).toEqual([Y]);
  await next.terminate('test over');
});
