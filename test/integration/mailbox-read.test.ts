/**
 * Reading the bloc's mailbox from a real IMAP server (GreenMail on loopback): what units send by mail comes
 * back whole (who, what it answers, the document's bytes), a broken message comes back as unreadable without
 * stopping the pass, a message over the limit comes back with its size and no bytes, and the next pass starts
 * after the last UID seen. Then each message is matched as the secretariat would check it, and a recorded one is
 * flagged or moved, never deleted.
 */
import { matchMessage, type MatchContext } from '../../activities/mailbox/match';
import { markDone } from '../../activities/mailbox/done';
import { imapClient, readMailbox } from '../../activities/mailbox/read';
import type { ImapSettings } from '../../activities/mailbox/settings';
import { sentFromLog, threadRootsOf } from '../../activities/mailbox/sent';
import type { MailboxMessage } from '../../activities/mailbox/types';
import { messageIdFor } from '../../activities/mail/message-id';
import * as net from 'node:net';
import { freePort } from '../../scripts/ports';
import { startTestMailbox, type TestMailbox } from '../support/greenmail';

const DOMAIN = 'khoi4.local';
const BLOC = 'dak-nong-khoi-4';
const YEAR = 2027;
const REMINDER_KEY = `${BLOC}/${YEAR}/stp/2027-06-08`;
const REMINDER_ID = messageIdFor(REMINDER_KEY, DOMAIN);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SENT_AT = new Date('2027-06-10T02:00:00Z');

const items = [
  { id: 'so-ket', title: 'Báo cáo sơ kết 6 tháng công tác thi đua', short: 'Báo cáo sơ kết 6 tháng', units: ['stp', 'snv'] },
  { id: 'tong-ket', title: 'Báo cáo tổng kết công tác thi đua năm 2027', short: 'Báo cáo tổng kết', units: ['stp', 'snv'] },
];
const ctx: MatchContext = {
  units: [
    { id: 'stp', name: 'Sở Tư pháp', emails: ['vanthu@stp.daknong.gov.vn'], cc: [] },
    { id: 'snv', name: 'Sở Nội vụ', emails: ['vanthu@snv.daknong.gov.vn'], cc: [] },
  ],
  items,
  sent: sentFromLog(
    [{ messageKey: REMINDER_KEY, messageId: REMINDER_ID, addressee: 'stp', to: [], notices: [{ key: 'k', itemId: 'so-ket', kind: 'reminder', plannedAt: '2027-06-08T08:00:00+07:00' }], plannedAt: '2027-06-08T08:00:00+07:00', sentAt: '2027-06-08T08:00:01+07:00', status: 'delivered' }],
    DOMAIN,
  ),
  threads: threadRootsOf({ blocId: BLOC, year: YEAR, items }, DOMAIN),
};

/** Two parts announced by a boundary that never occurs: what a broken mail client or a cut upload leaves. */
const BROKEN = [
  'From: vanthu@snv.daknong.gov.vn',
  'To: khoi4@khoi4.local',
  'Subject: =?UTF-8?B?QsOhbyBjw6FvIHThu5VuZyBr4bq/dA==?=',
  'Message-ID: <broken-1@snv.daknong.gov.vn>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="ranh-gioi-khong-co"',
  '',
  'Phần này không có ranh giới nào.',
  '',
].join('\r\n');

let mailbox: TestMailbox;

beforeAll(async () => {
  mailbox = await startTestMailbox();
  const to = mailbox.address;
  // 1. A reply to the reminder, with the report.
  await mailbox.smtp.sendMail({
    from: 'Văn thư Sở Tư pháp <vanthu@stp.daknong.gov.vn>',
    to,
    subject: 'TL: Nhắc hạn: Báo cáo sơ kết 6 tháng',
    date: SENT_AT,
    messageId: '<reply-stp-1@stp.daknong.gov.vn>',
    inReplyTo: REMINDER_ID,
    references: [REMINDER_ID],
    text: 'Sở Tư pháp gửi báo cáo sơ kết.',
    attachments: [{ filename: 'Báo cáo sơ kết.pdf', content: PDF, contentType: 'application/pdf' }],
  });
  // 2. A new message with the item's words in its subject, without diacritics.
  await mailbox.smtp.sendMail({
    from: 'vanthu@snv.daknong.gov.vn',
    to,
    subject: 'Gui bao cao tong ket nam 2027',
    date: SENT_AT,
    text: 'Kính gửi Khối 4.',
    attachments: [{ filename: 'tong-ket.pdf', content: PDF, contentType: 'application/pdf' }],
  });
  // 3. Someone the bloc does not know.
  await mailbox.smtp.sendMail({ from: 'nguoi.la@gmail.com', to, subject: 'Hỏi lịch họp', date: SENT_AT, text: 'Xin hỏi lịch họp khối.' });
  // 4. Malformed MIME, as raw bytes.
  await mailbox.deliverRaw('vanthu@snv.daknong.gov.vn', BROKEN);
});

afterAll(async () => {
  await mailbox?.stop();
});

const byUid = (messages: MailboxMessage[]) => messages.map((m) => m.uid);

describe('a pass over the mailbox', () => {
  let first: Awaited<ReturnType<typeof readMailbox>>;

  beforeAll(async () => {
    first = await readMailbox(mailbox.settings(), { lastUid: 0 });
  });

  it('brings back every message in UID order, with the folder\'s UIDVALIDITY', () => {
    expect(first.folder).toBe('INBOX');
    expect(first.uidValidity).toMatch(/^\d+$/);
    expect(first.uidValidityChanged).toBe(false);
    expect(first.messages.map((m) => m.status)).toEqual(['read', 'read', 'read', 'unreadable']);
    expect(byUid(first.messages)).toEqual([...byUid(first.messages)].sort((a, b) => a - b));
    expect(first.lastUid).toBe(first.messages.at(-1)?.uid);
    expect(first.more).toBe(false);
  });

  it('reads the reply whole: who, what it answers, the document\'s bytes', () => {
    const reply = first.messages[0];
    if (reply?.status !== 'read') throw new Error(`not read: ${JSON.stringify(reply)}`);
    expect(reply).toMatchObject({
      messageId: '<reply-stp-1@stp.daknong.gov.vn>',
      from: [{ name: 'Văn thư Sở Tư pháp', address: 'vanthu@stp.daknong.gov.vn' }],
      to: [{ address: mailbox.address }],
      subject: 'TL: Nhắc hạn: Báo cáo sơ kết 6 tháng',
      inReplyTo: REMINDER_ID,
      references: [REMINDER_ID],
      date: SENT_AT.toISOString(),
    });
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ name: 'Báo cáo sơ kết.pdf', type: 'application/pdf', size: PDF.length });
    expect(reply.attachments[0]?.bytes.equals(PDF)).toBe(true);
  });

  it('says why the broken message cannot be read, and keeps its Message-ID', () => {
    expect(first.messages[3]).toMatchObject({
      status: 'unreadable',
      messageId: '<broken-1@snv.daknong.gov.vn>',
      reason: 'thư nhiều phần nhưng không tìm thấy phần nào (ranh giới không xuất hiện) / a multipart message whose parts are missing',
    });
  });

  it('matches each message as the secretariat would check it', () => {
    const [reply, fresh, stranger, broken] = first.messages.map((m) => matchMessage(m, ctx));
    expect(reply).toMatchObject({ status: 'matched', unit: { unitId: 'stp', by: 'from' }, item: { itemId: 'so-ket', by: 'in-reply-to' }, confirmableByItself: false });
    expect(fresh).toMatchObject({ status: 'matched', unit: { unitId: 'snv' }, item: { itemId: 'tong-ket', by: 'subject', phrase: 'Báo cáo tổng kết' } });
    expect(stranger?.reasons.map((r) => r.text)).toEqual([
      'người gửi không thuộc đơn vị nào (nguoi.la@gmail.com) / the sender belongs to no unit',
      'thư không nêu mục nào / the message names no item',
      'thư không có tài liệu (PDF hoặc DOCX) / the message has no document (PDF or DOCX)',
    ]);
    expect(broken?.reasons.map((r) => r.code)).toEqual(['unreadable']);
  });

  it('returns a message over the limit with its size and headers, and no bytes', async () => {
    const pass = await readMailbox(mailbox.settings({ maxMessageBytes: 600 }), { lastUid: 0, limit: 1 });
    expect(pass.messages).toHaveLength(1);
    const [large] = pass.messages;
    expect(large).toMatchObject({ status: 'too-large', limit: 600, messageId: '<reply-stp-1@stp.daknong.gov.vn>', inReplyTo: REMINDER_ID });
    expect(large?.size).toBeGreaterThan(600);
    expect(large).not.toHaveProperty('attachments');
    expect(pass.more).toBe(true);
    expect(pass.lastUid).toBe(first.messages[0]?.uid);
  });
});

describe('the next pass', () => {
  it('starts after the last UID seen, and finds nothing more until a message arrives', async () => {
    const first = await readMailbox(mailbox.settings(), { lastUid: 0 });
    const again = await readMailbox(mailbox.settings(), { lastUid: first.lastUid, uidValidity: first.uidValidity });
    expect(again).toMatchObject({ messages: [], lastUid: first.lastUid, more: false, uidValidityChanged: false });

    await mailbox.smtp.sendMail({ from: 'vanthu@snv.daknong.gov.vn', to: mailbox.address, subject: 'Báo cáo sơ kết 6 tháng', date: SENT_AT, text: '.', attachments: [{ filename: 'so-ket.pdf', content: PDF }] });
    const next = await readMailbox(mailbox.settings(), { lastUid: first.lastUid, uidValidity: first.uidValidity });
    expect(next.messages).toHaveLength(1);
    expect(next.messages[0]?.uid).toBeGreaterThan(first.lastUid);
    expect(next.lastUid).toBe(next.messages[0]?.uid);
    expect(next.messages[0]).toMatchObject({ status: 'read', subject: 'Báo cáo sơ kết 6 tháng' });
  });

  it('goes in steps of its limit', async () => {
    const step = await readMailbox(mailbox.settings(), { lastUid: 0, limit: 2 });
    const rest = await readMailbox(mailbox.settings(), { lastUid: step.lastUid, uidValidity: step.uidValidity, limit: 2 });
    expect(step.messages).toHaveLength(2);
    expect(step.more).toBe(true);
    expect(Math.min(...byUid(rest.messages))).toBeGreaterThan(step.lastUid);
  });

  it('reads the folder from its first message when its UIDVALIDITY is not the one remembered', async () => {
    const all = await readMailbox(mailbox.settings(), { lastUid: 0 });
    const renumbered = await readMailbox(mailbox.settings(), { lastUid: all.lastUid, uidValidity: `${all.uidValidity}0` });
    expect(renumbered.uidValidityChanged).toBe(true);
    expect(byUid(renumbered.messages)).toEqual(byUid(all.messages));
  });
});

/** Each message's UID and flags in a folder, as any mail client would see them. */
async function flagsIn(settings: ImapSettings, folder: string): Promise<Map<number, string[]>> {
  const client = imapClient(settings);
  await client.connect();
  try {
    await client.mailboxOpen(folder, { readOnly: true });
    const flags = new Map<number, string[]>();
    for await (const m of client.fetch('1:*', { uid: true, flags: true })) flags.set(m.uid, [...(m.flags ?? [])]);
    return flags;
  } finally {
    await client.logout();
  }
}

describe('a message whose record was accepted', () => {
  it('is flagged where it is (a second time changes nothing), and the next pass still starts after the last UID', async () => {
    const settings = mailbox.settings();
    const pass = await readMailbox(settings, { lastUid: 0 });
    const [first] = pass.messages;
    if (!first) throw new Error('no message');
    expect(await markDone(settings, pass.uidValidity, [first.uid])).toEqual({ status: 'marked', uids: [first.uid] });
    expect(await markDone(settings, pass.uidValidity, [first.uid])).toEqual({ status: 'marked', uids: [first.uid] });
    const flags = await flagsIn(settings, 'INBOX');
    expect(flags.get(first.uid)).toContain('$BlocRecorded');
    expect(flags.size).toBe(pass.messages.length);
    expect((await readMailbox(settings, { lastUid: pass.lastUid, uidValidity: pass.uidValidity })).messages).toEqual([]);
  });

  it('is left alone when the folder\'s UIDVALIDITY is not the one its UID was read under', async () => {
    const settings = mailbox.settings();
    const pass = await readMailbox(settings, { lastUid: 0 });
    const result = await markDone(settings, `${pass.uidValidity}0`, [pass.lastUid]);
    expect(result).toEqual({ status: 'uidvalidity-changed', uidValidity: pass.uidValidity });
    expect((await flagsIn(settings, 'INBOX')).get(pass.lastUid)).not.toContain('$BlocRecorded');
  });

  it('is moved to the done folder when one is named, which is made if missing', async () => {
    const settings = mailbox.settings({ done: { move: 'Đã ghi nhận' } });
    const pass = await readMailbox(settings, { lastUid: 0 });
    const moved = pass.messages.slice(0, 2).map((m) => m.uid);
    expect(await markDone(settings, pass.uidValidity, moved)).toEqual({ status: 'marked', uids: moved });
    const left = await flagsIn(settings, 'INBOX');
    expect([...left.keys()]).toEqual(byUid(pass.messages).filter((uid) => !moved.includes(uid)));
    expect((await flagsIn(settings, 'Đã ghi nhận')).size).toBe(2);
    expect((await readMailbox(settings, { lastUid: pass.lastUid, uidValidity: pass.uidValidity })).messages).toEqual([]);
  });
});

describe('a pass that cannot reach the mailbox', () => {
  it('fails as a whole, for the caller to retry, in the secretariat\'s words, when nothing listens or the login is refused', async () => {
    const closed = mailbox.settings({ port: await freePort(), timeoutMs: 2000 });
    await expect(readMailbox(closed, { lastUid: 0 })).rejects.toMatchObject({
      message: 'ECONNREFUSED: máy chủ IMAP không nhận kết nối (chưa chạy, hoặc sai cổng trong IMAP_URL) / the IMAP server refused the connection (not running, or the wrong port in IMAP_URL)',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
    const wrong = mailbox.settings({ auth: { user: 'khoi4', pass: 'sai-mat-khau' } });
    await expect(readMailbox(wrong, { lastUid: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/^AUTHENTICATIONFAILED: máy chủ IMAP không chấp nhận tên đăng nhập hoặc mật khẩu \(IMAP_USER, IMAP_PASSWORD\) \//),
      cause: expect.objectContaining({ authenticationFailed: true }),
    });
  });

  it('names the folder it could not open', async () => {
    await expect(readMailbox(mailbox.settings({ folder: 'Khong-co' }), { lastUid: 0 })).rejects.toThrow(/^NO: máy chủ IMAP không mở thư mục "Khong-co" \(IMAP_FOLDER\) \//);
  });
});

/**
 * An IMAP server on 127.0.0.2 (loopback, but remote to the settings' rule) that offers no STARTTLS and would take
 * a LOGIN in clear: the stand-in for a server, or someone between, striking STARTTLS out. It records every line.
 */
async function strippingServer(): Promise<{ port: number; lines: string[]; close(): Promise<void> }> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        lines.push(line);
        const [tag, command] = line.split(' ');
        if (command?.toUpperCase() === 'CAPABILITY') socket.write('* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n');
        socket.write(`${tag} OK done\r\n`);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { port: (server.address() as net.AddressInfo).port, lines, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the login to a mailbox on another machine', () => {
  it('is never sent when the server offers no STARTTLS', async () => {
    const server = await strippingServer();
    try {
      const remote = mailbox.settings({ host: '127.0.0.2', port: server.port, starttls: 'required', timeoutMs: 2000 });
      await expect(readMailbox(remote, { lastUid: 0 })).rejects.toMatchObject({
        message: expect.stringMatching(/^STARTTLS: máy chủ IMAP không cho kết nối mã hóa/),
        cause: expect.objectContaining({ tlsFailed: true }),
      });
      const carriesLogin = (l: string) => /\b(LOGIN|AUTHENTICATE)\b/i.test(l) || l.includes('mat-khau-thu');
      expect(server.lines.some(carriesLogin)).toBe(false);
      // The control: the same client on loopback's terms does log in there, so the recording would have seen it.
      const control = imapClient({ ...remote, starttls: 'opportunistic' });
      await control.connect();
      control.close();
      expect(server.lines.some(carriesLogin)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
