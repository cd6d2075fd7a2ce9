/**
 * The reminder log: what each batch of mail did, written into the year's record. It is the audit
 * trail (`bloc log`) and what the agenda reads to never say the same thing twice.
 */
import type { OutgoingMessage, SendOutcome } from '../activities/types';
import type { IsoInstant } from '../calendar/types';
import type { LogEntry, YearState } from './model';

/** Who and what a message was for, as the log keeps it. */
function entryBase(message: OutgoingMessage, plannedAt: IsoInstant): Pick<LogEntry, 'messageKey' | 'addressee' | 'to' | 'notices' | 'plannedAt'> {
  const addressee = message.handover ? `handover:${message.addressee.unitId}` : (message.addressee.unitId ?? 'digest');
  const notices = message.digest
    ? [...new Set(message.digest.rows.map((r) => r.itemId))].map((itemId) => ({ key: `digest|${itemId}|*|${plannedAt}`, itemId, kind: 'digest' as const, plannedAt }))
    : message.notices.map((n) => ({ key: n.key, itemId: n.itemId, kind: n.kind, plannedAt: n.plannedAt }));
  return { messageKey: message.key, addressee, to: message.addressee.to, notices, plannedAt };
}

/** A message handed to the mail activity and not yet back: the log shows it as being sent. */
export function sendingEntry(message: OutgoingMessage, plannedAt: IsoInstant, since: IsoInstant): LogEntry {
  return { ...entryBase(message, plannedAt), sentAt: since, status: 'sending' };
}

type Tried = Exclude<SendOutcome, { status: 'deferred' }>;

/**
 * `sentAt` is workflow time when the batch came back: the log and the agenda share one clock. A delivered
 * message also carries `acceptedAt`, the instant the mail server took that very message: the record of
 * when a unit was told, which in a large wave can be well before the batch came back.
 */
function logEntry(message: OutgoingMessage, outcome: Tried, plannedAt: IsoInstant, sentAt: IsoInstant): LogEntry {
  const base = entryBase(message, plannedAt);
  if (outcome.status === 'delivered') {
    const { messageId, rejected } = outcome.result;
    const delivery = { messageId, sentAt, acceptedAt: outcome.result.sentAt };
    return { ...base, ...delivery, status: rejected.length > 0 ? 'partial' : 'delivered', ...(rejected.length ? { rejected } : {}) };
  }
  return { ...base, sentAt, status: 'failed', error: outcome.error, transient: !outcome.permanent };
}

/**
 * A delivery makes good the passing failures to the same addressee whose notices it carried again (a retry
 * of the same message, or the next message of the same series): they are marked so in the log, and leave
 * the failures waiting for the next digest, since the unit was reached after all.
 */
function makeGood(state: YearState, delivered: LogEntry): void {
  const carried = new Map(delivered.notices.map((n) => [`${n.kind}|${n.itemId}`, Date.parse(n.plannedAt)]));
  const madeGood = new Set<string>();
  for (const entry of state.log) {
    if (entry === delivered || entry.status !== 'failed' || !entry.transient || entry.supersededBy || entry.addressee !== delivered.addressee) continue;
    if (entry.notices.every((n) => (carried.get(`${n.kind}|${n.itemId}`) ?? -Infinity) >= Date.parse(n.plannedAt))) {
      entry.supersededBy = delivered.messageKey;
      madeGood.add(entry.messageKey);
    }
  }
  state.pendingFailures = state.pendingFailures.filter((f) => !madeGood.has(f.messageKey));
}

/**
 * Logs every outcome, and keeps each failure (and each refused address) for the next escalation digest;
 * a digest that went out has shown the failures before it.
 */
export function recordOutcomes(
  state: YearState,
  messages: OutgoingMessage[],
  outcomes: SendOutcome[],
  plannedAt: (message: OutgoingMessage) => IsoInstant,
  sentAt: IsoInstant,
): void {
  const byKey = new Map(messages.map((m) => [m.key, m]));
  const digestWentOut = outcomes.some((o) => o.status === 'delivered' && byKey.get(o.key)?.digest);
  if (digestWentOut) state.pendingFailures = [];
  for (const outcome of outcomes) {
    const message = byKey.get(outcome.key);
    // A deferred message was not tried: it stays owed, and the agenda hands it to the next batch.
    if (!message || outcome.status === 'deferred') continue;
    const entry = logEntry(message, outcome, plannedAt(message), sentAt);
    state.log.push(entry);
    if (outcome.status === 'delivered') makeGood(state, entry);
    if (outcome.status === 'failed') {
      state.pendingFailures.push({ messageKey: outcome.key, unitId: message.addressee.unitId, addresses: outcome.addresses, reason: outcome.error, at: outcome.at });
    } else if (outcome.result.rejected.length > 0) {
      state.pendingFailures.push({
        messageKey: outcome.key,
        unitId: message.addressee.unitId,
        addresses: outcome.result.rejected,
        reason: 'một số địa chỉ bị từ chối / some addresses refused',
        at: outcome.result.sentAt,
      });
    }
  }
}
