/**
 * One pass over the bloc's mailbox folder (imapflow, by nodemailer's author): the messages after the last UID
 * the caller has seen, at most `limit` of them, with the folder's UIDVALIDITY. The folder is opened read-only:
 * a pass changes nothing on the server, so a pass cut short by a crash is simply made again; the flag or the
 * move comes later, once the year has accepted the record (docs/mailbox.md).
 *
 * What fails the pass is the server (unreachable, refused login, a dropped connection): the caller retries it
 * whole. What fails for one message (too large, unreadable MIME, a fetch the server refuses) is that message's
 * line in the result, and the pass goes on.
 */
import { ImapFlow } from 'imapflow';
import { imapFailureReason } from './failure-reasons';
import { parseMessage, parseTooLarge } from './parse';
import type { ImapSettings } from './settings';
import type { MailboxMessage, MailboxPass } from './types';

export interface ReadOptions {
  /** The last UID already handled in this folder; 0 for none. */
  lastUid: number;
  /** The folder's UIDVALIDITY when `lastUid` was seen; a different one makes every UID new. */
  uidValidity?: string;
  /** At most this many messages a pass, so that one pass is short and its result small. Default 20. */
  limit?: number;
  /** Called after each message, for the activity's heartbeat. */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_PASS_LIMIT = 20;

/** The client for the settings: STARTTLS as the settings require it, imapflow's own logging off. */
export function imapClient(settings: ImapSettings): ImapFlow {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // true: STARTTLS or no login at all; undefined: upgrade when the server offers it (loopback only).
    doSTARTTLS: settings.secure ? undefined : settings.starttls === 'required' ? true : undefined,
    auth: { user: settings.auth.user, pass: settings.auth.pass },
    logger: false,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs * 4,
    disableAutoIdle: true,
  });
  // An 'error' event without a listener would end the process; the failure reaches the caller through the
  // command that was waiting on the connection.
  client.on('error', () => undefined);
  return client;
}

/** A refusal for one command (NO/BAD), as opposed to a connection that failed: only the former is a message's own. */
function refusedCommand(err: unknown): string | undefined {
  const e = err as { responseStatus?: string; responseText?: string; message?: string };
  return e?.responseStatus === 'NO' || e?.responseStatus === 'BAD' ? (e.responseText ?? e.message ?? e.responseStatus) : undefined;
}

async function readOne(client: ImapFlow, uid: number, size: number, maxBytes: number): Promise<MailboxMessage | undefined> {
  const tooLarge = size > maxBytes;
  try {
    const fetched = await client.fetchOne(String(uid), tooLarge ? { uid: true, headers: true } : { uid: true, source: true }, { uid: true });
    // Expunged between the listing and the fetch: it is no longer in the folder to be recorded.
    if (!fetched) return undefined;
    if (tooLarge) return await parseTooLarge(fetched.headers ?? Buffer.alloc(0), uid, size, maxBytes);
    return await parseMessage(fetched.source ?? Buffer.alloc(0), uid, size);
  } catch (err) {
    const refused = refusedCommand(err);
    if (refused === undefined) throw err;
    return { status: 'unreadable', uid, size, reason: `máy chủ IMAP không trả thư này / the IMAP server refused this message (${refused})` };
  }
}

/** The pass; a failure of the server (what `readOne` does not keep as a message's own) worded for the secretariat. */
export async function readMailbox(settings: ImapSettings, options: ReadOptions): Promise<MailboxPass> {
  try {
    return await readFolder(settings, options);
  } catch (err) {
    throw new Error(imapFailureReason(err, settings.folder), { cause: err });
  }
}

async function readFolder(settings: ImapSettings, options: ReadOptions): Promise<MailboxPass> {
  const limit = options.limit ?? DEFAULT_PASS_LIMIT;
  const client = imapClient(settings);
  await client.connect();
  try {
    const folder = await client.mailboxOpen(settings.folder, { readOnly: true });
    const uidValidity = String(folder.uidValidity);
    const uidValidityChanged = options.uidValidity !== undefined && options.uidValidity !== uidValidity;
    const after = uidValidityChanged ? 0 : options.lastUid;
    const waiting: { uid: number; size: number }[] = [];
    if (folder.exists > 0) {
      // `n:*` names the folder's last message even when its UID is below n (RFC 3501 §6.4.8): filter after.
      for await (const m of client.fetch(`${after + 1}:*`, { uid: true, size: true }, { uid: true })) {
        if (m.uid > after) waiting.push({ uid: m.uid, size: m.size ?? 0 });
      }
    }
    waiting.sort((a, b) => a.uid - b.uid);
    const batch = waiting.slice(0, limit);
    const messages: MailboxMessage[] = [];
    for (const [i, { uid, size }] of batch.entries()) {
      const message = await readOne(client, uid, size, settings.maxMessageBytes);
      if (message) messages.push(message);
      options.onProgress?.(i + 1, batch.length);
    }
    return {
      folder: settings.folder,
      uidValidity,
      uidValidityChanged,
      messages,
      lastUid: batch.at(-1)?.uid ?? after,
      more: waiting.length > batch.length,
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
