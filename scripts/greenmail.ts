/**
 * GreenMail (one Java process serving SMTP and IMAP, no root) on loopback: started from the jar provisioned by
 * scripts/provision.ts, ready once both ports answer, stopped with SIGTERM and, if it lingers, SIGKILL. Mail
 * lives in its memory: a restart empties it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { waitForPort } from './ports';

export interface GreenMailUser {
  /** What IMAP's LOGIN takes. */
  login: string;
  password: string;
  /** The user's address: SMTP delivers to it, IMAP reads it as the user's INBOX. */
  address: string;
}

export interface GreenMailOptions {
  host?: string;
  smtpPort: number;
  imapPort: number;
  users: readonly GreenMailUser[];
  /** For the start; the JVM takes 1–3 s on two cores. Default 30 s. */
  timeoutMs?: number;
}

export interface GreenMail {
  host: string;
  smtpPort: number;
  imapPort: number;
  /** Ends the process and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

export class GreenMailError extends Error {}

/**
 * `login:password@domain` is GreenMail's own list syntax (`greenmail.users`); a `,` or `:` inside a value
 * would split it elsewhere, and `@` in the login would be read as the domain.
 */
function userSpec(u: GreenMailUser): string {
  const [local, domain] = u.address.split('@');
  if (!local || !domain || /[,:@\s]/.test(u.login) || /[,:\s]/.test(u.password)) {
    throw new GreenMailError(`GreenMail user "${u.login}": the login, password and address must not hold , : or spaces`);
  }
  if (local !== u.login) throw new GreenMailError(`GreenMail user "${u.login}": GreenMail makes the address login@domain, not ${u.address}`);
  return `${u.login}:${u.password}@${domain}`;
}

export function greenMailArgs(jar: string, o: GreenMailOptions): string[] {
  const host = o.host ?? '127.0.0.1';
  return [
    // A test server: the quick JIT tier and the serial collector start it sooner and leave the cores to the tests.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xmx512m',
    `-Dgreenmail.smtp.hostname=${host}`,
    `-Dgreenmail.smtp.port=${o.smtpPort}`,
    `-Dgreenmail.imap.hostname=${host}`,
    `-Dgreenmail.imap.port=${o.imapPort}`,
    `-Dgreenmail.users=${o.users.map(userSpec).join(',')}`,
    '-jar',
    jar,
  ];
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

export async function startGreenMail(jar: string, options: GreenMailOptions): Promise<GreenMail> {
  const host = options.host ?? '127.0.0.1';
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  const child = spawn(java, greenMailArgs(jar, options), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (err) => reject(new GreenMailError(`GreenMail did not start: ${err.message}`)));
    child.once('exit', (code) => reject(new GreenMailError(`GreenMail exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`)));
  });
  exited.catch(() => undefined);
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    await Promise.race([Promise.all([waitForPort(options.smtpPort, timeoutMs, host), waitForPort(options.imapPort, timeoutMs, host)]), exited]);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { host, smtpPort: options.smtpPort, imapPort: options.imapPort, stop: () => stopProcess(child) };
}
