/**
 * A year started after some of its dates passed: nothing stale is sent, and the status shows the
 * passed deadlines as they stand.
 */
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();

test('starting a year whose deadline passed three weeks ago sends no stale reminder and shows it overdue', async () => {
  const { env, advanceTo, received } = engine();
  // The report was due on Tuesday 15/6; the year is started on Tuesday 6/7 at 09:00.
  const config = smallBloc((c) => {
    c.items = c.items?.filter((i) => i.id === 'bao-cao-6-thang' || i.kind === 'ongoing');
    const report = c.items?.[0];
    if (report) report.due = { on: '15/6' };
  });
  await advanceTo(`${Y}-07-06T09:00`);
  const { workflowId } = await engine().startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);

  await advanceTo(`${Y}-07-10T09:00`);
  expect(received()).toEqual([]);
  expect(await handle.query(msg.logQuery)).toEqual([]);

  // As the CLI does: judge at a given instant, since a sleeping workflow's own clock stands still.
  const at = `${Y}-07-10T09:00:00.000+07:00`;
  const status = await handle.query(msg.statusQuery, { at });
  expect(status.cells.filter((c) => c.itemId === 'bao-cao-6-thang').map((c) => [c.unitId, c.state, c.dueAt])).toEqual(
    ['so-a', 'so-b', 'so-c'].map((u) => [u, 'overdue', `${Y}-06-15T23:59:59.999+07:00`]),
  );
  // From the end of 15/6 to 09:00 on 10/7: 24 days, 9 hours and a millisecond.
  const overdue = await handle.query(msg.overdueQuery, { at });
  expect(overdue[0]?.units.map((u) => u.overdueByMs)).toEqual([1, 2, 3].map(() => 24 * 86_400_000 + 9 * 3_600_000 + 1));
  await handle.terminate('test over');
});
