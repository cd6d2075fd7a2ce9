/**
 * A real SMTP server on loopback for tests (smtp-server, parsed with mailparser), with the faults a
 * real mail server produces on demand: a refused recipient, a temporary failure, and the worst one,
 * a message accepted and then the connection dropped before the client could read the 250.
 * It never offers STARTTLS. With `login: true` it demands AUTH and takes it in clear, as a relay that
 * strips STARTTLS would: what it records is what such a relay would have learnt.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  /** Envelope recipients as the server accepted them at RCPT TO. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  /** Every text/calendar part, the icalEvent alternative included, as text. */
  calendars: string[];
  /** A header by lower-case name, as text ('' when absent). */
  header(name: string): string;
  /** True when the server stored it and then dropped the connection instead of answering 250. */
  dropped: boolean;
  /** When the server had the whole message (this process's clock, ms). */
  arrivedAt: number;
}

export interface LoginAttempt {
  method: string;
  username: string;
  password: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** In arrival order, dropped-after-accept copies included. */
  messages: ReceivedMessage[];
  /** The verb of every command the server read (EHLO, STARTTLS, AUTH, MAIL, ...), in order, from every client. */
  commands: string[];
  /** Every AUTH exchange that reached its end, accepted or not (only with `login: true`). */
  logins: LoginAttempt[];
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /** Answer RCPT TO for this address with `code` (default 550) from now on. */
  refuse(address: string, code?: number): void;
  /** Answer the end of DATA with `code` (default 451) for the next `n` messages, storing none of them. */
  failNext(n: number, code?: number): void;
  /** Store the next `n` messages, then destroy the socket instead of answering 250. */
  dropAfterAccept(n: number): void;
  /** Forget messages and faults, for a server shared between tests. */
  reset(): void;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

async function toReceived(raw: Buffer, session: SMTPServerSession, dropped: boolean): Promise<ReceivedMessage> {
  const parsed = await simpleParser(raw);
  const calendars = parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar')).map((a) => a.content.toString('utf8'));
  const from = session.envelope.mailFrom;
  return {
    envelope: { from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
    raw,
    parsed,
    messageId: parsed.messageId,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || '',
    calendars,
    header: (name) => {
      const v = parsed.headers.get(name.toLowerCase());
      return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    },
    dropped,
    arrivedAt: Date.now(),
  };
}

/**
 * smtp-server reports each command it reads to its logger at debug level (`tnx: 'command'`, the verb in
 * `command`; AUTH arguments already redacted). A test that looks for an absent command should also see a
 * present one (EHLO) in the same list, which proves the recording works.
 */
function commandRecorder(commands: string[]): Exclude<SMTPServerOptions['logger'], boolean | undefined> {
  const record = (entry: unknown) => {
    const e = entry as { tnx?: unknown; command?: unknown } | null;
    if (e?.tnx === 'command' && typeof e.command === 'string') commands.push(e.command.toUpperCase());
  };
  const ignore = () => undefined;
  return { level: ignore, trace: ignore, debug: record, info: ignore, warn: ignore, error: ignore, fatal: ignore };
}

export interface TestSmtpServerOptions {
  /** Default 127.0.0.1. 127.0.0.2 stands for a remote relay: the engine treats only 127.0.0.1, ::1 and localhost as loopback. */
  host?: string;
  port?: number;
  /** Offer AUTH PLAIN and LOGIN without TLS, require it before MAIL FROM, accept any credentials and record them. */
  login?: boolean;
}

export async function startTestSmtpServer(opts: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const host = opts.host ?? '127.0.0.1';
  const messages: ReceivedMessage[] = [];
  const commands: string[] = [];
  const logins: LoginAttempt[] = [];
  const arrivals = new EventEmitter();
  const refused = new Map<string, number>();
  let failing = { n: 0, code: 451 };
  let dropping = 0;

  const server: SMTPServer = new SMTPServer({
    ...(opts.login
      ? {
          authOptional: false,
          authMethods: ['PLAIN', 'LOGIN'],
          disabledCommands: ['STARTTLS'],
          allowInsecureAuth: true,
          onAuth(auth, _session, callback) {
            logins.push({ method: auth.method, username: auth.username ?? '', password: auth.password ?? '' });
            callback(null, { user: auth.username });
          },
        }
      : { authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'] }),
    logger: commandRecorder(commands),
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      const code = refused.get(address.address.toLowerCase());
      callback(code === undefined ? null : smtpError(code, `mailbox ${address.address} unavailable`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (failing.n > 0) {
          failing.n -= 1;
          return callback(smtpError(failing.code, 'try again later'));
        }
        const drop = dropping > 0;
        if (drop) dropping -= 1;
        // Record before answering: whatever happens to the socket, the server has the message.
        toReceived(raw, session, drop).then(
          (m) => {
            messages.push(m);
            arrivals.emit('message');
            if (!drop) return callback(null, 'OK: queued');
            const connection = [...server.connections].find((c) => c.id === session.id);
            connection?._socket.destroy();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    messages,
    commands,
    logins,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          arrivals.off('message', check);
          resolve(messages.slice(0, n));
        };
        const timer = setTimeout(() => {
          arrivals.off('message', check);
          reject(new Error(`expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        arrivals.on('message', check);
        check();
      });
    },
    refuse(address, code = 550) {
      refused.set(address.toLowerCase(), code);
    },
    failNext(n, code = 451) {
      failing = { n, code };
    },
    dropAfterAccept(n) {
      dropping = n;
    },
    reset() {
      messages.length = 0;
      commands.length = 0;
      logins.length = 0;
      refused.clear();
      failing = { n: 0, code: 451 };
      dropping = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of server.connections) c._socket.destroy();
      });
    },
  };
}
