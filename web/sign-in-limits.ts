/**
 * How many passwords anyone may try. Three rules, each a bound the others cannot lift:
 * - per account from an address: five failures, then one try per lock that doubles (1 min, 2 min, … at most
 *   15 min), answered 429 meanwhile, password unchecked;
 * - per address, over every account: thirty failures, then the same locks (a spray of account names);
 * - a browser that has signed in to the account before carries a device token (a signed cookie) and is counted
 *   apart from the address: someone guessing from the same office, behind the same proxy, locks out the
 *   address's other browsers, never the real user's own.
 * A check is reserved before the password is hashed and settled after, so that attempts sent all at once get no
 * more checks than attempts sent one by one. Failures are forgotten an hour after the last.
 */
export const FREE_FAILURES = 5;
export const FREE_ADDRESS_FAILURES = 30;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export interface Attempt {
  ip: string;
  account: string;
  /** The browser's device token for this account, when it has a valid one. */
  device?: string;
}

interface Bucket {
  failures: number;
  inFlight: number;
  last: number;
  lockedUntil: number;
}

/** `unchecked`: the password was never checked (the server was too busy to hash it); nothing is counted. */
export type Outcome = 'succeeded' | 'failed' | 'unchecked';
export type Reservation = { ok: true; settle(outcome: Outcome): void } | { ok: false; waitMs: number };

export class SignInLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  private keysOf({ ip, account, device }: Attempt): [key: string, free: number][] {
    const name = account.toLowerCase();
    return device ? [[`device|${device}|${name}`, FREE_FAILURES]] : [[`account|${ip}|${name}`, FREE_FAILURES], [`address|${ip}`, FREE_ADDRESS_FAILURES]];
  }

  /** A check of the password, or how long to wait for one. */
  reserve(attempt: Attempt): Reservation {
    const now = this.now();
    for (const [key, bucket] of this.buckets) if (bucket.inFlight === 0 && now - bucket.last > FORGET_AFTER_MS) this.buckets.delete(key);
    const keys = this.keysOf(attempt);
    const buckets = keys.map(([key, free]) => {
      const bucket = this.buckets.get(key) ?? { failures: 0, inFlight: 0, last: now, lockedUntil: 0 };
      this.buckets.set(key, bucket);
      return { key, bucket, free };
    });
    const waitMs = Math.max(0, ...buckets.map(({ bucket }) => bucket.lockedUntil - now));
    // Past its free failures, a bucket allows one check at a time, once its lock has passed.
    const full = buckets.some(({ bucket, free }) => bucket.inFlight >= Math.max(1, free - bucket.failures));
    if (waitMs > 0 || full) return { ok: false, waitMs: Math.max(waitMs, 1000) };
    for (const { bucket } of buckets) bucket.inFlight++;
    let settled = false;
    return {
      ok: true,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        for (const { key, bucket, free } of buckets) {
          bucket.inFlight--;
          bucket.last = at;
          // A success clears the account's count, not the address's: one good password does not excuse a spray.
          if (outcome === 'succeeded' && !key.startsWith('address|')) {
            bucket.failures = 0;
            bucket.lockedUntil = 0;
            continue;
          }
          if (outcome === 'failed') {
            bucket.failures++;
            if (bucket.failures >= free) bucket.lockedUntil = at + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (bucket.failures - free));
          }
        }
      },
    };
  }
}
