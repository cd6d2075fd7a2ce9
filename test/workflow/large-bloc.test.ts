/**
 * A 200-unit bloc outgrows one run's history mid-year: it continues as new carrying its whole
 * record, and nothing is lost or sent twice across the boundary.
 */
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const UNITS = 200;
const id = (n: number) => `u${String(n).padStart(3, '0')}`;
const email = (n: number) => `vanthu@${id(n)}.example.vn`;

const engine = useTimeSkippingEngine();

test('200 units: continue-as-new mid-year keeps every submission and sends no reminder twice', async () => {
  const { env, smtp, advanceTo } = engine();
  const config = smallBloc((c) => {
    c.units = Array.from({ length: UNITS }, (_, i) => ({ id: id(i + 1), name: `Đơn vị ${i + 1}`, emails: [email(i + 1)] }));
    c.roles = { leader: id(1), deputy: id(2) };
  });
  const { workflowId } = await engine().startYear(config, Y, { maxHistoryEvents: 300 });
  const handle = env.client.workflow.getHandle(workflowId);
  const { runId: firstRun } = await handle.describe();

  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(UNITS, 60_000);

  // Units 51..200 submit; each update adds events, and the run continues as new on the way.
  for (let n = 51; n <= UNITS; n++) {
    await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: id(n), itemId: 'bao-cao-6-thang' }] });
  }
  const { runId: laterRun } = await handle.describe();
  expect(laterRun).not.toBe(firstRun);

  await advanceTo(`${Y}-06-11T08:05`);
  await smtp.waitFor(UNITS + 50, 60_000);
  await advanceTo(`${Y}-06-12T08:05`);

  const perAddress = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.envelope.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const expected = new Map(Array.from({ length: UNITS }, (_, i) => [email(i + 1), i < 50 ? 2 : 1]));
  expect(perAddress).toEqual(expected);

  const status = await handle.query(msg.statusQuery, { at: `${Y}-06-12T09:00:00+07:00` });
  const states = status.cells.filter((c) => c.itemId === 'bao-cao-6-thang').map((c) => c.state);
  expect(states.filter((s) => s === 'submitted-on-time')).toHaveLength(150);
  expect(states.filter((s) => s === 'not-due')).toHaveLength(50);
  const log = await handle.query(msg.logQuery);
  expect(log).toHaveLength(UNITS + 50);
  expect(new Set(log.map((e) => e.messageKey)).size).toBe(log.length);
  await handle.terminate('test over');
}, 300_000);
