/**
 * SMTP settings from the environment. Secrets come only from SMTP_USER / SMTP_PASSWORD, never from
 * the URL, because URLs end up in logs and process listings. The messages here are printed by the
 * worker and by `npm start`, so none carries the value of either variable, nor the user-info part of a
 * URL: that is masked as `***`.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { EnvironmentProblems } from '../../config/errors';
import { effectiveStartTls, loginNeedsStartTls, type StartTlsPolicy } from './tls';

export interface SmtpSettings {
  /** As a socket takes it: `::1`, not `[::1]`. */
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, usually port 465). */
  secure: boolean;
  /** As applied: `required` whenever the login needs TLS (activities/mail/tls.ts). */
  starttls: StartTlsPolicy;
  auth?: { user: string; pass: string };
  from: { name: string; address: string };
  /**
   * What the relay allows, in total across every worker (`SMTP_RATE`), as messages per second; absent when it
   * sets no limit. The mail workers' task queue is limited to it by the Temporal server (worker/mail-worker.ts).
   */
  rate?: MailRate;
  poolSize: number;
  /** Connection, greeting and socket-inactivity timeout, each. */
  timeoutMs: number;
}

export interface MailRate {
  perSecond: number;
  /** As it was written: `30/min`, `5/s`. */
  text: string;
}

/** One line per problem, `VARIABLE: lý do / reason`, so that the message can be printed as it stands. */
export class SmtpSettingsError extends EnvironmentProblems {
  override name = 'SmtpSettingsError';
}

type Variable =
  | 'SMTP_URL'
  | 'SMTP_USER'
  | 'SMTP_PASSWORD'
  | 'SMTP_SECURE'
  | 'SMTP_STARTTLS'
  | 'MAIL_FROM'
  | 'SMTP_RATE'
  | 'SMTP_RATE_PER_SECOND'
  | 'SMTP_POOL_SIZE'
  | 'SMTP_TIMEOUT_MS';

const DEFAULT_URL = 'smtp://127.0.0.1:2525';
const DEFAULT_FROM = 'Khối thi đua <khoi-thi-dua@localhost>';
/** Looser than an e-mail validator: the default sender is at localhost, which has no top-level domain. */
const MAILBOX = /^[^\s@<>]+@[^\s@<>]+$/;
const POLICIES: readonly StartTlsPolicy[] = ['required', 'opportunistic', 'off'];

/**
 * The batch activity must heartbeat at least once a minute; each SMTP wait must fail well before it,
 * so that the failure is ours (classified, retried by Temporal) rather than a bare activity timeout.
 */
const MAX_TIMEOUT_MS = 30_000;

/**
 * Everything before the last `@` may be a user name or a password, and a password may hold `/`, `?` or
 * `#`, so the mask reaches that far even in a string that is not a valid URL.
 */
export function maskUserinfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, (_all, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/** Where the mail goes, fit to print: never a credential. */
export function describeSmtpServer(s: SmtpSettings): string {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const tls = s.secure ? 'TLS' : `STARTTLS ${s.starttls}`;
  return `${s.secure ? 'smtps' : 'smtp'}://${host}:${s.port} (${tls}${s.auth ? ', with login' : ''})`;
}

class Problems {
  readonly lines: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** An empty or blank variable means "not set", as shells and .env files usually intend. */
  raw(name: Variable): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  add(name: Variable, vi: string, en: string): undefined {
    this.lines.push(`${name}: ${vi} / ${en}`);
    return undefined;
  }
}

interface Endpoint {
  host: string;
  port: number;
  secure: boolean;
}

function readUrl(p: Problems): Endpoint | undefined {
  const raw = p.raw('SMTP_URL') ?? DEFAULT_URL;
  const shown = `"${maskUserinfo(raw)}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return p.add('SMTP_URL', `${shown} không phải là URL; cần dạng smtp://máy-chủ:cổng hoặc smtps://máy-chủ:cổng`, 'is not a URL; expected smtp://host:port or smtps://host:port');
  }
  if (url.username || url.password) {
    return p.add('SMTP_URL', `${shown} không được chứa tên đăng nhập hay mật khẩu; hãy đặt SMTP_USER và SMTP_PASSWORD`, 'must not carry a user name or password; set SMTP_USER and SMTP_PASSWORD');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return p.add('SMTP_URL', `${shown} phải bắt đầu bằng smtp:// hoặc smtps://`, 'must start with smtp:// or smtps://');
  }
  if (!url.hostname) return p.add('SMTP_URL', `${shown} thiếu tên máy chủ`, 'has no host name');
  if (url.port === '0') return p.add('SMTP_URL', `${shown} có cổng 0; cổng phải từ 1 đến 65535`, 'has port 0; a port is from 1 to 65535');
  const secure = url.protocol === 'smtps:';
  return {
    // The URL keeps an IPv6 address in brackets; a socket wants it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
  };
}

function readWholeNumber(p: Problems, name: Variable, range: { min: number; max: number; fallback: number; unit?: [vi: string, en: string] }): number | undefined {
  const raw = p.raw(name);
  if (raw === undefined) return range.fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (n >= range.min && n <= range.max) return n;
  const [vi, en] = range.unit ? [` (${range.unit[0]})`, ` (${range.unit[1]})`] : ['', ''];
  return p.add(name, `phải là số nguyên từ ${range.min} đến ${range.max}${vi}`, `must be a whole number from ${range.min} to ${range.max}${en}`);
}

/** `5/s`, `30/min`, `1200/h` or `none`; from one an hour to a thousand a second. */
function readRate(p: Problems): MailRate | undefined | null {
  if (p.raw('SMTP_RATE_PER_SECOND') !== undefined) {
    p.add('SMTP_RATE_PER_SECOND', 'không còn dùng; hãy đặt SMTP_RATE, ví dụ 5/s hoặc 30/min', 'no longer read; set SMTP_RATE, e.g. 5/s or 30/min');
    return null;
  }
  const raw = p.raw('SMTP_RATE') ?? '5/s';
  if (raw === 'none') return undefined;
  const match = /^(\d{1,7})\s*\/\s*(s|min|h)$/.exec(raw);
  const perSecond = match ? Number(match[1]) / { s: 1, min: 60, h: 3600 }[match[2] as 's' | 'min' | 'h'] : NaN;
  if (perSecond >= 1 / 3600 && perSecond <= 1000) return { perSecond, text: raw.replace(/\s+/g, '') };
  p.add(
    'SMTP_RATE',
    `"${raw}": cần dạng số/s, số/min hoặc số/h, từ 1/h đến 1000/s, hoặc none (không giới hạn)`,
    `expected N/s, N/min or N/h, from 1/h to 1000/s, or none (no limit)`,
  );
  return null;
}

function readFrom(p: Problems): SmtpSettings['from'] | undefined {
  const raw = p.raw('MAIL_FROM') ?? DEFAULT_FROM;
  if (/[\r\n]/.test(raw)) return p.add('MAIL_FROM', 'phải nằm trên một dòng', 'must be one line');
  const [first, ...rest] = addressparser(raw.normalize('NFC'), { flatten: true });
  if (!first?.address || rest.length > 0 || !MAILBOX.test(first.address)) {
    const example = '"Khối thi đua <khoi@example.gov.vn>"';
    return p.add('MAIL_FROM', `phải là đúng một địa chỉ, ví dụ ${example}`, `must be one address, e.g. ${example}`);
  }
  return { name: first.name, address: first.address };
}

function readAuth(p: Problems): SmtpSettings['auth'] | undefined {
  const user = p.raw('SMTP_USER');
  const pass = p.raw('SMTP_PASSWORD');
  if (user === undefined && pass !== undefined) return p.add('SMTP_USER', 'cần đặt khi có SMTP_PASSWORD', 'required when SMTP_PASSWORD is set');
  if (user !== undefined && pass === undefined) return p.add('SMTP_PASSWORD', 'cần đặt khi có SMTP_USER', 'required when SMTP_USER is set');
  return user !== undefined && pass !== undefined ? { user, pass } : undefined;
}

/** The sender alone (MAIL_FROM): the console's calendar names it as the entries' organizer, as the mail's do. */
export function senderFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings['from'] {
  const p = new Problems(env);
  const from = readFrom(p);
  if (!from) throw new Error(p.lines.join('\n'));
  return from;
}

/** Reads and checks the settings; the error lists every problem at once, each by its variable. */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  const p = new Problems(env);
  const endpoint = readUrl(p);
  const auth = readAuth(p);

  const secureRaw = p.raw('SMTP_SECURE');
  if (secureRaw !== undefined && secureRaw !== 'true' && secureRaw !== 'false') {
    p.add('SMTP_SECURE', 'phải là true hoặc false', 'must be true or false');
  } else if (secureRaw !== undefined && endpoint && (secureRaw === 'true') !== endpoint.secure) {
    const scheme = endpoint.secure ? 'smtps://' : 'smtp://';
    p.add('SMTP_SECURE', `là ${secureRaw} nhưng SMTP_URL dùng ${scheme}`, `says ${secureRaw} but SMTP_URL uses ${scheme}`);
  }

  const policyRaw = p.raw('SMTP_STARTTLS') ?? 'opportunistic';
  const policy = POLICIES.find((v) => v === policyRaw);
  if (policy === undefined) {
    p.add('SMTP_STARTTLS', 'phải là required, opportunistic hoặc off', 'must be required, opportunistic or off');
  } else if (policy === 'off' && endpoint && auth && loginNeedsStartTls({ ...endpoint, auth })) {
    // `opportunistic` is quietly made `required` (tls.ts); `off` says the opposite of what the rule
    // demands, so the person who wrote it must choose.
    p.add(
      'SMTP_STARTTLS',
      `off sẽ gửi mật khẩu không mã hóa tới ${endpoint.host}, không phải máy này; hãy dùng required, hoặc smtps://`,
      `off would send the password unencrypted to ${endpoint.host}, which is not this machine; use required, or smtps://`,
    );
  }

  const from = readFrom(p);
  const rate = readRate(p);
  const poolSize = readWholeNumber(p, 'SMTP_POOL_SIZE', { min: 1, max: 50, fallback: 2 });
  const timeoutMs = readWholeNumber(p, 'SMTP_TIMEOUT_MS', { min: 1000, max: MAX_TIMEOUT_MS, fallback: 15_000, unit: ['mili giây', 'milliseconds'] });

  // Each reader that returns undefined has added its problem, so the list is never empty here.
  if (!endpoint || !policy || !from || rate === null || poolSize === undefined || timeoutMs === undefined || p.lines.length > 0) {
    throw new SmtpSettingsError(p.lines);
  }
  return {
    ...endpoint,
    starttls: effectiveStartTls({ ...endpoint, starttls: policy, auth }),
    ...(auth ? { auth } : {}),
    from,
    ...(rate && { rate }),
    poolSize,
    timeoutMs,
  };
}
