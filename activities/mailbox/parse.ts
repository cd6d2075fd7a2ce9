/**
 * One message's bytes as the matcher reads them (mailparser, by nodemailer's author). A message that cannot
 * be read comes back as `unreadable` with the reason: a pass over the mailbox must never stop at one bad
 * message, and the secretariat must see which one it was.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { MailAddress, MailAttachment, MailboxMessage, MailHeaders } from './types';

/** The options that keep parsing to what the matcher reads: no HTML rendering, no link rewriting. */
const PARSER_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  // A group ("Phòng TĐKT: a@x, b@x;") lists its members inside; they are the addresses.
  const flat = objects.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat.flatMap((a) => (a.address ? [{ name: a.name ?? '', address: a.address }] : []));
}

/** Message-IDs as `<…>` tokens: mailparser gives References as one string or a list, as the header had it. */
function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

/** Every Authentication-Results header, in the message's order (topmost first), unfolded, without its name. */
function authenticationResults(parsed: ParsedMail): string[] {
  return parsed.headerLines
    .filter((h) => h.key === 'authentication-results')
    .map((h) => h.line.replace(/^[^:]*:\s*/, '').replace(/\r?\n[ \t]+/g, ' ').trim());
}

function headersOf(parsed: ParsedMail, uid: number, size: number): MailHeaders {
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined;
  const [inReplyTo] = messageIds(parsed.inReplyTo);
  const auto = String(parsed.headers.get('auto-submitted') ?? '').trim().toLowerCase().split(/[\s;(]/)[0];
  return {
    uid,
    size,
    ...(parsed.messageId && { messageId: parsed.messageId }),
    from: addresses(parsed.from),
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    ...(inReplyTo && { inReplyTo }),
    references: messageIds(parsed.references),
    authenticationResults: authenticationResults(parsed),
    ...(date && { date }),
    ...(auto && auto !== 'no' && { autoSubmitted: auto }),
  };
}

/**
 * Damage the parser passes over quietly but that leaves the message meaningless: a multipart message whose
 * parts cannot be found (no boundary, or a boundary that never occurs). A message without a From is read: the
 * matcher says its sender belongs to no unit.
 */
function damage(parsed: ParsedMail, raw: Buffer): string | undefined {
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase().startsWith('multipart/')) {
    const boundary = contentType.params?.boundary;
    if (!boundary) return 'thư nhiều phần nhưng không khai báo ranh giới giữa các phần / a multipart message without a boundary';
    if (!raw.includes(`--${boundary}`)) return 'thư nhiều phần nhưng không tìm thấy phần nào (ranh giới không xuất hiện) / a multipart message whose parts are missing';
  }
  return undefined;
}

const unreadable = (uid: number, size: number, reason: string, messageId?: string): MailboxMessage => ({
  status: 'unreadable',
  uid,
  size,
  reason,
  ...(messageId && { messageId }),
});

/** A whole message's bytes. */
export async function parseMessage(raw: Buffer, uid: number, size: number): Promise<MailboxMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, PARSER_OPTIONS);
  } catch (err) {
    return unreadable(uid, size, `không phân tích được MIME / the MIME could not be parsed (${(err as Error).message})`);
  }
  const problem = damage(parsed, raw);
  if (problem) return unreadable(uid, size, problem, parsed.messageId);
  const attachments: MailAttachment[] = parsed.attachments.map((a) => ({
    name: a.filename ?? '',
    type: a.contentType.toLowerCase(),
    size: a.content.length,
    bytes: a.content,
  }));
  return { status: 'read', ...headersOf(parsed, uid, size), attachments };
}

/** Only the header block of a message too large to download: who sent it and what it answers, and its size. */
export async function parseTooLarge(headerBlock: Buffer, uid: number, size: number, limit: number): Promise<MailboxMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(Buffer.concat([headerBlock, Buffer.from('\r\n\r\n')]), PARSER_OPTIONS);
  } catch (err) {
    return unreadable(uid, size, `không đọc được phần đầu thư / the headers could not be read (${(err as Error).message})`);
  }
  return { status: 'too-large', limit, ...headersOf(parsed, uid, size) };
}
