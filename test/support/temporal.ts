/**
 * Temporal servers for tests, from the provisioned executables (scripts/provision.ts). Where this machine can
 * provision neither (no override, no cache, no toolchain), the SDK downloads the server itself, which needs
 * the open internet: the warning says so before the download fails.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DevServerConfig } from '@temporalio/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { ensureDevServer, ensureTestServer, whyCannotProvision } from '../../scripts/provision';
import type { Log, ServerKind } from '../../scripts/provision';
import { dataConverter } from '../../worker/data-converter';
import { WORKFLOW_BUNDLE } from './dist';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../../worker/dev-server-args';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

type Executable = NonNullable<DevServerConfig['executable']>;

// Workers' state changes at INFO drown the test report, and the core's warnings are expected ones (the replay
// test's negative controls fail workflow tasks on purpose); each test file loads its own copy of the SDK.
Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

/** Long enough for a cold build of the temporal CLI (about 3 min) inside a `beforeAll`. */
export const PROVISION_TIMEOUT_MS = 10 * 60_000;

/** The time-skipping server, with the engine's search attributes registered. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: await executable('test-server', ensureTestServer) },
    client: { dataConverter },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * An in-memory dev server on loopback, with the engine's search attributes registered. It keeps real time, so a
 * file that starts one says `@devserver` in its opening comment and `npm run test:clock` leaves it out. Its task
 * queues have one partition each, as `npm start`'s; `serverDefaultPartitions` leaves them at the server's four.
 */
export async function createDevServerEnv(opts: { serverDefaultPartitions?: boolean } = {}): Promise<TestWorkflowEnvironment> {
  if (process.env.FAKETIME) throw new Error(`${expect.getState().testPath}: on the dev server under faketime: tag the file @devserver (test/support/docblock-tags.js)`);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: await executable('dev-server', ensureDevServer),
      ip: '127.0.0.1',
      searchAttributes: [...SEARCH_ATTRIBUTES],
      extraArgs: opts.serverDefaultPartitions ? [] : [...ONE_PARTITION_PER_TASK_QUEUE],
    },
    client: { dataConverter },
  });
}

async function executable(kind: ServerKind, ensure: (log: Log) => Promise<string>): Promise<Executable> {
  const reason = await whyCannotProvision(kind);
  if (reason) {
    console.warn(`${reason}; falling back to the Temporal SDK's own download, which needs internet access`);
    return { type: 'cached-download' };
  }
  // A cold build takes minutes: say so rather than look hung.
  return { type: 'existing-path', path: await ensure((line) => process.stderr.write(`${line}\n`)) };
}

/** The engine's workflows as `npm run build` bundled them (jest's global setup keeps the build fresh). */
export const ENGINE_BUNDLE = { codePath: WORKFLOW_BUNDLE };

/** The server's clock, read through this process's: their difference, taken once, stays. */
export function serverClock(serverAt: Date): () => number {
  const offset = serverAt.getTime() - Date.now();
  return () => Date.now() + offset;
}

/**
 * The server's own present. The dev server keeps real time even when the tests run under `faketime`, so a
 * test that dates what the server will judge (a receipt, an event a few minutes ahead) asks the server:
 * the start time of a probe workflow that nothing runs, terminated at once.
 */
export async function serverNow(client: Client): Promise<Date> {
  const handle = await client.workflow.start('clockProbe', { taskQueue: `clock-probe-${randomUUID()}`, workflowId: `clock-probe-${randomUUID()}` });
  try {
    return (await handle.describe()).startTime;
  } finally {
    await handle.terminate('clock probe');
  }
}
