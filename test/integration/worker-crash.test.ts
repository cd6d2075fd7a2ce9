/**
 * A worker killed outright (SIGKILL) between two reminders, and a new one started: the year goes on
 * from Temporal's record, with no submission lost and no reminder sent twice. The workers are the built
 * program (`node dist/worker/main.js`, loading the prebuilt workflow bundle). Real time on the dev server,
 * whose matching service hands the dead worker's sticky queue back after a few seconds, as production's does
 * (the Java time-skipping server never does); so the reminders use exact-time offsets a minute apart (one to
 * two minutes in all, which jest's other worker spends on other files).
 *
 * @wallclock
 * @devserver
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { realClockEnv, ROOT, WORKER } from '../support/dist';
import { smallBloc } from '../support/fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';

const ZONE = 'Asia/Ho_Chi_Minh';
const TASK_QUEUE = `crash-${randomUUID()}`;

let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await Promise.all([env?.teardown(), smtp?.close()]);
});

/** The worker as operators run it: `node dist/worker/main.js`, configured by the environment. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...realClockEnv(),
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SMTP_URL: smtp.url,
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

test('SIGKILL of the worker mid-year loses no submission and doubles no reminder', async () => {
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
  const { workflowId } = await startBlocYear(env.client, config, now.year, { taskQueue: TASK_QUEUE, now: now.toJSDate() });
  const handle = env.client.workflow.getHandle(workflowId);
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-a', itemId: 'dien-hinh', receivedAt: now.toISO() ?? '', reference: '1/BC' }] });

  // Dated only once the worker answers: a worker slow to start (a loaded machine) must not
  // make the first invitation fall before the year's start, when it would rightly not be owed.
  const event = DateTime.fromJSDate(await serverNow(env.client), { zone: ZONE }).startOf('minute').plus({ minutes: 3 });
  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-thao', date: event.toISODate() ?? '', time: event.toFormat('HH:mm') }] });

  await smtp.waitFor(3, 150_000);
  // Killed once the first reminders are on record, while the year waits on its next timer. (A kill in
  // the middle of a batch resends what the last heartbeat did not report; see worker/options.ts.)
  await waitUntil(async () => (await handle.query(msg.logQuery)).length === 3);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  startWorkerProcess();
  await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-b', itemId: 'dien-hinh', reference: '2/BC' }] });
  await smtp.waitFor(6, 150_000);
  // Anything sent twice would arrive within moments of the rest.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const perUnit = new Map<string, string[]>();
  for (const m of smtp.messages) {
    const to = m.envelope.to.find((a) => a.startsWith('vanthu@')) ?? '';
    perUnit.set(to, [...(perUnit.get(to) ?? []), m.messageId ?? '']);
  }
  expect([...perUnit.keys()].sort()).toEqual(['vanthu@so-a.example.vn', 'vanthu@so-b.example.vn', 'vanthu@so-c.example.vn']);
  for (const ids of perUnit.values()) expect(new Set(ids).size).toBe(2);
  expect(smtp.messages).toHaveLength(6);

  const log = await handle.query(msg.logQuery);
  expect(log.map((e) => e.notices[0]?.plannedAt.slice(0, 16)).sort()).toEqual(
    [1, 2].flatMap((m) => Array(3).fill(event.minus({ minutes: 3 - m }).toISO()?.slice(0, 16))).sort(),
  );
  const status = await handle.query(msg.statusQuery, {});
  const reports = (unit: string) => status.cells.find((c) => c.itemId === 'dien-hinh' && c.unitId === unit)?.reports;
  expect([reports('so-a'), reports('so-b'), reports('so-c')]).toEqual([1, 1, 0]);
  await handle.terminate('test over');
}, 400_000);
