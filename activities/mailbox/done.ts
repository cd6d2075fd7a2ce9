/**
 * What becomes of a message once the year has accepted its record: moved to IMAP_DONE_FOLDER, or flagged with
 * a keyword where it is. Never deleted. Both are safe to repeat (a flag already set, a message already moved),
 * which is what lets a crash between recording and marking be made good by the next pass (docs/mailbox.md).
 */
import { imapClient } from './read';
import type { ImapSettings } from './settings';

export type MarkResult =
  | { status: 'marked'; uids: number[] }
  /** The folder's UIDs now name other messages: nothing was touched, since that would mark the wrong mail. */
  | { status: 'uidvalidity-changed'; uidValidity: string }
  /** The server keeps no keywords on this folder (PERMANENTFLAGS): a done folder is needed instead. */
  | { status: 'flag-refused'; reason: string };

/** A folder that exists already is as good as one made now. */
async function ensureFolder(client: ReturnType<typeof imapClient>, folder: string): Promise<void> {
  const existing = await client.list();
  if (!existing.some((f) => f.path === folder)) await client.mailboxCreate(folder);
}

export async function markDone(settings: ImapSettings, uidValidity: string, uids: readonly number[]): Promise<MarkResult> {
  if (uids.length === 0) return { status: 'marked', uids: [] };
  const client = imapClient(settings);
  await client.connect();
  try {
    if ('move' in settings.done) await ensureFolder(client, settings.done.move);
    const folder = await client.mailboxOpen(settings.folder);
    if (String(folder.uidValidity) !== uidValidity) return { status: 'uidvalidity-changed', uidValidity: String(folder.uidValidity) };
    const range = uids.join(',');
    if ('move' in settings.done) {
      await client.messageMove(range, settings.done.move, { uid: true });
    } else {
      const { flag } = settings.done;
      const kept = folder.permanentFlags;
      if (kept && !kept.has('\\*') && !kept.has(flag)) {
        return { status: 'flag-refused', reason: `máy chủ không giữ nhãn ${flag} trong thư mục ${settings.folder}; hãy đặt IMAP_DONE_FOLDER / the server keeps no such keyword here; set IMAP_DONE_FOLDER` };
      }
      await client.messageFlagsAdd(range, [flag], { uid: true });
    }
    return { status: 'marked', uids: [...uids] };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
