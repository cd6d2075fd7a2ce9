/**
 * The mail activity against a real SMTP server on loopback: what arrives, and how each failure a
 * server can produce comes back to Temporal.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { startLocalInbox } from '../../activities/mail/inbox';
import type { SmtpSettings } from '../../activities/mail/settings';
import { createMailTransport, type MailTransport } from '../../activities/mail/transport';
import type { BlocActivities, OutgoingMessage, SendResult } from '../../activities/types';
import { builtComposer } from '../support/dist';
import { INVITATION, message, notice, NOW } from '../support/mail-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

const EVIL = '<script>alert(1)</script>';

function settingsFor(port: number): SmtpSettings {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    starttls: 'off',
    from: { name: 'Khối thi đua số 4', address: 'khoi4@dak-nong.example.vn' },
    poolSize: 2,
    timeoutMs: 5000,
  };
}

/** The activity's own log lines are not what these tests look at. */
const quiet = { logger: new DefaultLogger('ERROR') };

/** What Temporal does with a failed attempt, in small: retry what is retryable, up to a limit. */
async function sendWithRetries(acts: BlocActivities, m: OutgoingMessage, maxAttempts = 3) {
  const failures: ApplicationFailure[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const result: SendResult = await new MockActivityEnvironment({ attempt }, quiet).run(acts.sendMessage, m);
      return { result, failures };
    } catch (err) {
      if (!(err instanceof ApplicationFailure) || err.nonRetryable || attempt >= maxAttempts) throw err;
      failures.push(err);
    }
  }
}

const send = (acts: BlocActivities, m: OutgoingMessage): Promise<SendResult> => new MockActivityEnvironment({}, quiet).run(acts.sendMessage, m);

let smtp: TestSmtpServer;
let transport: MailTransport;
let acts: BlocActivities;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const settings = settingsFor(smtp.port);
  transport = createMailTransport(settings);
  acts = createActivities({ settings, transport, now: () => NOW, composer: builtComposer(settings.from) });
});
afterEach(() => smtp.reset());
afterAll(async () => {
  transport.close();
  await smtp.close();
});

describe('a delivered reminder', () => {
  const unit = message({
    addressee: { kind: 'unit', unitId: 'so-tu-phap', name: 'Sở Tư pháp', to: ['vanthu@stp.example.vn', 'chanhvp@stp.example.vn'], cc: ['thuky@khoi4.example.vn'] },
    notices: [notice({ title: `Báo cáo sơ kết 6 tháng của ${EVIL}`.normalize('NFD'), sequence: 3 })],
  });
  let result: SendResult;
  let received: Awaited<ReturnType<TestSmtpServer['waitFor']>>[number];

  beforeAll(async () => {
    result = await send(acts, unit);
    [received] = (await smtp.waitFor(1)) as [typeof received];
  });

  it('goes to every to and cc address', () => {
    expect(result.accepted.sort()).toEqual(['chanhvp@stp.example.vn', 'thuky@khoi4.example.vn', 'vanthu@stp.example.vn']);
    expect(result.rejected).toEqual([]);
    expect(received.envelope.to.sort()).toEqual(result.accepted);
    expect(received.header('to')).toContain('vanthu@stp.example.vn');
    expect(received.header('cc')).toContain('thuky@khoi4.example.vn');
  });

  it('reports when it went, in the bloc zone', () => {
    expect(result.sentAt).toBe('2020-06-12T08:00:00.000+07:00');
  });

  it('has the subject and Vietnamese text intact, NFC', () => {
    expect(received.subject).toBe(`[Khối thi đua số 4] Nhắc hạn: Báo cáo sơ kết 6 tháng của ${EVIL} (hạn 15/6/2020)`);
    expect(received.text).toContain('Kính gửi: Sở Tư pháp');
    expect(received.text).toContain('Hạn cuối: 23 giờ 59, thứ Hai, ngày 15/6/2020');
    expect(received.text).toContain('Tình trạng: còn 3 ngày');
    expect(received.text).toBe(received.text.normalize('NFC'));
  });

  it('escapes the unit-supplied markup in HTML', () => {
    expect(received.html).not.toContain('<script>');
    expect(received.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('carries one calendar entry: UID per item, SEQUENCE, UTC times, PUBLISH', () => {
    const ics = received.calendars[0] ?? '';
    expect(ics).toContain('METHOD:PUBLISH\r\n');
    expect(ics).toContain('UID:bao-cao-6-thang.2020.khoi-4@bloc-engine\r\n');
    expect(ics).toContain('SEQUENCE:3\r\n');
    expect(ics).toContain('DTSTART:20200615T163000Z\r\n');
    expect(ics).toContain('DTEND:20200615T170000Z\r\n');
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(received.header('content-type')).toContain('multipart');
  });

  it('has a Message-ID from the business key and threads under the item', () => {
    expect(received.messageId).toBe(result.messageId);
    expect(result.messageId).toMatch(/^<khoi-4\.2020\.so-tu-phap\.2020-06-12\.[0-9a-f]{12}@dak-nong\.example\.vn>$/);
    expect(received.parsed.inReplyTo).toMatch(/^<thread\.bao-cao-6-thang\.2020\.khoi-4\.[0-9a-f]{12}@dak-nong\.example\.vn>$/);
    expect(received.parsed.references).toEqual(received.parsed.inReplyTo);
    expect(received.header('auto-submitted')).toBe('auto-generated');
  });
});

describe('identity and calendars across messages', () => {
  it('counts days left from the instant the workflow decided (asOf), when it gives one', async () => {
    await send(acts, message({ key: 'khoi-4/2020/so-tu-phap/2020-06-14', asOf: '2020-06-14T08:00:00.000+07:00' }));
    const [m] = await smtp.waitFor(1);
    expect(m?.text).toContain('Tình trạng: còn 1 ngày');
  });

  it('the same key gives the same Message-ID; a new day a new one, in the same thread', async () => {
    const first = await send(acts, message());
    const again = await send(acts, message());
    const nextDay = await send(acts, message({ key: 'khoi-4/2020/so-tu-phap/2020-06-13' }));
    const [a, b, c] = await smtp.waitFor(3);
    expect(again.messageId).toBe(first.messageId);
    expect(b?.messageId).toBe(a?.messageId);
    expect(nextDay.messageId).not.toBe(first.messageId);
    expect(c?.parsed.inReplyTo).toBe(a?.parsed.inReplyTo);
  });

  it('several calendar-worthy notices go as one .ics attachment each', async () => {
    await send(acts, message({ notices: [notice(), INVITATION] }));
    const [m] = await smtp.waitFor(1);
    const files = m?.parsed.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.filename);
    expect(files?.sort()).toEqual(['bao-cao-6-thang.2020.khoi-4.ics', 'hoi-nghi-so-ket.2020.khoi-4.ics']);
    expect(m?.calendars.every((c) => c.match(/BEGIN:VEVENT/g)?.length === 1)).toBe(true);
    expect(m?.parsed.references).toHaveLength(2);
  });
});

describe('failures', () => {
  const two = message({ addressee: { kind: 'unit', name: 'Sở Tư pháp', to: ['ok@stp.example.vn', 'gone@stp.example.vn'], cc: [] } });
  const one = message({ addressee: { kind: 'unit', name: 'Sở Tư pháp', to: ['gone@stp.example.vn'], cc: [] } });

  it('a 550 for one address of several: delivered to the rest, the refused one reported', async () => {
    smtp.refuse('gone@stp.example.vn');
    const result = await send(acts, two);
    expect(result.accepted).toEqual(['ok@stp.example.vn']);
    expect(result.rejected).toEqual(['gone@stp.example.vn']);
    const [m] = await smtp.waitFor(1);
    expect(m?.envelope.to).toEqual(['ok@stp.example.vn']);
  });

  it('a 550 for the only address: non-retryable SmtpPermanent', async () => {
    smtp.refuse('gone@stp.example.vn');
    const err: unknown = await send(acts, one).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'SmtpPermanent', nonRetryable: true });
    expect((err as ApplicationFailure).details?.[0]).toMatchObject({ responseCode: 550, rejected: ['gone@stp.example.vn'] });
    // What the reminder log and the digest will say: Vietnamese, with the server's code kept.
    expect((err as ApplicationFailure).message).toBe('550: hộp thư không nhận thư (không tồn tại hoặc bị chặn) / mailbox unavailable (missing or blocked)');
  });

  it('a 451: retryable SmtpTransient, and the retry delivers', async () => {
    smtp.failNext(1, 451);
    const err: unknown = await send(acts, message()).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'SmtpTransient', nonRetryable: false });
    expect(smtp.messages).toHaveLength(0);
    smtp.failNext(1, 451);
    const { failures } = await sendWithRetries(acts, message());
    expect(failures.map((f) => f.type)).toEqual(['SmtpTransient']);
    expect(await smtp.waitFor(1)).toHaveLength(1);
  });

  it('a 554 at the end of DATA: SmtpPermanent', async () => {
    smtp.failNext(1, 554);
    await expect(send(acts, message())).rejects.toMatchObject({ type: 'SmtpPermanent', nonRetryable: true });
  });

  it('accepted, then the connection dropped before the 250: the retry sends it again, with the same Message-ID', async () => {
    smtp.dropAfterAccept(1);
    const { result, failures } = await sendWithRetries(acts, message());
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ type: 'SmtpTransient', nonRetryable: false });
    const copies = await smtp.waitFor(2);
    // The mailbox holds the message twice: no client can tell this drop from a loss.
    expect(copies.map((c) => c.dropped)).toEqual([true, false]);
    // Both carry the one Message-ID, so a receiver that dedupes by it shows one.
    expect(new Set(copies.map((c) => c.messageId))).toEqual(new Set([result.messageId]));
  });

  it('a server that is not there: SmtpTransient', async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const settings = { ...settingsFor(gone.port), timeoutMs: 1000 };
    const t = createMailTransport(settings);
    try {
      await expect(send(createActivities({ settings, transport: t, composer: builtComposer(settings.from) }), message())).rejects.toMatchObject({ type: 'SmtpTransient' });
    } finally {
      t.close();
    }
  });
});

describe('the local inbox', () => {
  it('stores one .eml per Message-ID, whatever the retries', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'inbox-'));
    const inbox = await startLocalInbox({ dir, port: 0 });
    const settings = settingsFor(inbox.port);
    const t = createMailTransport(settings);
    try {
      const local = createActivities({ settings, transport: t, now: () => NOW, composer: builtComposer(settings.from) });
      const first = await send(local, message());
      await send(local, message());
      await send(local, message({ key: 'khoi-4/2020/so-tu-phap/2020-06-13' }));
      const files = (await readdir(dir)).sort();
      expect(files).toHaveLength(2);
      const stored = await readFile(path.join(dir, files.find((f) => f.includes('2020-06-12')) ?? ''), 'utf8');
      expect(stored.replace(/\r\n[ \t]+/g, ' ')).toContain(`Message-ID: ${first.messageId}`);
      expect(files.every((f) => /^\d{8}T\d{9}Z-khoi-4\.2020\.so-tu-phap\.2020-06-1[23]\.[0-9a-f]{12}@dak-nong\.example\.vn\.eml$/.test(f))).toBe(true);
    } finally {
      t.close();
      await inbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
