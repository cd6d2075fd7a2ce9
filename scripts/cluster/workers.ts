/**
 * The engine's workers as a deployment runs them: separate processes (`node dist/worker/main.js`), each told
 * where Temporal is by TEMPORAL_ADDRESS alone, each with its metrics on its own port.
 */
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { mailTaskQueueOf } from '../../activities/types';
import { REPO_ROOT } from '../repo-root';
import { ManagedProcess } from './process';

const WORKER_MAIN = path.join(REPO_ROOT, 'dist', 'worker', 'main.js');
const POLLING_MS = 60_000;

export interface WorkerProcessOptions {
  name: string;
  /** The whole environment the worker reads: TEMPORAL_ADDRESS, SMTP_URL, SMTP_RATE, BLOC_METRICS_ADDRESS, … */
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export function startWorkerProcess({ name, env, logFile }: WorkerProcessOptions): ManagedProcess {
  const proc = new ManagedProcess({
    name,
    command: process.execPath,
    args: [WORKER_MAIN],
    env,
    cwd: REPO_ROOT,
    logFile,
    // The Runtime drains on SIGTERM: running mail batches finish and report before the process ends.
    stopTimeoutMs: 30_000,
  });
  proc.start();
  return proc;
}

/**
 * Until `count` workers poll the mail task queue: the engine's queue a process polls last, and one with a single
 * partition, whose pollers the server lists in full.
 */
export async function untilWorkersPoll(client: Client, namespace: string, taskQueue: string, count: number, failed: Promise<never>): Promise<void> {
  const deadline = Date.now() + POLLING_MS;
  let exited: unknown;
  failed.catch((err: unknown) => (exited = err));
  for (;;) {
    if (exited) throw exited;
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: mailTaskQueueOf(taskQueue), kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    });
    if (new Set(pollers?.map((p) => p.identity)).size >= count) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${count} workers polled ${mailTaskQueueOf(taskQueue)} within ${POLLING_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
