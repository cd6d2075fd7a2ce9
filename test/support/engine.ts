/**
 * The engine for integration tests: a worker in the test process, on its own task queue, running the
 * real workflows and the real mail activities against a test SMTP server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { PlanningActivities } from '../../activities/planning';
import { smtpSettingsFromEnv } from '../../activities/mail/settings';
import { createEngineWorkers } from '../../worker/engine-workers';
import type { UnitLinker } from '../../web/unit-links';
import { builtComposer } from './dist';
import { bundleWorkflows } from './temporal';

export interface Engine {
  /** Settles when the worker stops; rejects if it failed. */
  running: Promise<void>;
  taskQueue: string;
  /** Drains the worker and waits for it to stop. */
  shutdown(): Promise<void>;
}

export interface EngineOptions {
  /** Another engine's task queue, for a worker that takes over from it (a new release, say). */
  taskQueue?: string;
  /** Planning rules other than this release's, standing in for a later release's. */
  planning?: PlanningActivities;
  /** The relay's rate (`SMTP_RATE`); none by default. */
  rate?: string;
  /**
   * A connection of its own, as a second worker process has: the SDK refuses two workers for one task queue
   * on one connection.
   */
  ownConnection?: boolean;
  /**
   * Workflows kept in the worker's cache; none by default, so that every workflow task replays. The SDK
   * 1.24 core can strand a local activity's result when a cache-less worker evicts a run mid-task (fixed in
   * temporalio/sdk-rust#1482), which stalls an Update that replans the year for a workflow-task timeout or
   * more: tests of what a person sees through Updates run with a cache, as production does.
   */
  cachedWorkflows?: number;
  /** The units' signed links the mail carries (the console's tests); none by default. */
  unitLink?: UnitLinker;
}

export async function startEngine(env: TestWorkflowEnvironment, smtpUrl: string, opts: EngineOptions = {}): Promise<Engine> {
  // A task queue of its own, so that workers of other test files on the same server never take its tasks.
  const taskQueue = opts.taskQueue ?? `engine-${randomUUID()}`;
  // No rate limit: a test sends a bloc's whole day at once.
  const settings = smtpSettingsFromEnv({ SMTP_URL: smtpUrl, MAIL_FROM: 'Khối thi đua <khoi@khoi.example.vn>', SMTP_RATE: opts.rate ?? 'none' });
  const connection = opts.ownConnection ? await NativeConnection.connect({ address: env.address }) : env.nativeConnection;
  const workers = await createEngineWorkers({
    connection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: { ...createActivities({ settings, composer: builtComposer(settings.from), ...(opts.unitLink && { unitLink: opts.unitLink }) }), ...opts.planning },
    smtp: settings,
    // Every workflow task replays the whole history from the server, so that every test also proves the
    // workflow code deterministic; a cache would let most tasks skip replay.
    workflows: { workflowBundle: await bundleWorkflows(), maxCachedWorkflows: opts.cachedWorkflows ?? 0 },
  });
  const running = workers.run();
  return {
    running,
    taskQueue,
    async shutdown() {
      workers.shutdown();
      await running;
      if (connection !== env.nativeConnection) await connection.close();
    },
  };
}
