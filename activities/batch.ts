/**
 * Sends one instant's messages in a single activity. Each message's fate is heartbeated as soon
 * as it is known, and a retry reads those details back, so a retried batch never sends a message
 * twice that its earlier attempt delivered. A message refused for good (5xx) is reported, not retried;
 * one that failed for a passing reason (the server down, a 4xx) makes the batch retry, every few
 * seconds (the workflow's retry policy), so mail goes out soon after the server returns. After half an
 * hour of that it is reported as a passing failure, and the workflow tries it again later with what is
 * then true, rather than hold every other message of the year behind one server.
 */
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { MailRate } from './mail/settings';
import { mailCounter } from './mail-metrics';
import { createPacer, messagesPerBatch } from './pacing';
import { createSendDeadlines } from './send-deadline';
import { BATCH_SIZE, type BatchActivities, type OutgoingMessage, type SendOutcome, type SendResult } from './types';

/** How long the batch keeps retrying passing failures before it hands them back to the workflow. */
export const GIVE_UP_AFTER_MS = 30 * 60_000;

/**
 * Heartbeat details are serialised (and compressed) on every call, though the SDK sends the server at most one
 * a quarter-second (worker/options.ts): so a batch calls at most that often, and always before it fails. A
 * worker killed outright resends at most this long's messages, with the same Message-IDs.
 */
const HEARTBEAT_EVERY_MS = 250;

function isPermanent(err: unknown): boolean {
  return err instanceof ApplicationFailure && err.nonRetryable === true;
}

export interface BatchOptions {
  rate?: MailRate | undefined;
  /** How long one send may take, waiting for a pooled connection included. */
  deadlineMs: number;
}

export function createBatchSender(send: (m: OutgoingMessage, signal: AbortSignal) => Promise<SendResult>, { rate, deadlineMs }: BatchOptions): BatchActivities {
  const cap = messagesPerBatch(rate, BATCH_SIZE);
  return {
    async sendBatch(messages: OutgoingMessage[]): Promise<SendOutcome[]> {
      const ctx = Context.current();
      const counted = mailCounter(ctx.metricMeter);
      const done = new Map<string, SendOutcome>(
        ((ctx.info.heartbeatDetails as SendOutcome[] | undefined) ?? []).map((o) => [o.key, o]),
      );
      const pace = createPacer(rate);
      const deadlines = createSendDeadlines(ctx.cancellationSignal, deadlineMs);
      let tried = 0;
      let beatAt = 0;
      const beat = () => {
        ctx.heartbeat([...done.values()]);
        beatAt = performance.now();
      };
      let passing: Error | undefined;
      try {
        for (const message of messages) {
          if (done.has(message.key)) continue;
          if (tried >= cap || !(await pace())) break;
          tried++;
          try {
            done.set(message.key, { key: message.key, status: 'delivered', result: await send(message, deadlines.next()) });
            counted('delivered', message);
          } catch (err) {
            const error = err as Error;
            const outcome: SendOutcome = {
              key: message.key,
              status: 'failed',
              permanent: isPermanent(err),
              error: error.message,
              addresses: message.addressee.to,
              at: DateTime.now().setZone(message.bloc.timeZone).toISO() ?? '',
            };
            // Both instants are the server's: a worker whose clock is off must not give up early or never.
            const retryingFor = ctx.info.currentAttemptScheduledTimestampMs - ctx.info.scheduledTimestampMs;
            counted(outcome.permanent ? 'refused' : 'retried', message);
            if (outcome.permanent || retryingFor >= GIVE_UP_AFTER_MS) done.set(message.key, outcome);
            else passing = error;
          }
          if (performance.now() - beatAt >= HEARTBEAT_EVERY_MS) beat();
        }
      } finally {
        deadlines.done();
      }
      if (passing) {
        beat();
        throw passing;
      }
      const outcomes = messages.map((m): SendOutcome => done.get(m.key) ?? { key: m.key, status: 'deferred' });
      const count = (status: SendOutcome['status']) => outcomes.filter((o) => o.status === status).length;
      log.info('mail batch sent', { delivered: count('delivered'), failed: count('failed'), deferred: count('deferred'), attempt: ctx.info.attempt });
      return outcomes;
    },
  };
}
