/**
 * The relay's rate is a total, held by the Temporal server across workers: two engines on one task queue,
 * SMTP_RATE=2/s, and a wave of 40 reminders due at the same minute. Real time on the dev server.
 *
 * @wallclock
 * @devserver
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { startEngine, type Engine } from '../support/engine';
import { waveBloc } from '../support/fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';

const ZONE = 'Asia/Ho_Chi_Minh';
const UNITS = 40;
const RATE = 2;
let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
const engines: Engine[] = [];

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  const first = await startEngine(env, smtp.url, { rate: `${RATE}/s` });
  engines.push(first);
  engines.push(await startEngine(env, smtp.url, { rate: `${RATE}/s`, taskQueue: first.taskQueue, ownConnection: true }));
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.shutdown()));
  await Promise.all([env?.teardown(), smtp?.close()]);
});

test('two workers together keep to SMTP_RATE=2/s; nothing waiting for the rate fails', async () => {
  const now = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE });
  const reminderAt = now.startOf('minute').plus({ minutes: 1 });
  const config = waveBloc({ units: UNITS, reminderAt, address: (i) => `vanthu@u${i}.example.vn` });
  const { workflowId } = await startBlocYear(env.client, config, reminderAt.plus({ minutes: 1 }).year, { taskQueue: engines[0]?.taskQueue ?? '', now: now.toJSDate() });
  const handle = env.client.workflow.getHandle(workflowId);

  await smtp.waitFor(UNITS, 150_000);
  const arrivals = smtp.messages.map((m) => m.arrivedAt).sort((a, b) => a - b);
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
}, 300_000);
