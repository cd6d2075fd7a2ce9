/**
 * The relay's rate holds only on a mail task queue of one partition (worker/mail-partitions.ts): a worker given
 * SMTP_RATE refuses a queue the server splits four ways, naming the dynamic-config setting, and starts on one
 * whole. Without a rate the partitions do not matter and the worker starts either way.
 *
 * @devserver
 */
import { spawn } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { realClockEnv, ROOT, WORKER } from '../support/dist';
import { startEngine } from '../support/engine';
import { createDevServerEnv, PROVISION_TIMEOUT_MS } from '../support/temporal';

/** Nothing is sent: the worker never gets as far as the relay. */
const NO_RELAY = 'smtp://127.0.0.1:9';

let split: TestWorkflowEnvironment;
let whole: TestWorkflowEnvironment;

beforeAll(async () => {
  [split, whole] = await Promise.all([createDevServerEnv({ serverDefaultPartitions: true }), createDevServerEnv()]);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([split?.teardown(), whole?.teardown()]);
});

/** `npm run worker` as an operator runs it; its exit code and what it wrote to stderr. */
function workerProcess(env: TestWorkflowEnvironment, vars: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER], {
      cwd: ROOT,
      env: realClockEnv({ ...process.env, TEMPORAL_ADDRESS: env.address, SMTP_URL: NO_RELAY, MAIL_FROM: 'khoi@khoi.example.vn', ...vars }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

test('a worker with SMTP_RATE refuses a mail task queue in four partitions, naming the setting', async () => {
  const { code, stderr } = await workerProcess(split, { SMTP_RATE: '1/s' });
  expect(code).toBe(2);
  expect(stderr).toContain('SMTP_RATE=1/s');
  expect(stderr).toContain('bloc-engine-mail into 4 partitions');
  expect(stderr).toContain('matching.numTaskqueueReadPartitions: [{ value: 1, constraints: { taskQueueName: bloc-engine-mail } }]');
  expect(stderr).toContain('matching.numTaskqueueWritePartitions');
  expect(stderr).toContain('docs/mail.md');
});

test('with SMTP_RATE on a mail task queue of one partition, and without a rate on four, the workers start', async () => {
  for (const [env, rate] of [[whole, '1/s'], [split, 'none']] as const) {
    const engine = await startEngine(env, NO_RELAY, { rate, ownConnection: true });
    await engine.shutdown({ replay: false });
    await expect(engine.running).resolves.toBeUndefined();
  }
});
