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
  /**
   * Waits until an instant of the demonstration: by default on this machine's monotonic clock, counted from
   * `now`; a test on the time-skipping server moves the server's clock instead.
   */
  waitUntil?: (at: Date, signal?: AbortSignal) => Promise<void>;
}

export interface StartedDemonstration {
  demo: Demonstration;
  workflowId: string;
  alreadyStarted: boolean;
  /** Settles once the submissions are recorded, or at once when stopped; rejects if one was refused. */
  recorded: Promise<void>;
}

/**
 * Waits measured on the monotonic clock from `now`, never read off the wall clock, which a test may have
 * moved away from the server's.
 */
function monotonicWait(now: Date): NonNullable<DemonstrationRun['waitUntil']> {
  const origin = performance.now();
  return (at, signal) => sleep(Math.max(0, at.getTime() - now.getTime() - (performance.now() - origin)), undefined, { signal });
}

export async function startDemonstration(client: Client, run: DemonstrationRun): Promise<StartedDemonstration> {
  const waitUntil = run.waitUntil ?? monotonicWait(run.now);
  const demo = buildDemonstration(run.now, run);
  const started = await startBlocYear(client, demo.config, demo.year, { taskQueue: run.taskQueue, now: run.now });
  const handle = client.workflow.getHandle(started.workflowId);
  const record = async () => {
    for (const s of [...demo.submissions].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      try {
        await waitUntil(s.at, run.signal);
      } catch {
        return; // stopped before its moment
      }
      if (run.signal?.aborted) return;
      await handle.executeUpdate(recordSubmission, { args: [{ unitId: s.unitId, itemId: s.itemId, reference: s.reference }] });
    }
  };
  return { demo, ...started, recorded: started.alreadyStarted ? Promise.resolve() : record() };
}
