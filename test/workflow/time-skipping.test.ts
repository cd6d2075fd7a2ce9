/** The time-skipping server works here: half a year of workflow time passes in seconds. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows, createTimeSkippingEnv, PROVISION_TIMEOUT_MS } from '../support/temporal';

const DAY_MS = 24 * 60 * 60 * 1000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await env?.teardown();
});

test('a 180-day sleep completes in seconds and moves the workflow clock by 180 days', async () => {
  const taskQueue = 'time-skipping-smoke';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(require.resolve('../support/workflows')),
  });
  const startedReal = Date.now();
  const { before, after } = await worker.runUntil(
    env.client.workflow.execute('sleeper', { taskQueue, workflowId: 'sleeper-180-days', args: ['180 days'] }),
  );
  expect(after - before).toBeGreaterThanOrEqual(180 * DAY_MS);
  expect(after - before).toBeLessThan(181 * DAY_MS);
  expect(Date.now() - startedReal).toBeLessThan(30_000);
});
