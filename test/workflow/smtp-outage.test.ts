/**
 * The mail server down over two invitations' instants, on the time-skipping server: the log says what is being
 * sent and how the retries go while it is down, and both invitations go out within 30 s of its return (none
 * dropped, none doubled), with nothing reported as failed. The sports day is at 08:00 on Friday 20/8, its
 * invitations two minutes and one minute before; the server is down from before the first until 07:59:20.
 */
import { DateTime } from 'luxon';
import * as msg from '../../workflows/messages';
import { lines, runBloc } from '../support/cli';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { useTimeSkippingEngine, ZONE } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();
let reopened: TestSmtpServer | undefined;
afterAll(() => reopened?.close());

test('an SMTP outage over two invitations: shown while it lasts, both delivered within 30 s of the return', async () => {
  const { env, smtp, advanceTo, taskQueue, clock } = engine();
  // Nothing else falls due before the sports day, so that only its invitations are sent.
  const config = smallBloc((c) => {
    c.items = c.items.filter((i) => ['hoi-thao'].includes(i.id));
    const sports = c.items.find((i) => i.id === 'hoi-thao');
    if (sports) {
      sports.due = { on: '20/8', at: '08:00' };
      sports.reminders = { before: ['PT2M', 'PT1M'] };
    }
  });
  const { workflowId } = await engine().startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  await smtp.close();

  // Twenty seconds after the first invitation was due: three messages out, retried, and `bloc log` says so.
  await advanceTo(`${Y}-08-20T07:58:20`);
  const log = await runBloc(env, taskQueue, ['log', '--bloc', 'thu-nghiem', '--year', String(Y)], { now: clock });
  expect(lines(log.stdout).filter((l) => /đang thử lại \(lần \d+, lỗi: .*ECONNREFUSED/.test(l))).toHaveLength(3);
  expect((await handle.query(msg.logQuery)).map((e) => e.status)).toEqual(['sending', 'sending', 'sending']);

  // Back twenty seconds after the second invitation's instant: within 30 s of the server's clock, all six are in.
  await advanceTo(`${Y}-08-20T07:59:20`);
  reopened = await startTestSmtpServer({ port: smtp.port });
  await advanceTo(`${Y}-08-20T07:59:50`);
  await reopened.waitFor(6, 30_000);
  // Anything sent twice would have gone by the sports day itself.
  await advanceTo(`${Y}-08-20T08:00`);

  // Each unit got both invitations, once each.
  const perUnit = new Map<string, number>();
  for (const m of reopened.messages) for (const to of m.envelope.to) perUnit.set(to, (perUnit.get(to) ?? 0) + 1);
  expect(Object.fromEntries(perUnit)).toEqual({ 'vanthu@so-a.example.vn': 2, 'giamdoc@so-b.example.vn': 2, 'vanthu@so-b.example.vn': 2, 'vanthu@so-c.example.vn': 2 });
  const entries = await handle.query(msg.logQuery);
  const at = (hhmm: string) => DateTime.fromISO(`${Y}-08-20T${hhmm}`, { zone: ZONE }).toISO()?.slice(0, 16);
  expect(entries.map((e) => [e.addressee, e.status, e.plannedAt.slice(0, 16)]).sort()).toEqual(
    ['so-a', 'so-b', 'so-c'].flatMap((u) => ['07:58', '07:59'].map((t) => [u, 'delivered', at(t)])).sort(),
  );
  await handle.terminate('test over');
});
