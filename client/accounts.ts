/**
 * The console's accounts: a JSON file (path from `BLOC_WEB_ACCOUNTS`, default `data/accounts.json`), each with
 * a role, the blocs it may see (or all of them, for the province board) and a scrypt hash of its password.
 * `bloc user add` writes it; the console reads it on every page, so an account added or removed counts at once.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ACCOUNT_NAME } from '../config/keys';

export const ROLES = ['secretariat', 'leader', 'board'] as const;
export type Role = (typeof ROLES)[number];

/** What each role is called on the pages. */
export const ROLE_VI: Record<Role, string> = { secretariat: 'Thư ký', leader: 'Lãnh đạo', board: 'Ban Thi đua - Khen thưởng tỉnh' };
export const ROLE_EN: Record<Role, string> = { secretariat: 'Secretariat', leader: 'Leader', board: 'Provincial Emulation and Reward Board' };


const accountSchema = z.object({
  name: z.string().regex(ACCOUNT_NAME, 'tên tài khoản: chữ thường không dấu, số, gạch ngang / lower-case letters, digits, hyphens'),
  role: z.enum(ROLES),
  blocs: z.union([z.literal('all'), z.array(z.string().regex(ACCOUNT_NAME, 'mã Khối/Cụm không hợp lệ / invalid bloc id'))]),
  hash: z.string(),
});
const fileSchema = z.object({ accounts: z.array(accountSchema) });

export type Account = z.infer<typeof accountSchema>;

export function accountsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.BLOC_WEB_ACCOUNTS || 'data/accounts.json';
}

/**
 * The file parsed once for each state it is in: the console asks on every page, and a change (`bloc user` renames
 * a new file into place: a new inode; or an edit: a new time or size) is read at the next.
 */
const parsed = new Map<string, { state: string; accounts: readonly Account[] }>();

/** An absent file is no account at all; a broken one is an error naming the file. */
export function loadAccounts(file: string): Account[] {
  let state: string;
  try {
    const stat = statSync(file, { bigint: true });
    state = `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const kept = parsed.get(file);
  if (kept?.state === state) return [...kept.accounts];
  const read = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!read.success) throw new Error(`${file}: ${read.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // Shared by every caller from now on: frozen, so that none can change another's.
  const accounts = Object.freeze(read.data.accounts.map((a) => Object.freeze(a)));
  parsed.set(file, { state, accounts });
  return [...accounts];
}

export function mayAct(account: Account): boolean {
  return account.role === 'secretariat';
}

export function maySee(account: Account, blocId: string): boolean {
  return account.blocs === 'all' || account.blocs.includes(blocId);
}

// N = 2^15, r = 8: 32 MiB and tens of milliseconds a check, OWASP's floor for scrypt.
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash of an unknown password, so that an unknown account costs the same time as a wrong password. */
const DECOY = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? (await DECOY)).split('$');
  const [kind, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const MIN_PASSWORD_LENGTH = 12;

/** Adds an account, or replaces the one of that name (which ends its sessions). */
export async function addAccount(file: string, input: Omit<Account, 'hash'>, password: string): Promise<void> {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new Error(`mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự / the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const parsed = accountSchema.safeParse({ ...input, hash: await hashPassword(password) });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const account = parsed.data;
  writeAccounts(file, [...loadAccounts(file).filter((a) => a.name !== account.name), account]);
}

/** Removes the account of that name; false when there is none. Its sessions end at their next request. */
export function removeAccount(file: string, name: string): boolean {
  const accounts = loadAccounts(file);
  const kept = accounts.filter((a) => a.name !== name);
  if (kept.length === accounts.length) return false;
  writeAccounts(file, kept);
  return true;
}

/** The file written whole, readable by its owner only, then renamed into place. */
function writeAccounts(file: string, accounts: Account[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** A password for an account made by a program (`npm start`'s one-time sign-in): 20 characters, 120 bits. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
