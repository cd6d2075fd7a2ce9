/**
 * SMTP settings from the environment. Secrets come only from SMTP_USER / SMTP_PASSWORD, never from
 * the URL, because URLs end up in logs and process listings.
 */
import { z } from 'zod';
import addressparser from 'nodemailer/lib/addressparser';

export type StartTlsPolicy = 'required' | 'opportunistic' | 'off';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, usually port 465). */
  secure: boolean;
  starttls: StartTlsPolicy;
  auth?: { user: string; pass: string };
  from: { name: string; address: string };
  ratePerSecond: number;
  poolSize: number;
  /** Connection, greeting and socket-inactivity timeout, each. */
  timeoutMs: number;
}

export class SmtpSettingsError extends Error {
  override name = 'SmtpSettingsError';
}

const DEFAULT_URL = 'smtp://127.0.0.1:2525';
const DEFAULT_FROM = 'Khối thi đua <khoi-thi-dua@localhost>';
/** Looser than z.email(): the default sender is at localhost, which has no top-level domain. */
const MAILBOX = /^[^\s@<>]+@[^\s@<>]+$/;
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

const positiveInt = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max);

/**
 * The batch activity must heartbeat at least once a minute; each SMTP wait must fail well before it,
 * so that the failure is ours (classified, retried by Temporal) rather than a bare activity timeout.
 */
const MAX_TIMEOUT_MS = 30_000;

const envSchema = z.object({
  SMTP_URL: z
    .string()
    .default(DEFAULT_URL)
    .transform((raw, ctx) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `not a URL: ${raw}` });
        return z.NEVER;
      }
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
        ctx.addIssue({ code: 'custom', message: 'must start with smtp:// or smtps://' });
        return z.NEVER;
      }
      if (url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'must not carry credentials; set SMTP_USER and SMTP_PASSWORD' });
        return z.NEVER;
      }
      const secure = url.protocol === 'smtps:';
      return { host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587, secure };
    }),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_SECURE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  SMTP_STARTTLS: z.enum(['required', 'opportunistic', 'off'], { error: 'must be required, opportunistic or off' }).default('opportunistic'),
  MAIL_FROM: z
    .string()
    .default(DEFAULT_FROM)
    .transform((raw, ctx) => {
      if (/[\r\n]/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: 'must be one line' });
        return z.NEVER;
      }
      const [first, ...rest] = addressparser(raw.normalize('NFC'), { flatten: true });
      if (!first?.address || rest.length > 0 || !MAILBOX.test(first.address)) {
        ctx.addIssue({ code: 'custom', message: 'must be one address, e.g. "Khối thi đua <khoi@example.gov.vn>"' });
        return z.NEVER;
      }
      return { name: first.name, address: first.address };
    }),
  SMTP_RATE_PER_SECOND: positiveInt(1, 1000).default(5),
  SMTP_POOL_SIZE: positiveInt(1, 50).default(2),
  SMTP_TIMEOUT_MS: positiveInt(1000, MAX_TIMEOUT_MS).default(15_000),
});

/** Reads and validates the settings; every error names the variable it comes from. */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const input = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, blank(env[k])]));
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`);
    throw new SmtpSettingsError(`invalid SMTP settings\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const fail = (message: string): never => {
    throw new SmtpSettingsError(`invalid SMTP settings\n  ${message}`);
  };

  if (e.SMTP_SECURE !== undefined && (e.SMTP_SECURE === 'true') !== e.SMTP_URL.secure) {
    fail(`SMTP_SECURE: says ${e.SMTP_SECURE} but SMTP_URL uses ${e.SMTP_URL.secure ? 'smtps://' : 'smtp://'}`);
  }
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined)) {
    fail(e.SMTP_USER === undefined ? 'SMTP_USER: required when SMTP_PASSWORD is set' : 'SMTP_PASSWORD: required when SMTP_USER is set');
  }
  const auth = e.SMTP_USER !== undefined && e.SMTP_PASSWORD !== undefined ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } : undefined;
  if (auth && !e.SMTP_URL.secure && e.SMTP_STARTTLS === 'off' && !LOOPBACK.has(e.SMTP_URL.host)) {
    fail('SMTP_STARTTLS: off would send SMTP_PASSWORD in clear text to a remote host; use required, or smtps://');
  }

  return {
    host: e.SMTP_URL.host,
    port: e.SMTP_URL.port,
    secure: e.SMTP_URL.secure,
    starttls: e.SMTP_STARTTLS,
    ...(auth ? { auth } : {}),
    from: e.MAIL_FROM,
    ratePerSecond: e.SMTP_RATE_PER_SECOND,
    poolSize: e.SMTP_POOL_SIZE,
    timeoutMs: e.SMTP_TIMEOUT_MS,
  };
}
