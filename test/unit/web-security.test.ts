/** The console's accounts, form tokens and sign-in limit, without a server. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAccount, loadAccounts, maySee, verifyPassword } from '../../client/accounts';
import { csrfToken, csrfValid, safeNext, secretsFromEnv } from '../../web/security';
import type { LinkOrigin } from '../../workflows/model';
import { checkUnitLink, linkExpiry, signedUnitPath } from '../../activities/mail/unit-links';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bloc-accounts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('passwords are kept as salted scrypt hashes; only the right one verifies', async () => {
  const file = join(dir, 'a.json');
  await addAccount(file, { name: 'thu-ky', role: 'secretariat', blocs: ['khoi-4'] }, 'mật khẩu đủ dài');
  await addAccount(file, { name: 'ban', role: 'board', blocs: 'all' }, 'mật khẩu đủ dài');
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain('mật khẩu');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const [thuKy, ban] = loadAccounts(file);
  expect(thuKy?.hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(thuKy?.hash).not.toBe(ban?.hash);
  await expect(verifyPassword('mật khẩu đủ dài', thuKy?.hash)).resolves.toBe(true);
  // The same word typed with combining marks (NFD) is the same password.
  await expect(verifyPassword('mật khẩu đủ dài'.normalize('NFD'), thuKy?.hash)).resolves.toBe(true);
  await expect(verifyPassword('mật khẩu sai rồi', thuKy?.hash)).resolves.toBe(false);
  await expect(verifyPassword('mật khẩu đủ dài', undefined)).resolves.toBe(false);
  expect([maySee(thuKy!, 'khoi-4'), maySee(thuKy!, 'khoi-5'), maySee(ban!, 'khoi-5')]).toEqual([true, false, true]);
});

test('adding an account of the same name replaces it; short passwords and bad ids are refused', async () => {
  const file = join(dir, 'b.json');
  await addAccount(file, { name: 'thu-ky', role: 'secretariat', blocs: ['khoi-4'] }, 'mật khẩu thứ nhất');
  await addAccount(file, { name: 'thu-ky', role: 'leader', blocs: ['khoi-4'] }, 'mật khẩu thứ hai!');
  expect(loadAccounts(file).map((a) => [a.name, a.role])).toEqual([['thu-ky', 'leader']]);
  await expect(addAccount(file, { name: 'x', role: 'leader', blocs: ['khoi-4'] }, 'ngắn')).rejects.toThrow(/ít nhất 12 ký tự/);
  await expect(addAccount(file, { name: 'x', role: 'leader', blocs: ["k') OR 1=1"] }, 'mật khẩu đủ dài')).rejects.toThrow(/mã Khối\/Cụm không hợp lệ/);
  expect(loadAccounts(join(dir, 'absent.json'))).toEqual([]);
});

test('a form token belongs to its nonce (a session’s, or a visitor’s before signing in)', () => {
  const secrets = { secret: 'k'.repeat(32), secure: false };
  const mine = csrfToken(secrets, 'a');
  expect(csrfValid(secrets, 'a', mine)).toBe(true);
  expect(csrfValid(secrets, 'b', mine)).toBe(false);
  expect(csrfValid(secrets, undefined, mine)).toBe(false);
  expect(csrfValid(secrets, 'a', undefined)).toBe(false);
  expect(csrfValid({ ...secrets, secret: 'j'.repeat(32) }, 'a', mine)).toBe(false);
});

test('a short key is refused without being printed', () => {
  expect(() => secretsFromEnv({ BLOC_WEB_SECRET: 'ngan-qua' })).toThrow(/^BLOC_WEB_SECRET: cần ít nhất 32 ký tự/);
  expect(() => secretsFromEnv({ BLOC_WEB_SECRET: 'ngan-qua' })).not.toThrow(/ngan-qua/);
  expect(secretsFromEnv({ BLOC_WEB_SECRET: 'k'.repeat(32), BLOC_WEB_SECURE: '1' })).toEqual({ secret: 'k'.repeat(32), secure: true });
});

test('unit links: bound to bloc, year, unit and whom they were issued to; expire; an old key is accepted until its rotation ends', () => {
  const keys = { current: 'c'.repeat(32), previous: { key: 'o'.repeat(32), until: 2_000 } };
  const ref = { bloc: 'khoi-4', year: 2049, unit: 'so-a' };
  const mail = { link: 'mail' } as const;
  const signed = (k: { current: string }, r = ref, expires = 5_000, via: LinkOrigin = mail) => new URLSearchParams(signedUnitPath(k, r, expires, via).split('?')[1]);
  const check = (params: URLSearchParams, r = ref, now = 1_000) => checkUnitLink(keys, r, Object.fromEntries(params), now);
  expect(check(signed(keys))).toEqual({ ok: true, via: mail });
  expect(check(signed(keys), { ...ref, unit: 'so-b' })).toEqual({ ok: false, reason: 'tampered' });
  expect(check(signed(keys), { ...ref, year: 2050 })).toEqual({ ok: false, reason: 'tampered' });
  expect(check(signed(keys), { ...ref, bloc: 'khoi-5' })).toEqual({ ok: false, reason: 'tampered' });
  expect(check(signed(keys), ref, 5_000)).toEqual({ ok: false, reason: 'expired' });
  expect(check(signed({ current: keys.previous.key }))).toEqual({ ok: true, via: mail });
  expect(check(signed({ current: keys.previous.key }), ref, 2_000)).toEqual({ ok: false, reason: 'tampered' });
  expect(check(signed({ current: 'x'.repeat(32) }))).toEqual({ ok: false, reason: 'tampered' });
  expect(checkUnitLink(keys, ref, { het: 'never', ky: 'abc' }, 1_000)).toEqual({ ok: false, reason: 'tampered' });

  // Whom a link was issued to is signed: a copied link cannot pass for the unit's mail, nor for another account's.
  const copied = signed(keys, ref, 5_000, { link: 'console', account: 'thu-ky' });
  expect(copied.get('qua')).toBe('tk.thu-ky');
  expect(check(copied)).toEqual({ ok: true, via: { link: 'console', account: 'thu-ky' } });
  for (const qua of ['thu', 'tk.lanh-dao', 'tk.THU-KY', 'x']) expect(check(new URLSearchParams({ ...Object.fromEntries(copied), qua }))).toEqual({ ok: false, reason: 'tampered' });
  const withoutOrigin = new URLSearchParams(copied);
  withoutOrigin.delete('qua');
  expect(check(withoutOrigin)).toEqual({ ok: false, reason: 'tampered' });
  // A link mailed before links said whom they were for still opens, and says so.
  const unmarked = signed(keys, ref, 5_000, { link: 'unmarked' });
  expect(unmarked.has('qua')).toBe(false);
  expect(check(unmarked)).toEqual({ ok: true, via: { link: 'unmarked' } });
  // Expiry: 180 days after the handover, or after the end of January while it has no day.
  const day = 24 * 3600_000;
  expect(linkExpiry({ year: 2049, items: [{ kind: 'handover', at: '2050-01-15T08:00:00+07:00' }] as never })).toBe(Date.parse('2050-01-15T08:00:00+07:00') + 180 * day);
  expect(linkExpiry({ year: 2049, items: [] })).toBe(Date.parse('2050-02-01T00:00:00+07:00') + 180 * day);
});

test('a redirect after a form stays on this site, read as a browser reads it', () => {
  expect(safeNext('/khoi/thu-nghiem/2027?luc=2027-06-20T08%3A00&x=1#o')).toBe('/khoi/thu-nghiem/2027?luc=2027-06-20T08%3A00&x=1#o');
  expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example');
  for (const away of [undefined, '', 'evil.example', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\nSet-Cookie: x=1', '/a\u0000b']) {
    expect([away, safeNext(away)]).toEqual([away, '/']);
  }
});
