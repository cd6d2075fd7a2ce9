/**
 * What the engine itself sent, as the matcher needs it: each logged message's Message-ID with the unit it went
 * to and the items it carried, and each item's thread root. The engine's Message-IDs are made from the business
 * key (`bloc/year/addressee/day`, activities/mail/message-id.ts) with a digest, so they are looked up in the
 * log rather than parsed: the readable part folds characters and cannot be read back reliably.
 */
import type { YearPlan } from '../../calendar/types';
import type { LogEntry } from '../../workflows/model';
import { messageIdFor, threadIdFor } from '../mail/message-id';
import type { SentMessage, ThreadRoot } from './match';

/**
 * The log's messages. One still sending, or failed on a try, has no Message-ID recorded yet; it is the one its
 * key gives, since every try carries the same.
 */
export function sentFromLog(log: readonly LogEntry[], domain: string): SentMessage[] {
  return log.map((entry) => {
    const unitId = entry.addressee === 'digest' ? undefined : entry.addressee.replace(/^handover:/, '');
    const itemIds = [...new Set(entry.notices.filter((n) => n.kind !== 'digest').map((n) => n.itemId))];
    return { messageId: entry.messageId ?? messageIdFor(entry.messageKey, domain), ...(unitId && { unitId }), itemIds };
  });
}

/** One root per item of the year: every reminder about the item lists it in References. */
export function threadRootsOf(plan: Pick<YearPlan, 'blocId' | 'year'> & { items: readonly { id: string }[] }, domain: string): ThreadRoot[] {
  return plan.items.map((item) => ({ messageId: threadIdFor(plan.blocId, plan.year, item.id, domain), itemId: item.id }));
}
