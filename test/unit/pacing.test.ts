/** The relay's rate: how many messages a batch may send, how often the server may hand out batches. */
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createBatchSender } from '../../activities/batch';
import { batchesPerSecond, createPacer, messagesPerBatch } from '../../activities/pacing';
import type { OutgoingMessage, SendOutcome, SendResult } from '../../activities/types';
import { message } from '../support/mail-fixtures';

const rate = (perSecond: number, text: string) => ({ perSecond, text });

describe('the relay rate', () => {
  it.each<[string, number, number | undefined, { perSecond: number; text: string } | undefined]>([
    ['none', 25, undefined, undefined],
    ['2/s', 18, 0.1, rate(2, '2/s')],
    ['5/s', 22, 0.2, rate(5, '5/s')],
    ['30/min', 4, 0.1, rate(0.5, '30/min')],
    ['1/h', 1, 1 / 3600, rate(1 / 3600, '1/h')],
    ['1000/s', 22, 40, rate(1000, '1000/s')],
  ])('at %s a batch sends at most %d messages (nine tenths of its slots); the server hands out %p batches a second', (_text, perBatch, perSecond, r) => {
    expect(messagesPerBatch(r, 25)).toBe(perBatch);
    expect(batchesPerSecond(r, 25)).toBe(perSecond);
  });

  it('defers what the rate does not allow in one batch: not tried, not failed', async () => {
    const sent: string[] = [];
    const send = async (m: OutgoingMessage): Promise<SendResult> => {
      sent.push(m.key);
      return { messageId: `<${m.key}>`, accepted: m.addressee.to, rejected: [], sentAt: '2049-06-07T08:00:00.000+07:00' };
    };
    const { sendBatch } = createBatchSender(send, { rate: rate(1 / 60, '1/min'), deadlineMs: 45_000 });
    const batch = ['a', 'b', 'c'].map((unit) => message({ key: `k/${unit}` }));
    const outcomes: SendOutcome[] = await new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(sendBatch, batch);
    expect(sent).toEqual(['k/a']);
    expect(outcomes.map((o) => [o.key, o.status])).toEqual([
      ['k/a', 'delivered'],
      ['k/b', 'deferred'],
      ['k/c', 'deferred'],
    ]);
  });

  describe('within a batch, at 2/s', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('sends twenty, half a second apart, and refuses the twenty-first, ten seconds after the first', async () => {
      const pace = createPacer(rate(2, '2/s'));
      const at: number[] = [];
      for (;;) {
        const allowed = pace();
        await jest.advanceTimersByTimeAsync(500);
        if (!(await allowed)) break;
        at.push(performance.now());
      }
      expect(at).toHaveLength(20);
      expect(at.slice(1).map((t, i) => t - (at[i] ?? 0))).toEqual(Array(19).fill(500));
    });

    it('a batch that falls behind (each send 0.8 s) stops within its ten seconds and defers the rest', async () => {
      const pace = createPacer(rate(2, '2/s'));
      let sent = 0;
      while (await pace()) {
        sent++;
        jest.advanceTimersByTime(800);
      }
      // Sends began at 0, 0.8, …, 9.6 s; the next would begin at 10.4 s, in the next batch's ten seconds.
      expect(sent).toBe(13);
    });

    it('at 1/min the first send always goes, and only it', async () => {
      const pace = createPacer(rate(1 / 60, '1/min'));
      await expect(pace()).resolves.toBe(true);
      const second = pace();
      await jest.advanceTimersByTimeAsync(60_000);
      await expect(second).resolves.toBe(false);
    });
  });
});
