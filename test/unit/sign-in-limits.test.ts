/** How many passwords anyone may try (web/sign-in-limits.ts), on a clock the test sets. */
import { FREE_ADDRESS_FAILURES, SignInLimiter, type Attempt, type Reservation } from '../../web/sign-in-limits';

let now = 0;
const limiter = () => new SignInLimiter(() => now);
beforeEach(() => {
  now = 0;
});

/** Tries and fails; the wait it was told when refused, or 0 when its password was checked. */
function fail(l: SignInLimiter, attempt: Attempt): number {
  const r = l.reserve(attempt);
  if (!r.ok) return r.waitMs;
  r.settle('failed');
  return 0;
}

const office = { ip: '10.0.0.1', account: 'thu-ky' };

test('five failures free, then one try per lock that doubles, at most fifteen minutes; per address and account', () => {
  const l = limiter();
  expect(Array.from({ length: 5 }, () => fail(l, office))).toEqual([0, 0, 0, 0, 0]);
  expect(fail(l, { ...office, account: 'Thu-Ky' })).toBe(60_000);
  expect(fail(l, { ...office, ip: '10.0.0.2' })).toBe(0);
  expect(fail(l, { ...office, account: 'ban' })).toBe(0);
  now = 60_000;
  expect(fail(l, office)).toBe(0);
  expect(fail(l, office)).toBe(120_000);
  for (let i = 0; i < 10; i++) {
    now += 15 * 60_000;
    fail(l, office);
  }
  expect(fail(l, office)).toBe(15 * 60_000);
});

test('a check is reserved before hashing: a hundred attempts at once get five checks, not more', () => {
  const l = limiter();
  const all: Reservation[] = Array.from({ length: 100 }, () => l.reserve(office));
  const checked = all.filter((r) => r.ok);
  expect(checked).toHaveLength(5);
  for (const r of checked) if (r.ok) r.settle('failed');
  expect(l.reserve(office)).toEqual({ ok: false, waitMs: 60_000 });
});

test('the real user’s browser, which has signed in before, is counted apart: guessing from its office locks out others only', () => {
  const l = limiter();
  for (let i = 0; i < 20; i++) fail(l, office);
  expect(l.reserve(office).ok).toBe(false);
  const own = l.reserve({ ...office, device: 'trinh-duyet-cua-thu-ky' });
  expect(own.ok).toBe(true);
  if (own.ok) own.settle('succeeded');
  // Its own five failures lock it, as anyone's.
  const mine = { ...office, device: 'trinh-duyet-cua-thu-ky' };
  expect(Array.from({ length: 6 }, () => fail(l, mine))).toEqual([0, 0, 0, 0, 0, 60_000]);
});

test(`a spray of account names from one address: ${FREE_ADDRESS_FAILURES} failures, then the address waits; a known browser does not`, () => {
  const l = limiter();
  const waits = Array.from({ length: FREE_ADDRESS_FAILURES + 1 }, (_, i) => fail(l, { ip: '10.0.0.9', account: `khong-co-${i}` }));
  expect(waits.slice(0, FREE_ADDRESS_FAILURES)).toEqual(Array(FREE_ADDRESS_FAILURES).fill(0));
  expect(waits[FREE_ADDRESS_FAILURES]).toBe(60_000);
  expect(l.reserve({ ip: '10.0.0.9', account: 'thu-ky' }).ok).toBe(false);
  expect(l.reserve({ ip: '10.0.0.9', account: 'thu-ky', device: 'da-dang-nhap' }).ok).toBe(true);
});

test('a password never checked (the server too busy) counts for nothing; a success clears the account’s count', () => {
  const l = limiter();
  for (let i = 0; i < 10; i++) {
    const r = l.reserve(office);
    if (r.ok) r.settle('unchecked');
  }
  for (let i = 0; i < 4; i++) fail(l, office);
  const right = l.reserve(office);
  if (right.ok) right.settle('succeeded');
  expect(Array.from({ length: 5 }, () => fail(l, office))).toEqual([0, 0, 0, 0, 0]);
});
