/**
 * The naive design the wave is measured against: one workflow per bloc that, at the wave's instant, schedules
 * one `sendMessage` activity per unit, all at once. Bundled on its own by bench/naive-worker.ts.
 */
import * as wf from '@temporalio/workflow';
import type { BlocActivities, OutgoingMessage } from '../activities/types';

const { sendMessage } = wf.proxyActivities<BlocActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

export async function naiveWave(messages: OutgoingMessage[], atMs: number): Promise<void> {
  await wf.sleep(Math.max(atMs - Date.now(), 1));
  await Promise.all(messages.map((m) => sendMessage(m)));
}
