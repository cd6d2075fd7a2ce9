/**
 * A release that changes how dates are computed (here: a holiday rule that makes Friday 11/6 a day off)
 * does not move a year already running: the year acts on the schedule it recorded. The secretariat sees
 * what the new rules would change (`replan` without `apply`) and puts them in force only by asking.
 */
import { planYear, type PlanRequest } from '../../calendar/schedule';
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

// Its worker is replaced mid-year: without a cache, so that no task waits on the stopped worker's sticky queue.
const engine = useTimeSkippingEngine({ workflowCache: 0 });

/** The next release's planning: the same, but for a holiday rule that now makes Friday 11/6 a day off. */
const nextReleasePlanning = {
  async planYear(request: PlanRequest) {
    const newRule = { year: Y, daysOff: [{ date: `${Y}-06-11`, name: 'Ngày nghỉ theo quy tắc mới' }], workingDays: [] };
    return planYear({ ...request, decisions: [...(request.decisions ?? []), newRule] });
  },
};

test('new rules move nothing in a running year until the secretariat replans it', async () => {
  const { env, smtp, advanceTo, replaceWorker } = engine();
  const { workflowId } = await engine().startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const reminders = async () => (await handle.query(msg.timelineQuery)).items.find((i) => i.id === 'bao-cao-6-thang')?.reminders;
  const recorded = [`${Y}-06-07T08:00:00.000+07:00`, `${Y}-06-11T08:00:00.000+07:00`];
  expect(await reminders()).toEqual(recorded);

  // The new release is deployed: its worker takes over the same task queue.
  await replaceWorker({ planning: nextReleasePlanning });

  // Thursday 10/6: the new rules would remind today (Sunday 13/6 → Thursday 10/6), the recorded schedule does not.
  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(3);
  smtp.reset();
  await advanceTo(`${Y}-06-10T09:00`);
  expect(smtp.messages).toEqual([]);
  expect(await reminders()).toEqual(recorded);

  // The preview shows the change and changes nothing.
  const moved = [{ itemId: 'bao-cao-6-thang', field: 'reminders', before: recorded, after: [`${Y}-06-07T08:00:00.000+07:00`, `${Y}-06-10T08:00:00.000+07:00`] }];
  expect(await handle.executeUpdate(msg.replan, { args: [{ apply: false }] })).toEqual({ applied: false, changes: moved });
  expect(await reminders()).toEqual(recorded);

  // Applied, the new schedule is in force: today's reminder is owed now, and 11/6 brings nothing more.
  expect(await handle.executeUpdate(msg.replan, { args: [{ apply: true }] })).toEqual({ applied: true, changes: moved });
  expect(await reminders()).toEqual(moved[0]?.after);
  await smtp.waitFor(3);
  await advanceTo(`${Y}-06-11T12:00`);
  expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(['vanthu@so-a.example.vn', 'vanthu@so-b.example.vn', 'vanthu@so-c.example.vn']);
  const log = await handle.query(msg.logQuery);
  expect(log.filter((e) => e.addressee === 'so-a').map((e) => e.plannedAt)).toEqual([`${Y}-06-07T08:00:00.000+07:00`, `${Y}-06-10T08:00:00.000+07:00`]);
  await handle.terminate('test over');
});
