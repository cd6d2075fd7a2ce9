/**
 * Running the demonstration bloc (config/demo.ts): its year started like any other, and the secretariat's
 * part played at its moment, recording the submissions the file lists, so that one unit is left to be
 * chased and the leader gets a digest.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { startBlocYear } from '../client/start-year';
import { buildDemonstration, type Demonstration, type DemonstrationOptions } from '../config/demo';
import { recordSubmission } from '../workflows/messages';

export interface DemonstrationRun extends DemonstrationOptions {
  /** The instant the demonstration is timed from: the machine's clock for `npm start`, the server's in a test. */
  now: Date;
  taskQueue: string;
  /** Stops the secretariat's part. */
  signal?: AbortSignal;
}

export interface StartedDemonstration {
  demo: Demonstration;
  workflowId: string;
  alreadyStarted: boolean;
  /** Settles once the submissions are recorded, or at once when stopped; rejects if one was refused. */
  recorded: Promise<void>;
}

export async function startDemonstration(client: Client, run: DemonstrationRun): Promise<StartedDemonstration> {
  // Waits are measured on the monotonic clock from `now`, never read off the wall clock, which a test may
  // have moved away from the server's.
  const origin = performance.now();
  const demo = buildDemonstration(run.now, run);
  const started = await startBlocYear(client, demo.config, demo.year, { taskQueue: run.taskQueue, now: run.now });
  const handle = client.workflow.getHandle(started.workflowId);
  const record = async () => {
    for (const s of [...demo.submissions].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const wait = s.at.getTime() - run.now.getTime() - (performance.now() - origin);
      try {
        await sleep(Math.max(0, wait), undefined, { signal: run.signal });
      } catch {
        return; // stopped before its moment
      }
      await handle.executeUpdate(recordSubmission, { args: [{ unitId: s.unitId, itemId: s.itemId, reference: s.reference }] });
    }
  };
  return { demo, ...started, recorded: started.alreadyStarted ? Promise.resolve() : record() };
}
