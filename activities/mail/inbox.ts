/**
 * The local inbox of `npm start`: an SMTP server on loopback that writes each message to
 * `<dir>/<timestamp>-<message-id>.eml`. It dedupes by Message-ID, as a careful receiver would, so
 * the resend after a dropped 250 (see activities/index.ts) shows up once.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LocalInbox {
  port: number;
  close(): Promise<void>;
}

/** Message-ID as a file-name fragment: angle brackets gone, anything outside [A-Za-z0-9.@_-] replaced. */
export function fileSafeId(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9.@_-]/g, '_').slice(0, 200);
}

/** The header block ends at the first empty line; a Message-ID header may be folded onto the next line. */
function messageIdOf(raw: Buffer): string | undefined {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = /^message-id:\s*(<[^>]*>|\S+)/im.exec(head.replace(/\r?\n[ \t]+/g, ' '));
  return match?.[1];
}

export async function startLocalInbox(opts: { dir: string; host?: string; port?: number }): Promise<LocalInbox> {
  await mkdir(opts.dir, { recursive: true });
  // What an earlier run stored counts too: a retry can cross a restart of `npm start`.
  const stored = new Set(
    (await readdir(opts.dir)).filter((f) => f.endsWith('.eml')).map((f) => f.slice(f.indexOf('-') + 1, -'.eml'.length)),
  );

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // The default waits 30 s for the client's idle pooled connections before closing them.
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const id = fileSafeId(messageIdOf(raw) ?? `no-id.${Date.now()}`);
        if (stored.has(id)) return callback(null, 'OK: duplicate Message-ID, already stored');
        stored.add(id);
        const stamp = new Date().toISOString().replace(/[-:.]/g, '');
        writeFile(path.join(opts.dir, `${stamp}-${id}.eml`), raw).then(
          () => callback(null, 'OK: stored'),
          (err: Error) => {
            stored.delete(id);
            callback(err);
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 2525, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
