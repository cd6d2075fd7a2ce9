/**
 * The relay's rate, held in two places. Across workers: the Temporal server dispatches the mail task queue's
 * batch activities no faster than `batchesPerSecond` (worker/engine-workers.ts). Within a batch: the messages
 * go out evenly spaced at the rate, and a batch sends at most `messagesPerBatch`, about ten seconds' worth, so
 * that waiting for the rate never nears the activity's timeouts; the rest is deferred to the next batch.
 */
import type { MailRate } from './mail/settings';

/** How long one batch may spend pacing its messages. */
const PACING_WINDOW_S = 10;

export function messagesPerBatch(rate: MailRate | undefined, batchSize: number): number {
  if (!rate) return batchSize;
  return Math.max(1, Math.min(batchSize, Math.floor(rate.perSecond * PACING_WINDOW_S)));
}

/** The server-side limit of batch dispatches for the mail task queue; none when the relay sets no rate. */
export function batchesPerSecond(rate: MailRate | undefined, batchSize: number): number | undefined {
  return rate ? rate.perSecond / messagesPerBatch(rate, batchSize) : undefined;
}

/** Spaces sends `1 / rate` apart, by this process's monotonic clock. */
export function createPacer(rate: MailRate | undefined): () => Promise<void> {
  if (!rate) return async () => undefined;
  const gapMs = 1000 / rate.perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const wait = next - now;
    next = Math.max(now, next) + gapMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}
