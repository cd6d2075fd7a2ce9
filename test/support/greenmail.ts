/**
 * A real IMAP server for the mailbox tests: GreenMail, provisioned once (scripts/provision.ts) and started per
 * test file on free loopback ports, with the bloc's mailbox as its one user. Mail goes in by its SMTP port
 * (nodemailer, or raw bytes for messages no library would write) and is read back over IMAP.
 */
import { createTransport, type Transporter } from 'nodemailer';
import { startGreenMail, type GreenMail } from '../../scripts/greenmail';
import { freePort } from '../../scripts/ports';
import { ensureGreenMail } from '../../scripts/provision';
import type { ImapSettings } from '../../activities/mailbox/settings';
import { DONE_FLAG } from '../../activities/mailbox/settings';

export interface TestMailbox {
  server: GreenMail;
  /** The bloc's address: what units write to and reply to. */
  address: string;
  /** Settings that read this mailbox's INBOX on loopback. */
  settings(overrides?: Partial<ImapSettings>): ImapSettings;
  /** SMTP into the mailbox (GreenMail delivers to its users whatever the sender). */
  smtp: Transporter;
  /** Delivers bytes as they are, through SMTP: for a malformed message no mail library would write. */
  deliverRaw(from: string, raw: string | Buffer): Promise<void>;
  /** Stops the server and starts another on the same ports: the mail it held is gone, as after a real restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const LOGIN = 'khoi4';
const PASSWORD = 'mat-khau-thu';
const DOMAIN = 'khoi4.local';

export async function startTestMailbox(): Promise<TestMailbox> {
  const jar = await ensureGreenMail((line) => process.stderr.write(`${line}\n`));
  const [smtpPort, imapPort] = [await freePort(), await freePort()];
  const address = `${LOGIN}@${DOMAIN}`;
  const options = { smtpPort, imapPort, users: [{ login: LOGIN, password: PASSWORD, address }] };
  let server = await startGreenMail(jar, options);
  // GreenMail offers no STARTTLS on its plain port; nothing here needs it.
  const smtp = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  return {
    get server() {
      return server;
    },
    address,
    settings: (overrides = {}) => ({
      host: '127.0.0.1',
      port: imapPort,
      secure: false,
      starttls: 'opportunistic',
      auth: { user: LOGIN, pass: PASSWORD },
      folder: 'INBOX',
      done: { flag: DONE_FLAG },
      maxMessageBytes: 25 * 1024 * 1024,
      timeoutMs: 10_000,
      ...overrides,
    }),
    smtp,
    // nodemailer's `raw` sends the bytes as given, only dot-stuffed.
    deliverRaw: async (from, raw) => {
      await smtp.sendMail({ envelope: { from, to: [address] }, raw });
    },
    restart: async () => {
      await server.stop();
      server = await startGreenMail(jar, options);
    },
    stop: async () => {
      smtp.close();
      await server.stop();
    },
  };
}

