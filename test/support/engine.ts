/**
 * The engine for integration tests: a worker in the test process, on its own task queue, running the
 * real workflows and the real mail activities against a test SMTP server.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { PlanningActivities } from '../../activities/planning';
import { smtpSettingsFromEnv } from '../../activities/mail/settings';
import { createEngineWorkers } from '../../worker/engine-workers';
import type { UnitLinker } from '../../activities/mail/unit-links';
import { builtComposer } from './dist';
import { replayRuns, runsOn } from './replay-histories';
import { ENGINE_BUNDLE } from './temporal';

export interface Engine {
  /** Settles when the worker stops; rejects if it failed. */
  running: Promise<void>;
  taskQueue: string;
  /**
   * Drains the worker and waits for it to stop; then, unless told not to (a worker replaced mid-test), replays
   * every run its task queue saw on the code that ran them (support/replay-histories.ts).
   */
  shutdown(opts?: { replay?: boolean }): Promise<void>;
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
   * Workflows kept in the worker's cache (the SDK's default when unset). A worker the test will stop and replace
   * on the time-skipping server takes 0: a cached workflow is bound to its worker's sticky queue, which a real
   * server hands back to the task queue a few seconds after that worker stops and the Java test server never does.
   */
  workflowCache?: number;
  /** The units' signed links the mail carries (the console's tests); none by default. */
  unitLink?: UnitLinker;
  /** Other workflow code than this release's (a bundle with a patch forced, support/forcing-bundle.ts). */
  workflowBundle?: WorkflowBundleOption;
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
    // A workflow cache, as in production; shutdown() proves the code deterministic by replaying each run once.
    workflows: { workflowBundle: opts.workflowBundle ?? ENGINE_BUNDLE, ...(opts.workflowCache !== undefined && { maxCachedWorkflows: opts.workflowCache }) },
  });
  const running = workers.run();
  return {
    running,
    taskQueue,
    async shutdown({ replay = true } = {}) {
      workers.shutdown();
      await running;
      if (connection !== env.nativeConnection) await connection.close();
      if (replay) await replayRuns(opts.workflowBundle ?? ENGINE_BUNDLE, await runsOn(env.client, env.namespace ?? 'default', taskQueue));
    },
  };
}
