/**
 * What only real time shows, on the dev server: the relay's rate, held by the Temporal server across two
 * workers on one task queue (SMTP_RATE=2/s, a wave of 40 reminders due at the same minute); and a worker process
 * (`node dist/worker/main.js`, loading the prebuilt workflow bundle) killed outright with SIGKILL between two
 * invitations and a new one started, the year going on from Temporal's record with no submission lost and no
 * message sent twice, the new worker's Prometheus endpoint counting what it sent. The dev server's matching service hands the dead worker's sticky queue back after a few
 * seconds, as production's does; the Java time-skipping server never does.
 *
 * A reminder's instant is a whole minute, so each waits for minutes to turn: both start together in `beforeAll`
 * and wait on the same minutes (two to three in all); each test then awaits its own and checks what it saw.
 * Minutes of the wall clock are not `npm test`'s to spend: `npm run test:real-time` runs this file, once in CI,
 * alone, since a loaded machine would bunch the relay's arrivals.
 *
 * @devserver
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { realClockEnv, ROOT, WORKER } from '../support/dist';
import { startEngine, type Engine } from '../support/engine';
import { smallBloc, waveBloc } from '../support/fixtures';
import { counted } from '../support/metrics';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';
import { freePort } from '../../scripts/provision';

const ZONE = 'Asia/Ho_Chi_Minh';
const UNITS = 40;
const RATE = 2;
const CRASH_QUEUE = `crash-${randomUUID()}`;

let env: TestWorkflowEnvironment;
let relaySmtp: TestSmtpServer;
let crashSmtp: TestSmtpServer;
const relayEngines: Engine[] = [];
const workers: ChildProcess[] = [];
let relay: Promise<void>;
let crash: Promise<void>;

beforeAll(async () => {
  [env, relaySmtp, crashSmtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer(), startTestSmtpServer()]);
  const first = await startEngine(env, relaySmtp.url, { rate: `${RATE}/s` });
  relayEngines.push(first);
  relayEngines.push(await startEngine(env, relaySmtp.url, { rate: `${RATE}/s`, taskQueue: first.taskQueue, ownConnection: true }));
  relay = relayWave();
  crash = killedWorker();
  // Each is awaited by its test; until then a failure must not count as unhandled.
  relay.catch(() => undefined);
  crash.catch(() => undefined);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await Promise.allSettled([relay, crash]);
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await Promise.all(relayEngines.map((e) => e.shutdown()));
  await Promise.all([env?.teardown(), relaySmtp?.close(), crashSmtp?.close()]);
});

test('two workers together keep to SMTP_RATE=2/s; nothing waiting for the rate fails', () => relay, 300_000);

test('SIGKILL of the worker mid-year loses no submission and doubles no reminder', () => crash, 300_000);

async function relayWave(): Promise<void> {
  const now = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE });
  const reminderAt = now.startOf('minute').plus({ minutes: 1 });
  // A bloc of its own: the other scenario's year is thu-nghiem's.
  const config = waveBloc({ units: UNITS, reminderAt, address: (i) => `vanthu@u${i}.example.vn`, id: 'lan-song', name: 'Khối thi đua làn sóng' });
  const { workflowId } = await startBlocYear(env.client, config, reminderAt.plus({ minutes: 1 }).year, { taskQueue: relayEngines[0]?.taskQueue ?? '', now: now.toJSDate() });
  const handle = env.client.workflow.getHandle(workflowId);

  await relaySmtp.waitFor(UNITS, 150_000);
  const arrivals = relaySmtp.messages.map((m) => m.arrivedAt).sort((a, b) => a - b);
  // Over the wave, and in any ten seconds of it: no more than the rate allows (ten seconds' worth is one batch).
  const first = arrivals[0] ?? 0;
  const last = arrivals[arrivals.length - 1] ?? 0;
  expect((UNITS - 1) / ((last - first) / 1000)).toBeLessThanOrEqual(RATE * 1.1);
  const busiest = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 10_000).length));
  expect(busiest).toBeLessThanOrEqual(RATE * 10 + 1);

  // The last batch's outcomes reach the log a moment after its last message reaches the server.
  let log = await handle.query(msg.logQuery);
  while (log.some((e) => e.status === 'sending')) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    log = await handle.query(msg.logQuery);
  }
  expect(log.filter((e) => e.status !== 'delivered')).toEqual([]);
  expect(new Set(log.map((e) => e.addressee)).size).toBe(UNITS);
  // Each message carries the instant the server accepted it, spread over the wave.
  const accepted = log.map((e) => Date.parse(e.acceptedAt ?? '')).sort((a, b) => a - b);
  expect((accepted[accepted.length - 1] ?? 0) - (accepted[0] ?? 0)).toBeGreaterThan(((UNITS - 1) / RATE) * 1000 * 0.8);
  await handle.terminate('test over');
}

/** The worker as operators run it: `node dist/worker/main.js`, configured by the environment. */
function startWorkerProcess(more: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...realClockEnv(),
      ...more,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: CRASH_QUEUE,
      SMTP_URL: crashSmtp.url,
      SMTP_RATE: 'none',
    },
  });
  workers.push(child);
  return child;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function killedWorker(): Promise<void> {
  // The server's present, not this process's: the dev server keeps real time even under `faketime`.
  const now = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE });
  const config = smallBloc((c) => {
    const sports = c.items?.find((i) => i.id === 'hoi-thao');
    if (sports) {
      // A window the whole year long, so that the event can be dated minutes ahead whatever the month.
      sports.due = { window: 'year' };
      sports.reminders = { before: ['PT2M', 'PT1M'] };
    }
  });
  const first = startWorkerProcess();
  const { workflowId } = await startBlocYear(env.client, config, now.year, { taskQueue: CRASH_QUEUE, now: now.toJSDate() });
  const handle = env.client.workflow.getHandle(workflowId);
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-a', itemId: 'dien-hinh', receivedAt: now.toISO() ?? '', reference: '1/BC' }] });

  // Dated only once the worker answers: a worker slow to start (a loaded machine) must not
  // make the first invitation fall before the year's start, when it would rightly not be owed.
  const event = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE }).startOf('minute').plus({ minutes: 3 });
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-thao', date: event.toISODate() ?? '', time: event.toFormat('HH:mm') }] });

  await crashSmtp.waitFor(3, 150_000);
  // Killed once the first reminders are on record, while the year waits on its next timer. (A kill in
  // the middle of a batch resends what the last heartbeat did not report; see worker/options.ts.)
  await waitUntil(async () => (await handle.query(msg.logQuery)).length === 3);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  // The second worker shows Prometheus its metrics: it sends the second invitation, three messages.
  const metrics = `127.0.0.1:${await freePort()}`;
  startWorkerProcess({ BLOC_METRICS_ADDRESS: metrics });
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-b', itemId: 'dien-hinh', reference: '2/BC' }] });
  await crashSmtp.waitFor(6, 150_000);
  // Anything sent twice would arrive within moments of the rest.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const perUnit = new Map<string, string[]>();
  for (const m of crashSmtp.messages) {
    const to = m.envelope.to.find((a) => a.startsWith('vanthu@')) ?? '';
    perUnit.set(to, [...(perUnit.get(to) ?? []), m.messageId ?? '']);
  }
  expect([...perUnit.keys()].sort()).toEqual(['vanthu@so-a.example.vn', 'vanthu@so-b.example.vn', 'vanthu@so-c.example.vn']);
  for (const ids of perUnit.values()) expect(new Set(ids).size).toBe(2);
  expect(crashSmtp.messages).toHaveLength(6);

  const log = await handle.query(msg.logQuery);
  expect(log.map((e) => e.notices[0]?.plannedAt.slice(0, 16)).sort()).toEqual(
    [1, 2].flatMap((m) => Array(3).fill(event.minus({ minutes: 3 - m }).toISO()?.slice(0, 16))).sort(),
  );
  const status = await handle.query(msg.statusQuery, {});
  const reports = (unit: string) => status.cells.find((c) => c.itemId === 'dien-hinh' && c.unitId === unit)?.reports;
  expect([reports('so-a'), reports('so-b'), reports('so-c')]).toEqual([1, 1, 0]);

  const scraped = await (await fetch(`http://${metrics}/metrics`)).text();
  expect([counted(scraped, 'bloc_mail_delivered_total', 'invitation'), counted(scraped, 'bloc_mail_refused_total', 'invitation')]).toEqual([3, 0]);
  // The SDK's own beside the engine's: the activities this worker ran.
  expect(scraped).toMatch(/^temporal_activity_execution_latency\w*\{[^}]*activity_type="sendBatch"/m);
  // The census beside the counts (worker/census.ts), taken as the worker started: this year at least is running.
  expect(Number(/^bloc_years_running(?:\{[^}]*\})? (\d+)$/m.exec(scraped)?.[1])).toBeGreaterThanOrEqual(1);
  expect(scraped).toMatch(/^bloc_units_overdue(?:\{[^}]*\})? \d+$/m);
  await handle.terminate('test over');
}
