/**
 * The naive design's worker process (forked by bench/wave.ts): bench/naive-workflow.ts and the engine's own
 * `sendMessage` activity, on TEMPORAL_TASK_QUEUE, with the engine's mail settings from the environment.
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { connectWorker } from '../worker/connection';
import { errorLines, installRuntime } from '../worker/main';
import { ENGINE_WORKER_OPTIONS } from '../worker/options';
import { loadTemporalSettings } from '../worker/settings';

async function main(): Promise<void> {
  const settings = loadTemporalSettings();
  const { sendMessage } = createActivities();
  installRuntime();
  const connection = await connectWorker(settings);
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      workflowsPath: require.resolve('./naive-workflow'),
      activities: { sendMessage },
      ...ENGINE_WORKER_OPTIONS,
    });
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: Error) => {
  for (const line of errorLines(err)) process.stderr.write(`naive-worker: ${line}\n`);
  process.exit(1);
});
