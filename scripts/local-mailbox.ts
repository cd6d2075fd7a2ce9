/**
 * `npm start`'s mail as a real mailbox: GreenMail on loopback, taking the engine's mail on SMTP_PORT and serving
 * it over IMAP on IMAP_PORT, so that people open the units' mail and the bloc's mailbox with any mail client, and
 * the engine reads the bloc's mailbox as it would a real one (docs/mailbox.md). The bloc's login is made for this
 * run; a unit's mailbox is made by GreenMail when its first message arrives, with its address as login and password.
 */
import { randomBytes } from 'node:crypto';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { startGreenMail } from './greenmail';
import { portAnswers } from './ports';

export interface LocalMailbox {
  smtpPort: number;
  imapPort: number;
  /** The bloc's address (MAIL_FROM's): where units reply. */
  address: string;
  /** What IMAP_URL, IMAP_USER and IMAP_PASSWORD are for this run. */
  env: { IMAP_URL: string; IMAP_USER: string; IMAP_PASSWORD: string };
  /** Delivers a message as a unit's mail client would. */
  send(mail: SendMailOptions): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startLocalMailbox(opts: { jar: string; smtpPort: number; imapPort: number; address: string }): Promise<LocalMailbox> {
  for (const [name, port] of [['SMTP_PORT', opts.smtpPort], ['IMAP_PORT', opts.imapPort]] as const) {
    if (await portAnswers(port)) throw new Error(`port ${port} is already in use: set ${name} to another port`);
  }
  const login = opts.address.split('@')[0] ?? '';
  const password = randomBytes(12).toString('base64url');
  const server = await startGreenMail(opts.jar, { smtpPort: opts.smtpPort, imapPort: opts.imapPort, users: [{ login, password, address: opts.address }] });
  // GreenMail offers no STARTTLS on loopback; the engine's own rule allows that on loopback only.
  const smtp = createTransport({ host: '127.0.0.1', port: opts.smtpPort, secure: false, ignoreTLS: true });
  return {
    smtpPort: opts.smtpPort,
    imapPort: opts.imapPort,
    address: opts.address,
    env: { IMAP_URL: `imap://127.0.0.1:${opts.imapPort}`, IMAP_USER: login, IMAP_PASSWORD: password },
    send: (mail) => smtp.sendMail(mail),
    stop: async () => {
      smtp.close();
      await server.stop();
    },
  };
}
