/**
 * Handing the year's messages to the mail activity: in batches, each batch retried by Temporal for as long
 * as the mail server does not answer (`activities/batch.ts` hands passing failures back after a while), and
 * every outcome written to the reminder log. While a batch is out, the log shows its messages as being sent.
 * What a batch deferred for the relay's rate stays owed: the agenda hands it to the next batch.
 */
import * as wf from '@temporalio/workflow';
import { BATCH_SIZE, mailTaskQueueOf, type BatchActivities, type OutgoingMessage } from '../activities/types';
import type { IsoInstant } from '../calendar/types';
import { isoInZone } from './local-time';
import type { LogEntry, YearState } from './model';
import { recordOutcomes, sendingEntry } from './sent-log';

/**
 * The batches go to the mail workers' own task queue, which the Temporal server holds to the relay's rate.
 * A mail server that is down is tried again every few seconds, at most ten apart, so that mail goes out
 * within seconds of its return; a refusal for good (5xx) is not retried at all.
 */
function mailActivities(): BatchActivities {
  return wf.proxyActivities<BatchActivities>({
    taskQueue: mailTaskQueueOf(wf.workflowInfo().taskQueue),
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
  });
}

export interface Mailer {
  /**
   * One round: every message is tried unless the relay's rate deferred it. Returns the deferred ones; the
   * year's loop finds them owed again on its next pass, with whatever was recorded meanwhile.
   */
  send(messages: OutgoingMessage[], plannedAt: (m: OutgoingMessage) => IsoInstant): Promise<OutgoingMessage[]>;
  /** Rounds until every message has been tried: for the handover, which no later pass will find owed. */
  sendAll(messages: OutgoingMessage[], plannedAt: (m: OutgoingMessage) => IsoInstant): Promise<void>;
  /** The messages out with the mail activity now, as log entries. */
  sending(): LogEntry[];
}

export function createMailer(state: YearState, now: () => number): Mailer {
  const { sendBatch } = mailActivities();
  const iso = () => isoInZone(now(), state.config.bloc.timeZone);
  let out: LogEntry[] = [];
  const send: Mailer['send'] = async (messages, plannedAt) => {
    const chunks: OutgoingMessage[][] = [];
    for (let i = 0; i < messages.length; i += BATCH_SIZE) chunks.push(messages.slice(i, i + BATCH_SIZE));
    const since = iso();
    out = messages.map((m) => sendingEntry(m, plannedAt(m), since));
    try {
      const outcomes = (await Promise.all(chunks.map((chunk) => sendBatch(chunk)))).flat();
      recordOutcomes(state, messages, outcomes, plannedAt, iso());
      const deferred = new Set(outcomes.filter((o) => o.status === 'deferred').map((o) => o.key));
      return messages.filter((m) => deferred.has(m.key));
    } finally {
      out = [];
    }
  };
  return {
    sending: () => out,
    send,
    async sendAll(messages, plannedAt) {
      for (let owed = messages; owed.length > 0; ) owed = await send(owed, plannedAt);
    },
  };
}
