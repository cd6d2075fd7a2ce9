/**
 * The mail server down for a few minutes, over two reminders' instants, in real time on the dev server:
 * the log says what is being sent and how the retries go while it is down, both reminders go out within
 * seconds of its return (none dropped, none doubled), and nothing is reported as failed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { CLI, ensureBuilt, realClockEnv, ROOT } from '../support/dist';
import { startEngine, type Engine } from '../support/engine';
import { smallBloc } from '../support/fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';

const ZONE = 'Asia/Ho_Chi_Minh';
let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let engine: Engine;

beforeAll(async () => {
  await ensureBuilt();
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  engine = await startEngine(env, smtp.url);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await engine?.shutdown();
  await Promise.all([env?.teardown(), smtp?.close()]);
});

test('an SMTP outage over two reminders: shown while it lasts, both delivered within 30 s of the return', async () => {
  const port = smtp.port;
  const now = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE });
  // Waits by the server's clock, which keeps real time even when this process runs under faketime.
  const skew = now.toMillis() - Date.now();
  const sleepUntil = (at: DateTime) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at.toMillis() - (Date.now() + skew))));
  // An event four minutes ahead, with invitations two minutes and one minute before it.
  const event = now.startOf('minute').plus({ minutes: 4 });
  const config = smallBloc((c) => {
    const sports = c.items?.find((i) => i.id === 'hoi-thao');
    if (sports) {
      sports.due = { on: `${event.day}/${event.month}`, at: event.toFormat('HH:mm') };
      sports.reminders = { before: ['PT2M', 'PT1M'] };
    }
  });
  const { workflowId } = await startBlocYear(env.client, config, event.year, { taskQueue: engine.taskQueue, now: now.toJSDate() });
  const handle = env.client.workflow.getHandle(workflowId);

  await smtp.close();
  const first = event.minus({ minutes: 2 });
  const second = event.minus({ minutes: 1 });

  // Twenty seconds after the first invitation was due: three messages out, retried, and the log says so.
  await sleepUntil(first.plus({ seconds: 20 }));
  const log = await promisify(execFile)(process.execPath, [CLI, 'log', '--bloc', 'thu-nghiem', '--year', String(event.year)], {
    cwd: ROOT,
    env: { ...realClockEnv(), TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default' },
  });
  const sending = log.stdout.split('\n').filter((l) => /đang thử lại \(lần \d+, lỗi: .*ECONNREFUSED/.test(l));
  expect(sending).toHaveLength(3);
  expect((await handle.query(msg.logQuery)).map((e) => e.status)).toEqual(['sending', 'sending', 'sending']);

  // Back after the second invitation's instant too: down for well over two minutes.
  await sleepUntil(second.plus({ seconds: 20 }));
  smtp = await startTestSmtpServer({ port });
  const back = Date.now();
  await smtp.waitFor(3, 60_000);
  const firstArrival = Date.now();
  expect(firstArrival - back).toBeLessThan(30_000);
  await smtp.waitFor(6, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));

  // Each unit got both invitations, once each.
  const perUnit = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.envelope.to) perUnit.set(to, (perUnit.get(to) ?? 0) + 1);
  expect(Object.fromEntries(perUnit)).toEqual({ 'vanthu@so-a.example.vn': 2, 'giamdoc@so-b.example.vn': 2, 'vanthu@so-b.example.vn': 2, 'vanthu@so-c.example.vn': 2 });
  const entries = await handle.query(msg.logQuery);
  expect(entries.map((e) => [e.addressee, e.status, e.plannedAt.slice(0, 16)]).sort()).toEqual(
    ['so-a', 'so-b', 'so-c'].flatMap((u) => [first, second].map((t) => [u, 'delivered', t.toISO()?.slice(0, 16)])).sort(),
  );
  await handle.terminate('test over');
}, 420_000);
