/**
 * The seed plan itself, No. 277/KH-KTĐ4 of Emulation Bloc No. 4 (Đắk Nông), carried out for a whole
 * year on the time-skipping server, from the start of the cycle to the handover, for chosen units.
 */
import path from 'node:path';
import { loadBlocConfig } from '../../config/load';
import * as msg from '../../workflows/messages';
import type { LogEntry, YearSummary } from '../../workflows/model';
import { workflowIdFor } from '../../workflows/model';
import { bloc } from '../support/cli';
import { FIXTURE_YEAR as Y } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const SEED = path.join(__dirname, '..', '..', 'config', 'blocs', 'dak-nong-khoi-4.yaml');

const engine = useTimeSkippingEngine();

/** The planned instants (local, to the minute) at which a unit was told about an item, by kind. */
function toldAbout(log: LogEntry[], unitId: string, itemId: string): string[] {
  return log
    .filter((e) => e.addressee === unitId)
    .flatMap((e) => e.notices.filter((n) => n.itemId === itemId).map((n) => `${n.kind} ${n.plannedAt.slice(0, 16)}`));
}

test('Bloc No. 4 of Đắk Nông: a year of plan 277/KH-KTĐ4 from start to handover', async () => {
  const { env, advanceTo, smtp } = engine();
  const config = loadBlocConfig(SEED);
  const { workflowId } = await engine().startYear(config, Y);
  expect(workflowId).toBe(`bloc-dak-nong-khoi-4-${Y}`);
  const handle = env.client.workflow.getHandle(workflowId);

  const timeline = await handle.query(msg.timelineQuery);
  // What the year acts on is what `bloc plan` prints for the same file and year, and its history holds it.
  const printed = await bloc(['plan', SEED, '--year', String(Y), '--json']);
  expect(timeline).toEqual(JSON.parse(printed.stdout));
  const planned = (await handle.fetchHistory()).events?.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
  expect(planned).toHaveLength(1);
  const due = (id: string) => timeline.items.find((i) => i.id === id);
  expect(due('bao-cao-6-thang')).toMatchObject({ at: `${Y}-06-14T23:59:59.999+07:00`, wording: `trước ngày 15/6/${Y}`, to: ['deputy'] });
  expect(due('bao-cao-tong-ket')?.wording).toBe(`trước ngày 31/12/${Y}`);
  expect(due('hoi-nghi-tong-ket')).toMatchObject({ dateState: 'unset', window: { from: `${Y + 1}-01-01`, to: `${Y + 1}-01-31` } });

  // Sở Tư pháp submits its 6-month report after the first reminder; Sở Tài chính gets until 30/6.
  await advanceTo(`${Y}-06-01T10:00`);
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-tu-phap', itemId: 'bao-cao-6-thang', reference: '85/BC-STP' }] });
  await handle.executeUpdate(msg.grantExtension, { args: [{ unitId: 'so-tai-chinh', itemId: 'bao-cao-6-thang', until: `${Y}-06-30`, reason: 'Chờ số liệu quý II' }] });

  await advanceTo(`${Y}-06-18T09:00`);
  const log = await handle.query(msg.logQuery);
  // 14, 7 and 3 days before the cut-off at 08:00; the day-before reminder (Sunday 13/6) folds into Friday 11/6.
  expect(toldAbout(log, 'thanh-tra-tinh', 'bao-cao-6-thang')).toEqual([
    `reminder ${Y}-05-31T08:00`,
    `reminder ${Y}-06-07T08:00`,
    `reminder ${Y}-06-11T08:00`,
    `followUp ${Y}-06-17T08:00`,
  ]);
  expect(toldAbout(log, 'so-tu-phap', 'bao-cao-6-thang')).toEqual([`reminder ${Y}-05-31T08:00`]);
  expect(toldAbout(log, 'so-tai-chinh', 'bao-cao-6-thang')).toEqual([`reminder ${Y}-05-31T08:00`, `reminder ${Y}-06-16T08:00`]);
  // The leader (Văn phòng UBND tỉnh) and the secretariat get the digest of missing units.
  const digest = log.find((e) => e.addressee === 'digest' && e.plannedAt.startsWith(`${Y}-06-17T08:00`));
  expect(digest?.to.sort()).toEqual(['thuky.ktd4@vpubnd.daknong.example.vn', 'vanthu@vpubnd.daknong.example.vn']);
  const digestMail = smtp.messages.find((m) => m.messageId?.includes(`digest.${Y}-06-17`));
  expect(digestMail?.text).toMatch(/Thanh tra tỉnh Đắk Nông/);
  expect(digestMail?.text).not.toMatch(/Sở Tư pháp tỉnh Đắk Nông/);

  const overdue = await handle.query(msg.overdueQuery, { at: `${Y}-06-15T09:00:00+07:00` });
  expect(overdue.map((o) => o.itemId)).toEqual(['bao-cao-6-thang']);
  expect(overdue[0]?.units.map((u) => u.unitId).sort()).toEqual(
    ['vp-ubnd', 'so-noi-vu', 'so-ke-hoach-dau-tu', 'thanh-tra-tinh', 'so-ngoai-vu', 'vp-doan-dbqh-hdnd', 'ban-dan-toc'].sort(),
  );

  // The sports event gets its day in Q3: invitations 14, 7, 3 and 1 days before, to every unit.
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-thao', date: `${Y}-08-20`, time: '07:30' }] });
  await advanceTo(`${Y}-08-20T06:00`);
  expect(toldAbout(await handle.query(msg.logQuery), 'ban-dan-toc', 'hoi-thao')).toEqual([
    `invitation ${Y}-08-06T08:00`,
    `invitation ${Y}-08-13T08:00`,
    `invitation ${Y}-08-17T08:00`,
    `invitation ${Y}-08-19T08:00`,
  ]);

  // The January conference gets its day; the day after, the deputy takes the lead.
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14` }] });
  await advanceTo(`${Y + 1}-01-15T09:00`);
  expect((await handle.query(msg.stageQuery)).stage).toBe('handed-over');
  await handle.executeUpdate(msg.closeYear, { args: [{}] });
  const summary: YearSummary = await handle.result();
  expect(summary.roles).toEqual({ leader: 'vp-ubnd', deputy: 'so-noi-vu' });
  expect(summary.items.find((i) => i.itemId === 'bao-cao-6-thang')).toMatchObject({ onTime: 1, missing: 8 });
  await recordHistory(handle, 'seed-plan-year.json');

  const next = env.client.workflow.getHandle(workflowIdFor('dak-nong-khoi-4', Y + 1));
  const nextPlan = await next.query(msg.timelineQuery);
  expect(nextPlan.roles).toEqual({ leader: 'so-noi-vu', deputy: 'so-ke-hoach-dau-tu' });
  expect(nextPlan.items.find((i) => i.id === 'bao-cao-6-thang')?.wording).toBe(`trước ngày 15/6/${Y + 1}`);
  await next.terminate('test over');
}, 300_000);
