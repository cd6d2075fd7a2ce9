/**
 * Which unit a message in the bloc's mailbox comes from and which item it is about, and how that was found or
 * why it was not. Pure (no I/O, no Node imports): what it needs is handed to it, so that the same judgement
 * runs in an activity, in a workflow, or in a test.
 *
 * - The unit: the From address, else Reply-To, against every unit's `emails` and `cc`, whole address, any case.
 * - The item: the message it answers (In-Reply-To, then References, newest first) against the Message-IDs the
 *   engine sent, whose log entries name the unit and the items (activities/mailbox/sent.ts); else the thread
 *   roots every reminder refers to (one per item); else the item's words in the subject, with or without
 *   diacritics. A reminder about several items is narrowed by the subject.
 * - A document: a PDF or DOCX attachment, by its declared type or name; its bytes are checked when it is kept.
 * - Authentication: recorded with the match; only a matched message whose sender is proven may be confirmed
 *   without a person.
 */
import { authenticationVerdict, type AuthVerdict } from './authentication';
import type { MailAddress, MailAttachment, MailboxMessage } from './types';
import { containsPhrase, foldVietnamese, subjectWithoutPrefixes } from './words';

export interface UnitAddresses {
  id: string;
  name: string;
  emails: readonly string[];
  cc: readonly string[];
}

export interface MatchItem {
  id: string;
  title: string;
  titleEn?: string;
  short?: string;
  shortEn?: string;
  /** The units that submit it: a message from another unit does not match it. */
  units: readonly string[];
}

/** One message the engine sent, as its log has it: addressed to a unit (absent for a digest), about these items. */
export interface SentMessage {
  messageId: string;
  unitId?: string;
  itemIds: readonly string[];
}

/** The root of an item's thread (activities/mail/message-id.ts): never sent, only referred to by every reminder. */
export interface ThreadRoot {
  messageId: string;
  itemId: string;
}

export interface MatchContext {
  /** The units still in the bloc. */
  units: readonly UnitAddresses[];
  /** The items a unit submits (deadlines and tasks). */
  items: readonly MatchItem[];
  sent: readonly SentMessage[];
  threads: readonly ThreadRoot[];
  /** The receiving servers whose Authentication-Results count; the topmost header when absent. */
  trustedAuthServIds?: readonly string[];
}

export type UnitEvidence = { unitId: string; by: 'from' | 'reply-to'; address: string };
export type ItemEvidence =
  | { itemId: string; by: 'in-reply-to' | 'references'; messageId: string }
  | { itemId: string; by: 'subject'; phrase: string };

export type Unmatched = 'unreadable' | 'automatic' | 'too-large' | 'unknown-sender' | 'ambiguous-sender' | 'no-item' | 'ambiguous-item' | 'no-document';

export interface MailMatch {
  status: 'matched' | 'unmatched';
  unit?: UnitEvidence;
  item?: ItemEvidence;
  /** The attachments that look like documents, by their place among the message's attachments. */
  documents: { index: number; name: string; type: string; size: number }[];
  authentication: AuthVerdict;
  /** Matched, with a document, and the sender proven: the only kind a bloc may let confirm itself. */
  confirmableByItself: boolean;
  /** Why it is not matched, each `code` with the words for the secretariat; empty when matched. */
  reasons: { code: Unmatched; text: string }[];
  /** The unit the engine wrote to, when the message answers one of its messages but the sender is unknown. */
  suggestedUnitId?: string;
}

const DOCUMENT_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);

export function looksLikeDocument(a: Pick<MailAttachment, 'name' | 'type'>): boolean {
  return DOCUMENT_TYPES.has(a.type.toLowerCase()) || /\.(pdf|docx)$/i.test(a.name);
}

const lower = (s: string) => s.trim().toLowerCase();

/** Message-IDs compared as the engine writes them, `<…>`, in any case (a relay may change the domain's). */
function idKey(id: string): string {
  const bare = lower(id).replace(/^<|>$/g, '');
  return `<${bare}>`;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

// --- the unit -------------------------------------------------------------------------------------------

function unitsByAddress(units: readonly UnitAddresses[]): Map<string, string[]> {
  const byAddress = new Map<string, string[]>();
  for (const unit of units) {
    for (const address of [...unit.emails, ...unit.cc]) {
      const ids = byAddress.get(lower(address)) ?? [];
      if (!ids.includes(unit.id)) ids.push(unit.id);
      byAddress.set(lower(address), ids);
    }
  }
  return byAddress;
}

type UnitFinding = { unit: UnitEvidence } | { reason: { code: Unmatched; text: string } };

function findUnit(message: { from: MailAddress[]; replyTo: MailAddress[] }, ctx: MatchContext, threadUnit: string | undefined): UnitFinding {
  const byAddress = unitsByAddress(ctx.units);
  const nameOf = (id: string) => ctx.units.find((u) => u.id === id)?.name ?? id;
  for (const [by, addresses] of [['from', message.from], ['reply-to', message.replyTo]] as const) {
    for (const { address } of addresses) {
      const ids = byAddress.get(lower(address)) ?? [];
      // One address shared by two units (a shared office mailbox): the unit the engine wrote to settles it.
      const unitId = ids.length === 1 ? ids[0] : ids.find((id) => id === threadUnit);
      if (unitId !== undefined) return { unit: { unitId, by, address: lower(address) } };
      if (ids.length > 1) {
        const names = ids.map(nameOf).join(', ');
        return { reason: { code: 'ambiguous-sender', text: `địa chỉ ${lower(address)} thuộc nhiều đơn vị (${names}) / the address belongs to several units` } };
      }
    }
  }
  const shown = message.from[0]?.address ? ` (${lower(message.from[0].address)})` : '';
  return { reason: { code: 'unknown-sender', text: `người gửi không thuộc đơn vị nào${shown} / the sender belongs to no unit` } };
}

// --- the item -------------------------------------------------------------------------------------------

/** The message the engine sent that this one answers, In-Reply-To first, then References newest first. */
function answered(message: { inReplyTo?: string; references: string[] }, ctx: MatchContext): { sent: SentMessage; by: 'in-reply-to' | 'references' } | undefined {
  const sent = new Map(ctx.sent.map((s) => [idKey(s.messageId), s]));
  const direct = message.inReplyTo && sent.get(idKey(message.inReplyTo));
  if (direct) return { sent: direct, by: 'in-reply-to' };
  for (const id of [...message.references].reverse()) {
    const hit = sent.get(idKey(id));
    if (hit) return { sent: hit, by: 'references' };
  }
  return undefined;
}

/** The item threads the message refers to, when it answers none of the engine's messages that are logged. */
function threadItems(message: { inReplyTo?: string; references: string[] }, ctx: MatchContext): { itemId: string; messageId: string; by: 'in-reply-to' | 'references' }[] {
  const roots = new Map(ctx.threads.map((t) => [idKey(t.messageId), t.itemId]));
  const found = [
    ...(message.inReplyTo ? [{ id: message.inReplyTo, by: 'in-reply-to' as const }] : []),
    ...message.references.map((id) => ({ id, by: 'references' as const })),
  ].flatMap(({ id, by }) => {
    const itemId = roots.get(idKey(id));
    return itemId === undefined ? [] : [{ itemId, messageId: id, by }];
  });
  return found.filter((f, i) => found.findIndex((g) => g.itemId === f.itemId) === i);
}

/** The item's words the subject holds, longest first: a short name, the title, in either language. */
function phraseIn(subject: string, item: MatchItem): string | undefined {
  const phrases = [item.short, item.title, item.shortEn, item.titleEn].filter((p): p is string => !!p && foldVietnamese(p).length > 0);
  return phrases.sort((a, b) => foldVietnamese(b).length - foldVietnamese(a).length).find((p) => containsPhrase(subject, p));
}

/**
 * The items the subject names. When one item's words hold another's ("Báo cáo sơ kết 6 tháng" holds
 * "Báo cáo"), the longer is meant and the shorter drops out.
 */
function itemsInSubject(subject: string, items: readonly MatchItem[]): { item: MatchItem; phrase: string }[] {
  const hits = items.flatMap((item) => {
    const phrase = phraseIn(subject, item);
    return phrase === undefined ? [] : [{ item, phrase }];
  });
  return hits.filter((h) => !hits.some((other) => other !== h && foldVietnamese(other.phrase) !== foldVietnamese(h.phrase) && containsPhrase(other.phrase, h.phrase)));
}

type ItemFinding = { item: ItemEvidence } | { reason: { code: Unmatched; text: string } };

function findItem(message: { subject: string; inReplyTo?: string; references: string[] }, ctx: MatchContext, unitId: string | undefined, thread: ReturnType<typeof answered>): ItemFinding {
  const submits = (item: MatchItem) => unitId === undefined || item.units.includes(unitId);
  const known = (id: string) => ctx.items.find((i) => i.id === id);
  const subject = subjectWithoutPrefixes(message.subject);
  const several = (items: MatchItem[], vi: string, en: string): ItemFinding => ({
    reason: { code: 'ambiguous-item', text: `${vi} (${items.map((i) => i.short ?? i.title).join('; ')}); chưa rõ mục nào / ${en}` } as const,
  });

  const fromThread: { itemId: string; messageId: string; by: 'in-reply-to' | 'references' }[] = thread
    ? thread.sent.itemIds.map((itemId) => ({ itemId, messageId: thread.sent.messageId, by: thread.by }))
    : threadItems(message, ctx);
  const candidates = fromThread.filter((c) => {
    const item = known(c.itemId);
    return item !== undefined && submits(item);
  });
  if (candidates.length === 1 && candidates[0]) return { item: candidates[0] };
  if (candidates.length > 1) {
    const items = candidates.map((c) => known(c.itemId)).filter((i): i is MatchItem => i !== undefined);
    const named = itemsInSubject(subject, items);
    if (named.length === 1 && named[0]) return { item: { itemId: named[0].item.id, by: 'subject', phrase: named[0].phrase } };
    return several(items, 'thư trả lời lời nhắc về nhiều mục', 'the message answers a reminder about several items');
  }

  const named = itemsInSubject(subject, ctx.items);
  const theirs = named.filter((n) => submits(n.item));
  if (theirs.length === 1 && theirs[0]) return { item: { itemId: theirs[0].item.id, by: 'subject', phrase: theirs[0].phrase } };
  if (theirs.length > 1) return several(theirs.map((n) => n.item), 'thư nêu nhiều mục', 'the message names several items');
  if (named.length > 0) {
    const titles = named.map((n) => n.item.short ?? n.item.title).join('; ');
    return { reason: { code: 'no-item', text: `thư nêu mục mà đơn vị không phải nộp (${titles}) / the message names an item the unit does not submit` } };
  }
  return { reason: { code: 'no-item', text: 'thư không nêu mục nào / the message names no item' } };
}

// --- the whole ------------------------------------------------------------------------------------------

export function matchMessage(message: MailboxMessage, ctx: MatchContext): MailMatch {
  if (message.status === 'unreadable') {
    return {
      status: 'unmatched',
      documents: [],
      authentication: authenticationVerdict([], undefined),
      confirmableByItself: false,
      reasons: [{ code: 'unreadable', text: `thư hỏng, không đọc được / an unreadable message: ${message.reason}` }],
    };
  }
  const thread = answered(message, ctx);
  const unitFinding = findUnit(message, ctx, thread?.sent.unitId);
  const unit = 'unit' in unitFinding ? unitFinding.unit : undefined;
  const itemFinding = findItem(message, ctx, unit?.unitId, thread);
  const item = 'item' in itemFinding ? itemFinding.item : undefined;
  const attachments = message.status === 'read' ? message.attachments : [];
  const documents = attachments.flatMap((a, index) => (looksLikeDocument(a) ? [{ index, name: a.name, type: a.type, size: a.size }] : []));

  const reasons: MailMatch['reasons'] = [];
  // Reminders say Auto-Submitted, so responders should stay quiet; those that answer anyway are not a clerk.
  if (message.autoSubmitted) {
    reasons.push({ code: 'automatic', text: `thư tự động (${message.autoSubmitted}), như thư báo vắng mặt, không phải đơn vị gửi hồ sơ / an automatic message, such as an out-of-office reply` });
  }
  if ('reason' in unitFinding) reasons.push(unitFinding.reason);
  if ('reason' in itemFinding) reasons.push(itemFinding.reason);
  if (message.status === 'too-large') {
    reasons.push({ code: 'too-large', text: `thư ${megabytes(message.size)} vượt giới hạn ${megabytes(message.limit)}, không tải về / the message is over the limit and was not downloaded` });
  } else if (documents.length === 0) {
    reasons.push({ code: 'no-document', text: 'thư không có tài liệu (PDF hoặc DOCX) / the message has no document (PDF or DOCX)' });
  }
  const authentication = authenticationVerdict(message.authenticationResults, message.from[0]?.address, ctx.trustedAuthServIds);
  const matched = reasons.length === 0;
  const suggestedUnitId = !unit && thread?.sent.unitId ? thread.sent.unitId : undefined;
  return {
    status: matched ? 'matched' : 'unmatched',
    ...(unit && { unit }),
    ...(item && { item }),
    documents,
    authentication,
    confirmableByItself: matched && authentication.verdict === 'pass',
    reasons,
    ...(suggestedUnitId && { suggestedUnitId }),
  };
}
