/**
 * Sessions, CSRF tokens and the sign-in limit. The session is a signed cookie (HMAC-SHA256 with
 * `BLOC_WEB_SECRET`): the server keeps no session store, the workflow stays the only record.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Account } from '../client/accounts';
import { MIN_SECRET_LENGTH } from '../config/keys';

export const SESSION_COOKIE = 'bloc_session';
export const SESSION_HOURS = 8;

export interface WebSecrets {
  /** Signs the session cookie and derives the CSRF tokens. */
  secret: string;
  /** Cookies only over TLS (behind a reverse proxy that terminates it). */
  secure: boolean;
}

/** The key from the environment; its value is never printed. */
export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): WebSecrets {
  const secret = env.BLOC_WEB_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`BLOC_WEB_SECRET: cần ít nhất ${MIN_SECRET_LENGTH} ký tự ngẫu nhiên / needs at least ${MIN_SECRET_LENGTH} random characters`);
  }
  const secure = env.BLOC_WEB_SECURE ?? '0';
  if (secure !== '0' && secure !== '1') throw new Error('BLOC_WEB_SECURE: 1 (sau TLS) hoặc 0 / 1 (behind TLS) or 0');
  return { secret, secure: secure === '1' };
}

export interface Session {
  account: string;
  /** Random per sign-in: the CSRF token is bound to it. */
  nonce: string;
  expiresAt: number;
  /** The account as it was at sign-in (accountStamp): a new password, role or set of blocs ends the session. */
  stamp: string;
}

/** What a session holds of its account: a keyed digest of its password hash, role and blocs. */
export function accountStamp(secrets: WebSecrets, account: Pick<Account, 'name' | 'role' | 'blocs' | 'hash'>): string {
  return createHmac('sha256', secrets.secret).update(['account', account.name, account.role, JSON.stringify(account.blocs), account.hash].join('|')).digest('base64url').slice(0, 22);
}

/** The session of the cookie, if it is signed, unexpired and still matches its account as the file now has it. */
export async function readSession(c: Context, secrets: WebSecrets): Promise<Session | undefined> {
  const value = await getSignedCookie(c, secrets.secret, SESSION_COOKIE);
  if (!value) return undefined;
  const [account, nonce, expires, stamp] = value.split('|');
  const expiresAt = Number(expires);
  if (!account || !nonce || !stamp || !Number.isFinite(expiresAt) || expiresAt <= Date.now()) return undefined;
  return { account, nonce, expiresAt, stamp };
}

export async function startSession(c: Context, secrets: WebSecrets, account: Account): Promise<void> {
  const expiresAt = Date.now() + SESSION_HOURS * 3600_000;
  const value = [account.name, randomBytes(16).toString('base64url'), String(expiresAt), accountStamp(secrets, account)].join('|');
  await setSignedCookie(c, SESSION_COOKIE, value, secrets.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secrets.secure,
    maxAge: SESSION_HOURS * 3600,
  });
}

export function endSession(c: Context, secrets: WebSecrets): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secrets.secure });
}

/** A browser that has signed in to an account: counted apart from its address (web/sign-in-limits.ts). */
const DEVICE_COOKIE = 'bloc_thiet_bi';
const DEVICE_DAYS = 365;

/** The browser's device token for `account`, if it carries a valid one for that account. */
export async function deviceToken(c: Context, secrets: WebSecrets, account: string): Promise<string | undefined> {
  const value = await getSignedCookie(c, secrets.secret, DEVICE_COOKIE);
  const [name, token] = (value || '').split('|');
  return name && token && name === account ? token : undefined;
}

export async function rememberDevice(c: Context, secrets: WebSecrets, account: string): Promise<void> {
  await setSignedCookie(c, DEVICE_COOKIE, `${account}|${randomBytes(16).toString('base64url')}`, secrets.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secrets.secure,
    maxAge: DEVICE_DAYS * 24 * 3600,
  });
}

export const PRE_SESSION_COOKIE = 'bloc_pre';

/**
 * A visitor's nonce before signing in: the sign-in form's token is bound to it, so that another site cannot sign
 * this browser in to an account of its choosing (login CSRF).
 */
export async function preSessionNonce(c: Context, secrets: WebSecrets): Promise<string> {
  const existing = await getSignedCookie(c, secrets.secret, PRE_SESSION_COOKIE);
  if (existing) return existing;
  const nonce = randomBytes(16).toString('base64url');
  await setSignedCookie(c, PRE_SESSION_COOKIE, nonce, secrets.secret, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secrets.secure });
  return nonce;
}

/** The form token bound to a nonce: the session's, or the visitor's before signing in. */
export function csrfToken(secrets: WebSecrets, nonce: string): string {
  return createHmac('sha256', secrets.secret).update(`csrf|${nonce}`).digest('base64url');
}

export function csrfValid(secrets: WebSecrets, nonce: string | undefined, given: unknown): boolean {
  if (nonce === undefined || typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(secrets, nonce));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const SITE = 'http://console.invalid';

/**
 * Where a redirect after a form may lead (`next=`): a path of this site, as the browser will read it, or '/'.
 * Browsers strip tabs and newlines from a URL and read a backslash as a slash, so "/\t/evil.example" and
 * "/\\evil.example" lead off the site; a path with a control character or a backslash is refused outright, and
 * what is left is judged by the URL parser browsers follow.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  const url = new URL(next, SITE);
  return url.origin === SITE ? `${url.pathname}${url.search}${url.hash}` : '/';
}
