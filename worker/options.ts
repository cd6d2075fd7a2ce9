/**
 * Worker options every engine worker shares, in production and in tests alike.
 *
 * Heartbeats: a batch of mail heartbeats what it has delivered (at most every 200 ms, activities/batch.ts),
 * and a retry skips what the heartbeats say was delivered; the SDK throttles heartbeats (by default up to
 * 30-60 s), and a worker that dies outright loses the unsent ones. Sent at most a quarter-second apart, a
 * crash mid-batch resends at most that quarter-second's messages (with the same Message-IDs).
 */
import type { WorkerOptions } from '@temporalio/worker';
import { dataConverter } from './data-converter';

export const ENGINE_WORKER_OPTIONS = {
  maxHeartbeatThrottleInterval: '250ms',
  defaultHeartbeatThrottleInterval: '250ms',
  dataConverter,
} as const satisfies Partial<WorkerOptions>;
