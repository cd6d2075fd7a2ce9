/**
 * A year started after some of its dates passed: nothing stale is sent, and the status shows the
 * passed deadlines as they stand.
 */
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine, ZONE } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();

test('starting a year whose deadline passed three weeks ago sends no stale reminder and shows it overdue', async () => {
  const { env, advanceTo, received } = engine();
  const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
  const passed = DateTime.max(now.minus({ days: 21 }), now.startOf('year').plus({ days: 1 }));
  const config = smallBloc((c) => {
    c.items = c.items?.filter((i) => i.id === 'bao-cao-6-thang' || i.kind === 'ongoing');
    const report = c.items?.[0];
    if (report) report.due = { on: `${passed.day}/${passed.month}` };
  });
  const { workflowId } = await startBlocYear(env.client, config, now.year, { taskQueue: engine().taskQueue });
  const handle = env.client.workflow.getHandle(workflowId);

  await advanceTo(now.plus({ days: 4 }).toISO() ?? '');
  expect(received()).toEqual([]);
  expect(await handle.query(msg.logQuery)).toEqual([]);

  // As the CLI does: judge at the present instant, since a sleeping workflow's own clock stands still.
  const at = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE }).toISO() ?? '';
  const status = await handle.query(msg.statusQuery, { at });
  expect(status.cells.filter((c) => c.itemId === 'bao-cao-6-thang').map((c) => [c.unitId, c.state, c.dueAt])).toEqual(
    ['so-a', 'so-b', 'so-c'].map((u) => [u, 'overdue', passed.endOf('day').toISO()]),
  );
  const overdue = await handle.query(msg.overdueQuery, { at });
  expect(overdue[0]?.units.map((u) => Math.round(u.overdueByMs / 86_400_000))).toEqual([24, 24, 24]);
  await handle.terminate('test over');
});
