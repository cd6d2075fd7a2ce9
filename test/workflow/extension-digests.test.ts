/**
 * The digest to the leader and the secretariat says who is late. A unit within its extension is not late,
 * so while it is the only one missing the digest stays unsent, and once it lapses the digest names it.
 * Counted at the SMTP server, through the workflow, the mail activity and the reminder log.
 */
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();
const DIGEST = /Đơn vị chưa nộp/;

test('through an extension window: no empty digest, and one naming the unit once its extension lapsed', async () => {
  const { env, smtp, advanceTo } = engine();
  const { workflowId } = await engine().startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const submit = (unitId: string, itemId: string, reference: string) =>
    handle.executeUpdate(msg.recordSubmission, { args: [{ unitId, itemId, reference }] });

  // Sở A and Sở Cê report on time; Sở B (the deputy) sends its compilation early and has until Friday 25/6 for its report.
  await advanceTo(`${Y}-06-10T10:00`);
  await submit('so-a', 'bao-cao-6-thang', '10/BC-SA');
  await submit('so-c', 'bao-cao-6-thang', '11/BC-SC');
  await submit('so-b', 'tong-hop-6-thang', '12/BC-SB');
  await handle.executeUpdate(msg.grantExtension, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang', until: `${Y}-06-25`, reason: 'Chờ số liệu' }] });

  // The item's follow-up days (Thursday 17/6, Monday 21/6) pass with nobody late: no digest at all.
  await advanceTo(`${Y}-06-27T12:00`);
  expect(smtp.messages.filter((m) => DIGEST.test(m.subject))).toEqual([]);

  // Monday 28/6, the first follow-up day after the extension ended: Sở B's own follow-up, and one digest naming it.
  const before = smtp.messages.length;
  await advanceTo(`${Y}-06-28T08:05`);
  await smtp.waitFor(before + 2);
  const digests = () => smtp.messages.filter((m) => DIGEST.test(m.subject));
  expect(digests().map((m) => [...m.envelope.to].sort())).toEqual([['thuky@khoi.example.vn', 'vanthu@so-a.example.vn']]);
  expect(digests()[0]?.text).toMatch(/Sở B/);
  expect(digests()[0]?.text).toMatch(/Báo cáo sơ kết 6 tháng/);

  // Sở B reports on 29/6; the second follow-up day (1/7) has nobody left to name.
  await advanceTo(`${Y}-06-29T10:00`);
  await submit('so-b', 'bao-cao-6-thang', '13/BC-SB');
  await advanceTo(`${Y}-07-15T12:00`);
  expect(digests()).toHaveLength(1);

  const log = await handle.query(msg.logQuery);
  const digestLog = log.filter((e) => e.addressee === 'digest');
  expect(digestLog.map((e) => [e.plannedAt, e.status, e.notices.map((n) => n.itemId)])).toEqual([
    [`${Y}-06-28T08:00:00.000+07:00`, 'delivered', ['bao-cao-6-thang']],
  ]);
  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  await handle.terminate('test over');
});
