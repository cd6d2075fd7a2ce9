/** What the mail batch writes and waits by: each message's acceptance instant, and one send's deadline at a time. */
import { DateTime } from 'luxon';
import { createSendDeadlines } from '../../activities/send-deadline';
import { isoAt } from '../../calendar/zone-offset';

describe('the instant the relay accepted a message, in the bloc’s zone', () => {
  const write = (at: Date, zone: string) => isoAt(at.getTime(), zone);

  it('reads as luxon writes it, for every instant of a wave', () => {
    const start = Date.parse('2026-06-15T00:59:58.000Z');
    for (let ms = start; ms < start + 5000; ms += 137) {
      expect(write(new Date(ms), 'Asia/Ho_Chi_Minh')).toBe(DateTime.fromMillis(ms, { zone: 'Asia/Ho_Chi_Minh' }).toISO());
    }
    expect(write(new Date(start), 'Asia/Ho_Chi_Minh')).toBe('2026-06-15T07:59:58.000+07:00');
  });

  it('follows a zone across its change of offset, and keeps two zones apart', () => {
    // Berlin leaves summer time at 01:00 UTC on 25 October 2026: +02:00 before, +01:00 after.
    expect(write(new Date('2026-10-25T00:59:59.999Z'), 'Europe/Berlin')).toBe('2026-10-25T02:59:59.999+02:00');
    expect(write(new Date('2026-10-25T01:00:00.000Z'), 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000+01:00');
    expect(write(new Date('2026-10-25T01:00:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-10-25T08:00:00.000+07:00');
    expect(write(new Date('2026-10-25T01:14:59.000Z'), 'Europe/Berlin')).toBe('2026-10-25T02:14:59.000+01:00');
  });
});

describe('a batch’s send deadline', () => {
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('aborts a send that outlasts it, then gives the next send a fresh signal', async () => {
    const deadlines = createSendDeadlines(new AbortController().signal, 40);
    try {
      const first = deadlines.next();
      await tick(80);
      expect(first.aborted).toBe(true);
      expect((first.reason as DOMException).name).toBe('TimeoutError');
      const second = deadlines.next();
      expect(second.aborted).toBe(false);
      // Re-armed at every send: sends that each finish in time never time out, however long the batch.
      for (let i = 0; i < 4; i++) {
        await tick(20);
        expect(deadlines.next()).toBe(second);
      }
      expect(second.aborted).toBe(false);
    } finally {
      deadlines.done();
    }
  });

  it('aborts the send in flight when the activity is cancelled', () => {
    const cancel = new AbortController();
    const deadlines = createSendDeadlines(cancel.signal, 60_000);
    try {
      const signal = deadlines.next();
      cancel.abort(new Error('activity cancelled'));
      expect(signal.aborted).toBe(true);
      expect((signal.reason as Error).message).toBe('activity cancelled');
    } finally {
      deadlines.done();
    }
  });
});
