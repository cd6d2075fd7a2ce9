/**
 * Handing the year's messages to the mail activity: in batches, each batch retried by Temporal for as long
 * as the mail server does not answer (`activities/batch.ts` hands passing failures back after a while), and
 * every outcome written to the reminder log. While a batch is out, the log shows its messages as being sent.
 */
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { BatchActivities, OutgoingMessage } from '../activities/types';
import type { IsoInstant } from '../calendar/types';
import type { LogEntry, YearState } from './model';
import { recordOutcomes, sendingEntry } from './sent-log';

/**
 * A mail server that is down is tried again every few seconds, at most ten apart, so that mail goes out
 * within seconds of its return; a refusal for good (5xx) is not retried at all.
 */
const { sendBatch } = wf.proxyActivities<BatchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Messages per activity call: small enough to finish well inside its timeout at a modest SMTP rate. */
const BATCH_SIZE = 25;

export interface Mailer {
  send(messages: OutgoingMessage[], plannedAt: (m: OutgoingMessage) => IsoInstant): Promise<void>;
  /** The messages out with the mail activity now, as log entries. */
  sending(): LogEntry[];
}

export function createMailer(state: YearState, now: () => number): Mailer {
  const iso = () => DateTime.fromMillis(now(), { zone: state.config.bloc.timeZone }).toISO() ?? '';
  let out: LogEntry[] = [];
  return {
    sending: () => out,
    async send(messages, plannedAt) {
      const chunks: OutgoingMessage[][] = [];
      for (let i = 0; i < messages.length; i += BATCH_SIZE) chunks.push(messages.slice(i, i + BATCH_SIZE));
      const since = iso();
      out = messages.map((m) => sendingEntry(m, plannedAt(m), since));
      try {
        const outcomes = (await Promise.all(chunks.map((chunk) => sendBatch(chunk)))).flat();
        recordOutcomes(state, messages, outcomes, plannedAt, iso());
      } finally {
        out = [];
      }
    },
  };
}
