/**
 * The relay's rate, held in two places. Across workers: the Temporal server dispatches the mail task queue's
 * batch activities no faster than `batchesPerSecond` (worker/engine-workers.ts), one per ten seconds' worth of
 * messages. Within a batch: the messages go out evenly spaced at the rate, and a batch sends at most
 * `messagesPerBatch`, nine tenths of those ten seconds' worth, within ten seconds of its first, so that waiting for the rate never nears the activity's timeouts and a late batch never
 * overlaps the next; the rest is deferred to the next batch.
 */
import type { MailRate } from './mail/settings';

/** How long one batch may spend pacing its messages. */
const PACING_WINDOW_S = 10;
/**
 * The share of a batch's slots it fills. Batches reach workers a little early or late (the time to pick one up, a
 * starved CPU, the first connection to the relay): a batch that starts a second late and the next one on time would
 * put 22 messages in ten seconds at 2/s. Leaving a tenth of the slots free absorbs that, for a tenth of the speed.
 */
const FILLED = 0.9;

/** A batch's slots: ten seconds' worth at the rate, at most a batch. */
function slots(rate: MailRate, batchSize: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(rate.perSecond * PACING_WINDOW_S)));
}

export function messagesPerBatch(rate: MailRate | undefined, batchSize: number): number {
  return rate ? Math.max(1, Math.floor(slots(rate, batchSize) * FILLED)) : batchSize;
}

/** The server-side limit of batch dispatches for the mail task queue; none when the relay sets no rate. */
export function batchesPerSecond(rate: MailRate | undefined, batchSize: number): number | undefined {
  return rate ? rate.perSecond / slots(rate, batchSize) : undefined;
}

/**
 * Spaces sends `1 / rate` apart, by this process's monotonic clock, within the batch's ten seconds: `false` for a
 * send that would start past its last slot (9.5 s at 2/s), and the batch defers what is left to the next one. A
 * batch that fell behind (a slow relay, a starved CPU) thus never runs into the next batch's ten seconds, which the
 * server hands out no sooner: the rate holds over any ten seconds, not only on average. The first send always goes.
 */
export function createPacer(rate: MailRate | undefined): () => Promise<boolean> {
  if (!rate) return async () => true;
  const gapMs = 1000 / rate.perSecond;
  // Half a gap of slack for timers that fire late.
  const lastSlotMs = Math.max(0, PACING_WINDOW_S * 1000 - gapMs) + gapMs / 2;
  let origin: number | undefined;
  let next = 0;
  return async () => {
    const now = performance.now();
    origin ??= now;
    const slot = Math.max(now, next);
    if (slot - origin > lastSlotMs) return false;
    next = slot + gapMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    return true;
  };
}
