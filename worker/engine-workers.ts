/**
 * The engine's two workers on one connection: one runs the bloc-year workflows (and their planning local
 * activity) on the engine's task queue; the other runs the mail activities on the mail task queue, which
 * the Temporal server dispatches no faster than the relay's rate allows, across every worker of the engine.
 * The workflow worker keeps the mail activities too, for batches scheduled there by releases before 0.4.
 */
import { Runtime, Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { createActivities } from '../activities';
import type { SmtpSettings } from '../activities/mail/settings';
import { batchesPerSecond } from '../activities/pacing';
import { BATCH_SIZE, mailTaskQueueOf } from '../activities/types';
import { checkMailPartitions } from './mail-partitions';
import { ENGINE_WORKER_OPTIONS } from './options';

export interface EngineWorkersOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: ReturnType<typeof createActivities>;
  /** The relay's rate and how many connections the worker keeps to it. */
  smtp: Pick<SmtpSettings, 'rate' | 'poolSize'>;
  /** How the workflows are loaded, and anything else the workflow worker needs (a test's cache size). */
  workflows: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle' | 'maxCachedWorkflows'>;
}

export interface EngineWorkers {
  /** Settles when both have stopped; rejects if either failed. */
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * A batch sends one message after another, so two batches for each pooled connection keep every connection
 * busy. More would only queue inside nodemailer, where each waiting message holds memory, and each running
 * batch heartbeats its growing list of outcomes; the rest of a wave waits on the server, in its task queue.
 */
function batchesInFlight(poolSize: number): number {
  return 2 * poolSize;
}

export async function createEngineWorkers(opts: EngineWorkersOptions): Promise<EngineWorkers> {
  const { connection, namespace, taskQueue, activities } = opts;
  const { sendBatch, sendMessage } = activities;
  const limit = batchesPerSecond(opts.smtp.rate, BATCH_SIZE);
  if (opts.smtp.rate) {
    const warn = (message: string) => Runtime.instance().logger.warn(message);
    await checkMailPartitions(connection, { namespace, mailTaskQueue: mailTaskQueueOf(taskQueue), rate: opts.smtp.rate, warn });
  }
  const workers = [
    await Worker.create({ connection, namespace, taskQueue, activities, ...opts.workflows, ...ENGINE_WORKER_OPTIONS }),
    await Worker.create({
      connection,
      namespace,
      taskQueue: mailTaskQueueOf(taskQueue),
      activities: { sendBatch, sendMessage },
      ...(limit !== undefined && { maxTaskQueueActivitiesPerSecond: limit }),
      maxConcurrentActivityTaskExecutions: batchesInFlight(opts.smtp.poolSize),
      ...ENGINE_WORKER_OPTIONS,
    }),
  ];
  return {
    run: () => Promise.all(workers.map((w) => w.run())).then(() => undefined),
    shutdown: () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown()),
  };
}
