/** The console on a port of this machine's loopback only: a reverse proxy with TLS puts it anywhere else. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { accountsPath } from '../client/accounts';
import { createConsole } from './app';
import type { ConsoleOptions } from './console/options';
import { trustedProxiesFromEnv } from './client-address';
import { secretsFromEnv } from './security';
import { unitLinkKeysFromEnv } from '../activities/mail/unit-links';
import { uploadStoreFromEnv } from './uploads';
import { ballotKeyDir } from '../client/ballot';
import { senderFromEnv } from '../activities/mail/settings';
import { imapSettingsFromEnv } from '../activities/mailbox/settings';
import { mailboxWorkflowId } from '../workflows/mailbox-messages';

export const DEFAULT_WEB_PORT = 8234;

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export interface WebServerOptions extends ConsoleOptions {
  port: number;
}

export function webPort(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.BLOC_WEB_PORT ?? String(DEFAULT_WEB_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error('BLOC_WEB_PORT: cần số cổng từ 0 đến 65535 / expected a port from 0 to 65535');
  return port;
}

export function viewSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.BLOC_WEB_VIEW_SECONDS ?? '5';
  if (!/^\d{1,2}$/.test(text) || Number(text) > 60) throw new Error('BLOC_WEB_VIEW_SECONDS: cần số giây từ 0 đến 60 / expected seconds from 0 to 60');
  return Number(text);
}

/** The mailbox the worker reads with the same IMAP settings, for the list "Thư chưa khớp". */
function mailboxOf(env: NodeJS.ProcessEnv): Pick<WebServerOptions, 'mailbox'> {
  const imap = imapSettingsFromEnv(env);
  return imap ? { mailbox: mailboxWorkflowId(imap) } : {};
}

/**
 * The options from the environment: BLOC_WEB_PORT, BLOC_WEB_ACCOUNTS, BLOC_WEB_SECRET, BLOC_WEB_SECURE,
 * BLOC_WEB_PUBLIC_URL, BLOC_WEB_CODEC_ORIGINS (the Temporal UI's origins, comma-separated) and the unit links'
 * BLOC_UNIT_LINK_KEY (BLOC_UNIT_LINK_OLD_KEY, BLOC_UNIT_LINK_OLD_UNTIL), where attached documents go (BLOC_UPLOAD_DIR,
 * BLOC_UPLOAD_MAX_MB, BLOC_UPLOAD_LINK_DAILY_MB), where the ballot's keys are kept (BLOC_BALLOT_KEY_DIR), the sender the
 * units' calendars name (MAIL_FROM), how long a year's view may be shown again while its history has not grown
 * (BLOC_WEB_VIEW_SECONDS), the proxies whose X-Real-IP names the client (BLOC_WEB_TRUSTED_PROXIES) and the mailbox
 * whose unmatched mail it lists (IMAP_*).
 */
export function webOptionsFromEnv(client: Client, env: NodeJS.ProcessEnv = process.env): WebServerOptions {
  return {
    client,
    port: webPort(env),
    accountsFile: accountsPath(env),
    secrets: secretsFromEnv(env),
    trustedProxies: trustedProxiesFromEnv(env),
    unitLinks: unitLinkKeysFromEnv(env),
    ...(env.BLOC_WEB_PUBLIC_URL && { publicUrl: env.BLOC_WEB_PUBLIC_URL }),
    uploads: uploadStoreFromEnv(env),
    ...mailboxOf(env),
    ballotKeyDir: ballotKeyDir(env),
    viewMaxAgeMs: viewSeconds(env) * 1000,
    organizer: senderFromEnv(env),
    ...(env.BLOC_WEB_CODEC_ORIGINS && { codecOrigins: env.BLOC_WEB_CODEC_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) }),
  };
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const app = createConsole(opts);
  // Requests still being answered: a stopping console lets them finish before its Temporal client is closed.
  const answering = new Set<Promise<unknown>>();
  const fetch: typeof app.fetch = (request, env, ctx) => {
    const answer = Promise.resolve(app.fetch(request, env, ctx));
    answering.add(answer);
    void answer.finally(() => answering.delete(answer)).catch(() => undefined);
    return answer;
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: opts.port }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        async close() {
          const closed = new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done())));
          // Browsers keep connections open between pages; a stopping console waits for none of them.
          if ('closeAllConnections' in server) server.closeAllConnections();
          await Promise.allSettled([...answering]);
          await closed;
        },
      });
    });
    server.once('error', reject);
  });
}
