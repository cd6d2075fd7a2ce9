/**
 * The bloc's mailbox over IMAP, from the environment: where it is (IMAP_URL), the login (IMAP_USER,
 * IMAP_PASSWORD), the folder read (IMAP_FOLDER) and where a processed message goes (IMAP_DONE_FOLDER, else a
 * keyword flag on it). Like SMTP (activities/mail/settings.ts): the login never rides in the URL, travels
 * only over TLS unless the server is this machine, and no message here carries the user, the password or the
 * URL's user part. Without IMAP_URL the mailbox is not read at all.
 */
import { z } from 'zod';
import { EnvironmentProblems } from '../../config/errors';
import { maskUserinfo } from '../mail/settings';
import { isCanonicalLoopback } from '../mail/tls';

export interface ImapSettings {
  /** As a socket takes it: `::1`, not `[::1]`. */
  host: string;
  port: number;
  /** Implicit TLS from the first byte (imaps://, usually port 993). */
  secure: boolean;
  /**
   * With imap://: STARTTLS required before the login (anywhere but loopback), or used only if offered. A
   * server that strips STARTTLS from its capabilities would otherwise get the password in clear.
   */
  starttls: 'required' | 'opportunistic';
  auth: { user: string; pass: string };
  /** The folder read, INBOX unless IMAP_FOLDER says otherwise. */
  folder: string;
  /** What becomes of a message once its record is accepted: moved to a folder, or flagged where it is. */
  done: { move: string } | { flag: string };
  /** A message larger than this is reported with its size and not downloaded. */
  maxMessageBytes: number;
  /** Connection, greeting and socket-inactivity timeout, each. */
  timeoutMs: number;
}

/** One line per problem, `VARIABLE: lý do / reason`, as for SMTP. */
export class ImapSettingsError extends EnvironmentProblems {
  override name = 'ImapSettingsError';
}

/**
 * The keyword set on a processed message when no done folder is named. A keyword (RFC 3501 flag without a
 * backslash) rather than \Seen or \Flagged, which belong to the people who read the mailbox too.
 */
export const DONE_FLAG = '$BlocRecorded';
export const DEFAULT_MAX_MESSAGE_MB = 25;
const MAX_FOLDER_LENGTH = 200;

/** `lý do / reason`; the variable is put before it from zod's path. */
const says = (vi: string, en: string) => `${vi} / ${en}`;

/** An empty or blank variable means "not set", as shells and .env files usually intend. */
const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().optional());

/** A folder name: one line, no control characters; IMAP's own encoding of non-ASCII names is imapflow's job. */
const folderSchema = z
  .string()
  .max(MAX_FOLDER_LENGTH, says(`dài quá ${MAX_FOLDER_LENGTH} ký tự`, `longer than ${MAX_FOLDER_LENGTH} characters`))
  .regex(/^[^\u0000-\u001f\u007f]+$/, says('phải nằm trên một dòng, không có ký tự điều khiển', 'must be one line, without control characters'));

function wholeNumber(min: number, max: number, unit: [vi: string, en: string]) {
  return z
    .string()
    .regex(/^\d{1,9}$/, says(`phải là số nguyên từ ${min} đến ${max} (${unit[0]})`, `must be a whole number from ${min} to ${max} (${unit[1]})`))
    .transform(Number)
    .refine((n) => n >= min && n <= max, says(`phải là số nguyên từ ${min} đến ${max} (${unit[0]})`, `must be a whole number from ${min} to ${max} (${unit[1]})`));
}

interface Endpoint {
  host: string;
  port: number;
  secure: boolean;
}

/** The URL as an endpoint, or one problem; shown with its user part masked, since it may hold a password. */
function endpointOf(raw: string): Endpoint | string {
  const shown = `"${maskUserinfo(raw)}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return says(`${shown} không phải là URL; cần dạng imap://máy-chủ:cổng hoặc imaps://máy-chủ:cổng`, 'is not a URL; expected imap://host:port or imaps://host:port');
  }
  if (url.username || url.password) {
    return says(`${shown} không được chứa tên đăng nhập hay mật khẩu; hãy đặt IMAP_USER và IMAP_PASSWORD`, 'must not carry a user name or password; set IMAP_USER and IMAP_PASSWORD');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') return says(`${shown} phải bắt đầu bằng imap:// hoặc imaps://`, 'must start with imap:// or imaps://');
  if (!url.hostname) return says(`${shown} thiếu tên máy chủ`, 'has no host name');
  if (url.port === '0') return says(`${shown} có cổng 0; cổng phải từ 1 đến 65535`, 'has port 0; a port is from 1 to 65535');
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    return says(`${shown} chỉ gồm máy chủ và cổng; thư mục đặt ở IMAP_FOLDER`, 'holds only the host and port; the folder goes in IMAP_FOLDER');
  }
  const secure = url.protocol === 'imaps:';
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : secure ? 993 : 143, secure };
}

const envSchema = z.object({
  IMAP_URL: optional.transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const endpoint = endpointOf(raw);
    if (typeof endpoint === 'string') {
      ctx.addIssue({ code: 'custom', message: endpoint });
      return z.NEVER;
    }
    return endpoint;
  }),
  // Never echoed: the messages below say only whether it is there.
  IMAP_USER: optional,
  IMAP_PASSWORD: optional,
  IMAP_FOLDER: optional.pipe(folderSchema.optional()),
  IMAP_DONE_FOLDER: optional.pipe(folderSchema.optional()),
  IMAP_MAX_MESSAGE_MB: optional.pipe(wholeNumber(1, 100, ['MB', 'MB']).optional()),
  IMAP_TIMEOUT_MS: optional.pipe(wholeNumber(1000, 30_000, ['mili giây', 'milliseconds']).optional()),
});

/**
 * The problems between variables, from their raw values: zod skips an object's refinements once a field has
 * failed, and every problem must be listed at once.
 */
function betweenVariables(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const line = (name: string, vi: string, en: string) => `${name}: ${says(vi, en)}`;
  if (set('IMAP_URL') === undefined) {
    return ['IMAP_USER', 'IMAP_PASSWORD', 'IMAP_FOLDER', 'IMAP_DONE_FOLDER']
      .filter((name) => set(name) !== undefined)
      .map((name) => line(name, 'không dùng được khi chưa đặt IMAP_URL', 'has no use without IMAP_URL'));
  }
  const lines: string[] = [];
  // IMAP has no anonymous reading of someone's mailbox: both halves of the login are needed.
  if (set('IMAP_USER') === undefined) lines.push(line('IMAP_USER', 'cần đặt khi có IMAP_URL', 'required with IMAP_URL'));
  if (set('IMAP_PASSWORD') === undefined) lines.push(line('IMAP_PASSWORD', 'cần đặt khi có IMAP_URL', 'required with IMAP_URL'));
  const folder = set('IMAP_FOLDER') ?? 'INBOX';
  const done = set('IMAP_DONE_FOLDER');
  if (done !== undefined && sameFolder(done, folder)) {
    lines.push(line('IMAP_DONE_FOLDER', `trùng thư mục đang đọc (${folder}); thư đã xử lý sẽ bị đọc lại`, `is the folder read (${folder}); processed mail would be read again`));
  }
  return lines;
}

/** INBOX is case-insensitive in IMAP (RFC 3501 §5.1); other names are the server's to compare. */
function sameFolder(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
}

/** Where the mailbox is, fit to print: never a credential. */
export function describeImapServer(s: ImapSettings): string {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const tls = s.secure ? 'TLS' : `STARTTLS ${s.starttls}`;
  return `${s.secure ? 'imaps' : 'imap'}://${host}:${s.port}/${s.folder} (${tls})`;
}

/**
 * Reads and checks the settings; undefined when IMAP_URL is not set (no mailbox is read). The error lists
 * every problem at once, each by its variable.
 */
export function imapSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ImapSettings | undefined {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'IMAP_URL')}: ${issue.message}`)),
    ...betweenVariables(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ImapSettingsError(problems);
  const { IMAP_URL: endpoint, IMAP_USER: user, IMAP_PASSWORD: pass } = parsed.data;
  if (endpoint === undefined || user === undefined || pass === undefined) return undefined;
  return {
    ...endpoint,
    // Same rule as SMTP's (activities/mail/tls.ts): a login to another machine goes only over TLS.
    starttls: endpoint.secure || isCanonicalLoopback(endpoint.host) ? 'opportunistic' : 'required',
    auth: { user, pass },
    folder: parsed.data.IMAP_FOLDER ?? 'INBOX',
    done: parsed.data.IMAP_DONE_FOLDER !== undefined ? { move: parsed.data.IMAP_DONE_FOLDER } : { flag: DONE_FLAG },
    maxMessageBytes: (parsed.data.IMAP_MAX_MESSAGE_MB ?? DEFAULT_MAX_MESSAGE_MB) * 1024 * 1024,
    timeoutMs: parsed.data.IMAP_TIMEOUT_MS ?? 15_000,
  };
}
