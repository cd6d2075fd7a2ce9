/**
 * How much one unit may upload through its signed links in a day (Asia/Ho_Chi_Minh): every reminder carries a
 * link, so without a bound anyone holding one could send the console a 10 MB file a request all day. Every file
 * received counts, kept or refused, since each costs the check and the disk it is staged on. Kept in this
 * process's memory: a restart or a second console starts the day afresh, which bounds the waste all the same.
 */
import { DateTime } from 'luxon';
import type { UnitRef } from '../activities/mail/unit-links';

export class LinkUploadAllowance {
  private readonly used = new Map<string, number>();
  private day = '';

  constructor(
    readonly bytesPerDay: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `bytes` for the unit today, or says the day's allowance would be passed (and counts nothing). */
  take(ref: UnitRef, bytes: number): { ok: true } | { ok: false; usedBytes: number } {
    const today = DateTime.fromMillis(this.now(), { zone: 'Asia/Ho_Chi_Minh' }).toISODate() ?? '';
    if (today !== this.day) {
      this.used.clear();
      this.day = today;
    }
    const key = `${ref.bloc}\n${ref.year}\n${ref.unit}`;
    const usedBytes = this.used.get(key) ?? 0;
    if (usedBytes + bytes > this.bytesPerDay) return { ok: false, usedBytes };
    this.used.set(key, usedBytes + bytes);
    return { ok: true };
  }
}
