/**
 * How a year ends, and the mistakes that must not end one: a past year started on purpose sends nothing
 * and starts no later year; a conference dated after the fact does not trigger the handover; after the
 * handover a year still takes late records until the secretariat closes it.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import * as msg from '../../workflows/messages';
import { workflowIdFor, type YearSummary } from '../../workflows/model';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const engine = useTimeSkippingEngine();
const HANDOVER_NOTICE = /Khối trưởng/;

test('a past year is opened only on purpose, sends nothing, never starts the years after it, and keeps its records until closed', async () => {
  const { env, smtp, advanceTo, startYear } = engine();
  const past = Y - 3;
  const config = smallBloc();
  // The server's clock stands at 1/12/2048: 2046 is before last year, 2051 too far ahead.
  await expect(startYear(config, past)).rejects.toThrow(`--year: ${past} đã qua; thêm --past`);
  await expect(startYear(config, Y + 2)).rejects.toThrow(`--year: ${Y + 2} còn quá xa`);
  const { workflowId } = await startYear(config, past, { past: true });
  const handle = env.client.workflow.getHandle(workflowId);

  await advanceTo(`${Y - 1}-12-05T09:00`);
  expect(smtp.messages).toEqual([]);
  expect(await handle.query(msg.logQuery)).toEqual([]);
  expect(await handle.query(msg.stageQuery)).toMatchObject({ stage: 'awaiting-handover', handoverHeld: true, nextYear: past + 1 });
  await expect(env.client.workflow.getHandle(workflowIdFor('thu-nghiem', past + 1)).describe()).rejects.toThrow(WorkflowNotFoundError);

  // Its record can still be completed: a report received back then.
  const recorded = await handle.executeUpdate(msg.recordSubmission, {
    args: [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${past}-06-10T09:00:00+07:00`, reference: '30/BC-SA' }],
  });
  expect(recorded.cell.state).toBe('submitted-on-time');

  // Handed over by hand, a year long past tells nobody and starts no next year.
  const stage = await handle.executeUpdate(msg.handOver);
  expect(stage).toMatchObject({ stage: 'handed-over', handover: { by: 'secretariat', noticesSent: false, nextYearStarted: false } });
  await expect(env.client.workflow.getHandle(workflowIdFor('thu-nghiem', past + 1)).describe()).rejects.toThrow(WorkflowNotFoundError);
  expect(smtp.messages).toEqual([]);

  await handle.executeUpdate(msg.closeYear, { args: [{ reason: 'Hồ sơ đã đủ' }] });
  const summary: YearSummary = await handle.result();
  expect(summary.items.find((i) => i.itemId === 'bao-cao-6-thang')).toMatchObject({ onTime: 1, missing: 2 });
});

test('a conference dated after the fact is kept for the record and does not hand over; the secretariat hands over, late records follow', async () => {
  const { env, smtp, advanceTo, startYear } = engine();
  const { workflowId } = await startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  await advanceTo(`${Y + 1}-01-20T10:00`);
  smtp.reset();

  // The cycle's conference is in January of the next year: this January is outside it, the 14th has passed.
  const conference = (date: string, allowPast?: boolean) =>
    handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date, ...(allowPast && { allowPast }) }] });
  expect(await refusal(conference(`${Y}-01-05`))).toBe(`date: ngày 5/1/${Y} nằm ngoài tháng 1/${Y + 1} (1/1/${Y + 1} – 31/1/${Y + 1}) / 5 January ${Y} is outside the item's window, January ${Y + 1}`);
  expect(await refusal(conference(`${Y + 1}-01-14`))).toMatch(/^date: ngày 14\/1\/2050 đã qua; nếu chỉ để ghi nhận việc đã diễn ra, dùng --past/);

  const recordedDay = await conference(`${Y + 1}-01-14`, true);
  expect(recordedDay).toMatchObject({ at: `${Y + 1}-01-14T08:00:00.000+07:00`, wording: 'ngày 14/1/2050 (tháng 1/2050)' });
  await advanceTo(`${Y + 1}-01-22T10:00`);
  expect(await handle.query(msg.stageQuery)).toMatchObject({ stage: 'awaiting-handover', handoverHeld: true });
  expect(smtp.messages.filter((m) => HANDOVER_NOTICE.test(m.subject))).toEqual([]);

  const stage = await handle.executeUpdate(msg.handOver);
  expect(stage).toMatchObject({ stage: 'handed-over', handover: { by: 'secretariat', noticesSent: true, nextYearStarted: true }, next: { leader: 'so-b', deputy: 'so-c' } });
  await smtp.waitFor(3);
  expect(smtp.messages.filter((m) => HANDOVER_NOTICE.test(m.subject))).toHaveLength(3);
  const next = env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y + 1));
  expect((await next.query(msg.timelineQuery)).roles).toEqual({ leader: 'so-b', deputy: 'so-c' });

  // A late report still counts; the plan no longer changes.
  const late = await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-c', itemId: 'bao-cao-6-thang', reference: '5/BC-SC' }] });
  expect(late.cell.state).toBe('submitted-late');
  expect(await refusal(handle.executeUpdate(msg.cancelItem, { args: [{ itemId: 'hoi-thao' }] }))).toMatch(/^itemId: năm 2049 đã chuyển giao/);
  expect((await handle.query(msg.stageQuery)).moves).toEqual([
    { itemId: 'hoi-nghi-tong-ket', to: { date: `${Y + 1}-01-14` }, at: expect.stringMatching(new RegExp(`^${Y + 1}-01-20T10:00`)), pastDated: true },
  ]);

  await handle.executeUpdate(msg.closeYear, { args: [{}] });
  const summary: YearSummary = await handle.result();
  expect(summary.items.find((i) => i.itemId === 'bao-cao-6-thang')).toMatchObject({ late: 1 });
  await next.terminate('test over');
});
