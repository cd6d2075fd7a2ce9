/** The dev server works here, with the engine's search attributes registered and queryable. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows, createDevServerEnv, PROVISION_TIMEOUT_MS } from '../support/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await env?.teardown();
});

/** Visibility trails the workflow by a moment: ask again until the answer comes or 10 s pass. */
async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await ask();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a workflow tagged with BlocId and BlocYear is found by a visibility query', async () => {
  const taskQueue = 'dev-server-smoke';
  const blocId = `smoke-${Date.now()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(require.resolve('../support/workflows')),
  });
  await worker.runUntil(
    env.client.workflow.execute('taggedBlocYear', { taskQueue, workflowId: `${blocId}-2020`, args: [blocId, 2020] }),
  );

  const query = `BlocId = '${blocId}' AND BlocYear = 2020`;
  const listed = async () => {
    const ids: string[] = [];
    for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
    return ids;
  };
  expect(await eventually(listed, (ids) => ids.length > 0)).toEqual([`${blocId}-2020`]);
  const { count } = await eventually(() => env.client.workflow.count(query), (c) => c.count > 0);
  expect(count).toBe(1);
});
