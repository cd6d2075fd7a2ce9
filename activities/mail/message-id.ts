/**
 * Message identity from business keys only. The key `${blocId}/${year}/${addressee}/${localDate}` is
 * the same on every retry and after continue-as-new (the run id is not), so a resend carries the
 * same Message-ID and a receiver that dedupes by it shows one message.
 */
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '../types';

/** dot-atom-text (RFC 5322 §3.2.3) that still reads like the key, for whoever greps a mail log. */
function readable(parts: string[]): string {
  return parts
    .map((p) => p.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p.length > 0)
    .join('.');
}

/** Mapping to dot-atom can merge two keys ("a/b" and "a b"); a short digest of the raw key keeps them apart. */
function digest(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);
}

export function messageIdFor(key: string, domain: string): string {
  return `<${readable(key.split('/'))}.${digest(key)}@${domain}>`;
}

/** A thread per bloc, year and item: it is never a sent message, only the root every reminder about the item refers to. */
export function threadIdFor(blocId: string, year: number, itemId: string, domain: string): string {
  const key = `${blocId}/${year}/${itemId}`;
  return `<thread.${readable([itemId, String(year), blocId])}.${digest(key)}@${domain}>`;
}

/** The items a message is about, first one first: its notices, or a digest's rows. */
function itemIds(message: OutgoingMessage): string[] {
  const ids = [...message.notices.map((n) => n.itemId), ...(message.digest?.rows ?? []).map((r) => r.itemId)];
  return [...new Set(ids)];
}

/**
 * In-Reply-To names the first item's thread, so clients that follow only the parent (Gmail, with the
 * subject) group the message there; References lists every item's thread for clients that read it all.
 */
export function threadHeaders(message: OutgoingMessage, domain: string): { inReplyTo?: string; references: string[] } {
  const references = itemIds(message).map((id) => threadIdFor(message.bloc.id, message.year, id, domain));
  const [first] = references;
  return first === undefined ? { references } : { inReplyTo: first, references };
}
