/**
 * The bloc's mailbox read into its year (docs/mailbox.md), against a real IMAP server (GreenMail on loopback) and
 * the time-skipping Temporal server, for the small bloc's 6-month report (reminders Monday 7/6 at 08:00, due by
 * the end of Monday 14/6). The bloc confirms mail at once, which only a proven sender gets. What is asserted is
 * what the secretariat checks: which unit, which item, in what state, and what is left on its list.
 */
import type { SendMailOptions } from 'nodemailer';
import { imapClient } from '../../activities/mailbox/read';
import { DONE_FLAG } from '../../activities/mailbox/settings';
import { startMailbox } from '../../worker/mailbox';
import * as mb from '../../workflows/mailbox-messages';
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { MiB, pdf } from '../support/documents';
import type { TestMailbox } from '../support/greenmail';
import { useMailbox, type MailboxWorker } from '../support/mailbox-worker';
import { recordHistory } from '../support/histories';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const REPORT = 'bao-cao-6-thang';
const A = 'vanthu@so-a.example.vn';
const C = 'vanthu@so-c.example.vn';
const STRANGER = 'ai-do@thu.example.com';
const PDF = pdf('1 0 obj << /Type /Catalog >> endobj');
const SENT = new Date(`${Y}-06-07T00:30:00Z`);
const passed = (domain: string) => `mx.khoi.example.vn; dmarc=pass header.from=${domain}; spf=pass smtp.mailfrom=${domain}`;
const forged = (domain: string) => `mx.khoi.example.vn; dmarc=fail header.from=${domain}; spf=fail smtp.mailfrom=${domain}`;

/** The first pass and the first record each die once after their work is done, as a killed worker would. */
const dies = { pass: 1, record: 1 };
const fixture = useMailbox();
const engine = useTimeSkippingEngine();
let mailbox: TestMailbox;
let worker: MailboxWorker | undefined;
beforeAll(() => void (mailbox = fixture.mailbox()));

async function startWorker(): Promise<void> {
  const { env, taskQueue } = engine();
  worker = await fixture.startWorker(env, taskQueue, (real) => ({
    ...real,
    async readMailboxPass(input) {
      const result = await real.readMailboxPass(input);
      if (dies.pass-- > 0) throw new Error('the worker died mid-pass');
      return result;
    },
    async recordMailDeclaration(input) {
      const result = await real.recordMailDeclaration(input);
      if (dies.record-- > 0) throw new Error('the worker died after the year recorded the message');
      return result;
    },
  }));
}

/** The messages units and others send the bloc: each with its own Message-ID, so that delivering them again repeats them. */
function letters(reminderTo: (address: string) => string): SendMailOptions[] {
  const report = { filename: 'Bao cao so ket 6 thang.pdf', content: PDF, contentType: 'application/pdf' };
  return [
    { from: A, subject: 'TL: Nhắc hạn: Báo cáo sơ kết 6 tháng', messageId: '<tl-1@so-a.example.vn>', inReplyTo: reminderTo(A), references: [reminderTo(A)], headers: { 'Authentication-Results': passed('so-a.example.vn') }, attachments: [report] },
    { from: 'vanthu@so-b.example.vn', subject: 'Tổng hợp báo cáo 6 tháng', messageId: '<lon-1@so-b.example.vn>', attachments: [{ filename: 'Tong hop.pdf', content: Buffer.alloc(50 * MiB, 0x41), contentType: 'application/pdf' }] },
    { from: 'Giám đốc Sở B <giamdoc@so-b.example.vn>', subject: 'Sở B gửi Báo cáo sơ kết 6 tháng', messageId: '<moi-1@so-b.example.vn>', attachments: [report] },
    { from: C, subject: 'TL: Nhắc hạn: Báo cáo sơ kết 6 tháng', messageId: '<gia-1@so-c.example.vn>', inReplyTo: reminderTo(C), references: [reminderTo(C)], headers: { 'Authentication-Results': forged('so-c.example.vn') }, attachments: [report] },
    { from: STRANGER, subject: 'Báo cáo sơ kết 6 tháng', messageId: '<la-1@thu.example.com>', attachments: [report] },
  ].map((m) => ({ to: mailbox.address, date: SENT, text: 'Kính gửi Thư ký Khối.', ...m }));
}

const mailboxHandle = () => engine().env.client.workflow.getHandle(mb.mailboxWorkflowId(mailbox.settings()));

const aPass = () => (worker as MailboxWorker).aPass();

async function yearAt(workflowId: string) {
  const handle = engine().env.client.workflow.getHandle(workflowId);
  const status = await handle.query(msg.statusQuery, { at: `${Y}-06-08T12:00:00+07:00` });
  const declarations = (await handle.query(msg.declarationsQuery))[REPORT] ?? {};
  const cells = Object.fromEntries(status.cells.filter((c) => c.itemId === REPORT).map((c) => [c.unitId, c.state]));
  const byMail = Object.fromEntries(Object.entries(declarations).map(([unitId, list]) => [unitId, list.map((d) => `${d.mail?.from} ${d.mail?.authentication.verdict} ${d.review?.decision ?? 'awaiting'}`)]));
  return { handle, cells, byMail };
}

let yearId: string;
const unmatched = async () => (await mailboxHandle().query(mb.unmatchedMailQuery)).map((m) => ({ from: m.from, reasons: m.reasons.map((r) => r.code) }));

test('replies and new messages become their units’ declarations; a stranger and a 50 MB message wait on the list; each once', async () => {
  const { env, smtp, advanceTo, taskQueue } = engine();
  yearId = (await engine().startYear(smallBloc((c) => void (c.mailbox = { confirmAtOnce: true })), Y)).workflowId;
  await advanceTo(`${Y}-06-07T08:05`);
  const reminders = await smtp.waitFor(3);
  const reminderTo = (address: string) => reminders.find((r) => r.envelope.to.includes(address))?.messageId ?? '';
  for (const letter of letters(reminderTo)) await mailbox.smtp.sendMail(letter);

  await startWorker();
  const service = { blocs: ['thu-nghiem'], pollMs: 3_600_000 };
  const started = await startMailbox(env.client, { settings: mailbox.settings(), service, taskQueue });
  const firstRun = (await mailboxHandle().describe()).runId;
  // A worker restarted starts it again: the one running stays.
  expect(await startMailbox(env.client, { settings: mailbox.settings(), service, taskQueue })).toBe(started);
  expect((await mailboxHandle().describe()).runId).toBe(firstRun);

  const status = await aPass();
  expect(status).toMatchObject({ lastUid: 5, toMark: 0 });
  expect(status.outage).toBeUndefined();

  const { cells, byMail } = await yearAt(yearId);
  // Sở A proven and the bloc confirms mail: received. Sở B unproven, Sở Cê forged: awaiting the secretariat.
  expect(cells).toEqual({ 'so-a': 'submitted-on-time', 'so-b': 'declared', 'so-c': 'declared' });
  expect(byMail).toEqual({
    'so-a': [`${A} pass confirmed`],
    'so-b': ['giamdoc@so-b.example.vn none awaiting'],
    'so-c': [`${C} fail awaiting`],
  });
  expect(await unmatched()).toEqual([
    { from: 'vanthu@so-b.example.vn', reasons: ['too-large'] },
    { from: STRANGER, reasons: ['unknown-sender'] },
  ]);
  const large = (await mailboxHandle().query(mb.unmatchedMailQuery))[0];
  expect(large?.reasons.find((r) => r.code === 'too-large')?.text).toMatch(/^thư 68,4 MB vượt giới hạn 25 MB, không tải về/);

  // Recorded messages are flagged, none deleted.
  const client = imapClient(mailbox.settings());
  await client.connect();
  try {
    const folder = await client.mailboxOpen('INBOX', { readOnly: true });
    expect(folder.exists).toBe(5);
    const flagged: number[] = [];
    for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) if (m.flags?.has(DONE_FLAG)) flagged.push(m.uid);
    expect(flagged.sort()).toEqual([1, 3, 4]);
  } finally {
    await client.logout();
  }
  // Both deaths happened, and their retries were what recorded each message once.
  expect([dies.pass, dies.record].every((n) => n < 0)).toBe(true);
}, 180_000);

test('the IMAP server down, then restarted with the same mail delivered again: since when it was down, and nothing recorded or listed twice', async () => {
  const before = await mailboxHandle().query(mb.mailboxStatusQuery);
  await mailbox.server.stop();
  await mailboxHandle().signal(mb.checkMailNow);
  let down: mb.MailboxStatus | undefined;
  for (let i = 0; i < 100 && !down?.outage; i++) {
    await new Promise((r) => setTimeout(r, 200));
    down = await mailboxHandle().query(mb.mailboxStatusQuery);
  }
  expect(down?.outage).toMatchObject({
    since: expect.stringMatching(new RegExp(`^${Y}-06-07T08:`)),
    attempts: 1,
    reason: expect.stringMatching(/^ECONNREFUSED: máy chủ IMAP không nhận kết nối \(chưa chạy, hoặc sai cổng trong IMAP_URL\) \/ /),
  });
  expect(down?.lastUid).toBe(5);

  await mailbox.restart();
  const reminders = engine().smtp.messages;
  const reminderTo = (address: string) => reminders.find((r) => r.envelope.to.includes(address))?.messageId ?? '';
  for (const letter of letters(reminderTo).filter((l) => l.messageId !== '<lon-1@so-b.example.vn>')) await mailbox.smtp.sendMail(letter);

  const status = await aPass();
  expect(status.outage).toBeUndefined();
  expect(status.uidValidity).not.toBe(before.uidValidity);
  const { cells, byMail } = await yearAt(yearId);
  expect(cells).toEqual({ 'so-a': 'submitted-on-time', 'so-b': 'declared', 'so-c': 'declared' });
  expect(Object.values(byMail).map((list) => list.length)).toEqual([1, 1, 1]);
  expect((await unmatched()).map((m) => m.from)).toEqual(['vanthu@so-b.example.vn', STRANGER]);
}, 120_000);

test('the secretariat assigns the stranger’s message to a unit and dismisses the message too large', async () => {
  const { handle } = await yearAt(yearId);
  const assign = (unitId: string) => mailboxHandle().executeUpdate(mb.assignMail, { args: [{ messageId: '<la-1@thu.example.com>', workflowId: yearId, unitId, itemId: REPORT, by: 'thuky' }] });
  // Sở Cê's forged word awaits an answer: the year refuses a second, and the message stays on the list.
  expect(await refusal(assign('so-c'))).toMatch(/^itemId: đơn vị đã báo gửi "Báo cáo sơ kết 6 tháng" lúc .*, đang chờ Thư ký xác nhận/);
  await handle.executeUpdate(msg.reviewDeclaration, { args: [{ unitId: 'so-c', itemId: REPORT, decision: 'reject', reason: 'Thư giả mạo địa chỉ Sở Cê' }] });
  expect(await assign('so-c')).toMatchObject({ status: 'recorded', outcome: 'recorded', confirmed: false });
  expect(await refusal(mailboxHandle().executeUpdate(mb.dismissMail, { args: [{ messageId: '<khong-co@x>', by: 'thuky' }] }))).toMatch(/^messageId: không có thư này/);
  await mailboxHandle().executeUpdate(mb.dismissMail, { args: [{ messageId: '<lon-1@so-b.example.vn>', by: 'thuky', reason: 'Đã gọi Sở B gửi lại bản nhỏ hơn' }] });

  expect(await unmatched()).toEqual([]);
  const { cells, byMail } = await yearAt(yearId);
  expect(cells['so-c']).toBe('declared');
  expect(byMail['so-c']).toEqual([`${C} fail rejected`, `${STRANGER} none awaiting`]);
  await recordHistory(handle, 'mailed-year.json');
  // The mailbox runs for years: the next release replays this one's passes, crashes, outage, assignment and dismissal.
  await recordHistory(mailboxHandle(), 'mailbox.json');
}, 60_000);
