/**
 * A unit's own page, opened by the signed link the secretariat sends it or its reminder email carries: no account
 * needed, its own items only; a tampered link, another unit's, or an expired one gets a refusal page and changes
 * nothing.
 *
 * @devserver
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { smtpSettingsFromEnv } from '../../activities/mail/settings';
import { createMailTransport } from '../../activities/mail/transport';
import { declarationsQuery, statusQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { addAccount, removeAccount } from '../../client/accounts';
import { signedUnitPath, unitLinker } from '../../activities/mail/unit-links';
import { builtComposer } from '../support/dist';
import { wordBomb, wordDocument } from '../support/documents';
import { message } from '../support/mail-fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, BLOC, PASSWORD, startWebFixture, UNIT_LINK_KEYS, UPLOAD_LIMIT, WebAgent, type WebFixture } from '../support/web';

let fx: WebFixture;
let link: string;

beforeAll(async () => {
  fx = await startWebFixture();
  const secretariat = new WebAgent(fx.web.url);
  expect((await secretariat.signIn(ACCOUNTS.secretariat.name)).status).toBe(303);
  const cell = await (await secretariat.request(`/khoi/${BLOC}/${fx.year}/o/so-b/bao-cao-6-thang`)).text();
  link = /id="unit-link">([^<]+)</.exec(cell)?.[1]?.replace(/&amp;/g, '&') ?? '';
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

const open = (url: string) => fetch(url, { redirect: 'manual' });

async function cells() {
  return (await fx.env.client.workflow.getHandle(workflowIdFor(BLOC, fx.year)).query(statusQuery, {})).cells;
}

test('the secretariat’s cell page gives the unit’s signed link; it opens the unit’s own items without an account', async () => {
  expect(link).toMatch(new RegExp(`^${fx.web.url}/don-vi/${BLOC}/${fx.year}/so-b\\?het=\\d+&qua=tk\\.${ACCOUNTS.secretariat.name}&ky=[\\w-]{43}$`));
  const response = await open(link);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const page = await response.text();
  expect(page).toContain('Sở &lt;b&gt;Bê&lt;/b&gt; &amp; &quot;Cờ&quot; — năm');
  expect(page).toContain('Báo cáo sơ kết 6 tháng');
  expect(page).toContain('chưa đến hạn');
  expect(page).not.toContain('Sở Cê');
  expect(page).not.toContain('Đăng xuất');

  // The leader and the province board read the same cell without the link: it would let them act as the unit.
  for (const account of [ACCOUNTS.leader, ACCOUNTS.board]) {
    const reader = new WebAgent(fx.web.url);
    expect((await reader.signIn(account.name)).status).toBe(303);
    const cell = await (await reader.request(`/khoi/${BLOC}/${fx.year}/o/so-b/bao-cao-6-thang`)).text();
    expect([account.name, cell.includes('Báo cáo sơ kết 6 tháng'), cell.includes('/don-vi/'), cell.includes('id="unit-link"')]).toEqual([account.name, true, false, false]);
  }
});

test('the unit’s page lists its meetings, and its header leads back to itself, not to a sign-in it has no account for', async () => {
  const page = await (await open(link)).text();
  const meetings = /<table id="unit-meetings">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
  const rows = [...meetings.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td>/g)].map((m) => `${m[1]}: ${m[2]}`);
  expect(rows).toEqual([`Hội thao Khối: Quý III/${fx.year} (chờ ấn định ngày)`, `Hội nghị tổng kết: tháng 1/${fx.year + 1} (chờ ấn định ngày)`]);
  const home = /<header><a href="([^"]+)">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  expect(`${fx.web.url}${home}`).toBe(link);
});

test('a tampered link, another unit’s, or an expired one is refused with a clear page, and records nothing', async () => {
  const before = await cells();
  const url = new URL(link);
  const signature = url.searchParams.get('ky') ?? '';
  const tampered = new URL(link);
  tampered.searchParams.set('ky', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
  const longer = new URL(link);
  longer.searchParams.set('het', String(Number(url.searchParams.get('het')) + 86_400_000));
  const otherUnit = new URL(link.replace('/so-b?', '/so-c?'));
  for (const refused of [tampered, longer, otherUnit]) {
    const response = await open(refused.href);
    expect([refused.pathname, response.status]).toEqual([refused.pathname, 403]);
    expect(await response.text()).toContain('Đường dẫn không hợp lệ: đã bị sửa, hoặc không phải của đơn vị này.');
  }
  const expired = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: fx.year, unit: 'so-b' }, fx.clock() - 1000, { link: 'mail' });
  const response = await open(`${fx.web.url}${expired}`);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('Đường dẫn đã hết hạn.');
  expect(await cells()).toEqual(before);
});

test('a link copied from the console stops working when its account may no longer act for the bloc', async () => {
  const accounts = join(fx.dir, 'accounts.json');
  const copier = { name: 'thu-ky-tam', role: 'secretariat' as const, blocs: [BLOC] };
  await addAccount(accounts, copier, PASSWORD);
  const agent = new WebAgent(fx.web.url);
  expect((await agent.signIn(copier.name)).status).toBe(303);
  const cell = await (await agent.request(`/khoi/${BLOC}/${fx.year}/o/so-c/bao-cao-6-thang`)).text();
  const copied = /id="unit-link">([^<]+)</.exec(cell)?.[1]?.replace(/&amp;/g, '&') ?? '';
  expect(copied).toContain('&qua=tk.thu-ky-tam&');
  expect((await open(copied)).status).toBe(200);

  const before = await handle().query(declarationsQuery);
  expect(removeAccount(accounts, copier.name)).toBe(true);
  const refused = await open(copied);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('Đường dẫn này do một tài khoản Thư ký sao chép, nay tài khoản đó không còn quyền.');
  expect(await handle().query(declarationsQuery)).toEqual(before);
  // The unit's own mailed link is untouched.
  expect((await open(link)).status).toBe(200);
});

test('a link signed with the old key opens the page while the rotation lasts', async () => {
  const previous = UNIT_LINK_KEYS.previous;
  if (!previous) throw new Error('the fixture rotates a key');
  const old = signedUnitPath({ current: previous.key }, { bloc: BLOC, year: fx.year, unit: 'so-c' }, fx.clock() + 3_600_000, { link: 'mail' });
  const response = await open(`${fx.web.url}${old}`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Sở Cê — năm');
});

test('a reminder email carries the unit’s link, which opens its page; a digest carries none', async () => {
  const settings = smtpSettingsFromEnv({ SMTP_URL: fx.smtp.url, MAIL_FROM: 'Khối thi đua <khoi@khoi.example.vn>' });
  const transport = createMailTransport(settings);
  const unit = { kind: 'unit' as const, unitId: 'so-b', name: 'Sở Bê', to: ['vanthu@so-b.example.vn'], cc: [] };
  const digest = { kind: 'digest' as const, name: 'Thư ký Khối', to: ['thuky@khoi.example.vn'], cc: [] };
  const bloc = { ...message().bloc, id: BLOC };
  try {
    const acts = createActivities({ settings, transport, composer: builtComposer(settings.from), unitLink: unitLinker(UNIT_LINK_KEYS, fx.web.url) });
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') });
    await env.run(acts.sendMessage, message({ key: `${BLOC}/${fx.year}/so-b/link`, bloc, year: fx.year, addressee: unit }));
    await env.run(acts.sendMessage, message({ key: `${BLOC}/${fx.year}/digest/link`, bloc, year: fx.year, addressee: digest }));
  } finally {
    transport.close();
  }
  const received = (to: string) => fx.smtp.messages.find((m) => m.envelope.to.includes(to));
  const text = received('vanthu@so-b.example.vn')?.text ?? '';
  const url = /Trang riêng của Quý đơn vị \(các hạn, tình hình nộp\): (\S+)/.exec(text)?.[1] ?? '';
  expect(url).toMatch(new RegExp(`^${fx.web.url}/don-vi/${BLOC}/${fx.year}/so-b\\?het=\\d+&qua=thu&ky=`));
  expect(received('vanthu@so-b.example.vn')?.html).toContain(url.replace(/&/g, '&amp;'));
  const page = await open(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Sở &lt;b&gt;Bê&lt;/b&gt; &amp; &quot;Cờ&quot; — năm');
  expect(received('thuky@khoi.example.vn')?.text).not.toContain('/don-vi/');
});

/** A small but real PDF: what a văn thư attaches. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Where the unit page's declaration form posts, with the page's token. */
async function declarationForm(pageUrl: string): Promise<{ action: string; token: string }> {
  const page = await (await open(pageUrl)).text();
  const action = /<form class="box" method="post" action="([^"]+)" enctype="multipart\/form-data">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!action || !token) throw new Error('the unit page has no declaration form');
  return { action, token };
}

/** The declaration form, posted as the browser posts it (multipart, with the page's token). */
async function post(to: { action: string; token: string }, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', to.token);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', new Blob([file.bytes], { type: file.type }), file.name);
  return fetch(`${fx.web.url}${to.action}`, { method: 'POST', body: form, redirect: 'manual' });
}

const declare = async (pageUrl: string, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }) => post(await declarationForm(pageUrl), fields, file);

const handle = () => fx.env.client.workflow.getHandle(workflowIdFor(BLOC, fx.year));
const today = () => DateTime.fromMillis(fx.clock(), { zone: 'Asia/Ho_Chi_Minh' }).toISODate() ?? '';

test('a unit declares with its PDF: recorded as its word with the file’s SHA-256, shown to the secretariat, the file downloadable', async () => {
  const response = await declare(link, { itemId: 'tong-hop-6-thang', reference: '<b>31</b>/BC-SB', sentOn: today(), by: 'Văn thư Sở Bê' }, { bytes: PDF_BYTES, name: 'Tổng hợp 6 tháng.pdf', type: 'application/pdf' });
  expect(response.status).toBe(303);
  const back = new URL(response.headers.get('location') ?? '', fx.web.url);
  expect(back.searchParams.get('da')).toBe('bao-gui');
  const page = await (await open(back.href)).text();
  expect(page).toContain('Đã ghi nhận lời báo của đơn vị.');
  expect(page).toMatch(/đơn vị báo đã gửi ngày \d+\/\d+, chờ xác nhận/);
  expect(page).toContain('&lt;b&gt;31&lt;/b&gt;/BC-SB');

  const sha256 = createHash('sha256').update(PDF_BYTES).digest('hex');
  const record = await handle().query(declarationsQuery);
  expect(record['tong-hop-6-thang']?.['so-b']).toEqual([
    expect.objectContaining({
      reference: '<b>31</b>/BC-SB',
      sentOn: today(),
      by: 'Văn thư Sở Bê',
      via: { link: 'console', account: ACCOUNTS.secretariat.name },
      file: { sha256, name: 'Tổng hợp 6 tháng.pdf', size: PDF_BYTES.length, type: 'pdf' },
    }),
  ]);
  expect(readFileSync(join(fx.dir, 'uploads', sha256.slice(0, 2), sha256))).toEqual(PDF_BYTES);

  // The secretariat sees the word, escaped, with the file to download; another bloc's account gets neither.
  const secretariat = new WebAgent(fx.web.url);
  await secretariat.signIn(ACCOUNTS.secretariat.name);
  const cell = await (await secretariat.request(`/khoi/${BLOC}/${fx.year}/o/so-b/tong-hop-6-thang`)).text();
  expect(cell).toContain('Đơn vị báo đã gửi');
  expect(cell).toContain(`Văn thư Sở Bê<br><small>qua đường dẫn do tài khoản ${ACCOUNTS.secretariat.name} sao chép từ bảng điều khiển</small>`);
  expect(cell).toContain('&lt;b&gt;31&lt;/b&gt;/BC-SB');
  expect(cell).not.toContain('<b>31</b>');
  expect(cell).toContain('Xác nhận đã nhận');
  const download = await secretariat.request(`/khoi/${BLOC}/${fx.year}/tep/${sha256}`);
  expect([download.status, download.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF_BYTES);
  const unknown = await secretariat.request(`/khoi/${BLOC}/${fx.year}/tep/${'0'.repeat(64)}`);
  expect(unknown.status).toBe(404);

  // The secretariat confirms: the cell is a submission carrying the unit's document.
  const confirmPage = `/khoi/${BLOC}/${fx.year}/o/so-b/tong-hop-6-thang`;
  const token = await secretariat.tokenOf(confirmPage);
  const confirmed = await secretariat.request(`${confirmPage}/xac-nhan`, { form: { _csrf: token, receivedAt: '' } });
  expect(confirmed.status).toBe(303);
  const after = (await handle().query(statusQuery, {})).cells.find((c) => c.unitId === 'so-b' && c.itemId === 'tong-hop-6-thang');
  expect(after).toMatchObject({ state: 'submitted-on-time', reference: '<b>31</b>/BC-SB', file: { sha256 } });
});

test('a file of the wrong type, or over the limit, is refused with the reason and records nothing', async () => {
  const before = await handle().query(declarationsQuery);
  const fields = { itemId: 'bao-cao-6-thang', reference: '5/BC-SB', sentOn: today() };
  const notPdf = await declare(link, fields, { bytes: Buffer.from('MZ\x90\x00 not a document'), name: 'bao-cao.pdf', type: 'application/pdf' });
  expect(notPdf.status).toBe(422);
  expect(await notPdf.text()).toContain('Tệp đính kèm: chỉ nhận văn bản PDF hoặc DOCX (Word); tệp này không phải');

  const renamed = await declare(link, fields, { bytes: PDF_BYTES, name: 'bao-cao.docx', type: 'application/pdf' });
  expect(renamed.status).toBe(422);
  expect(await renamed.text()).toContain('Tệp đính kèm: tên tệp phải có đuôi .pdf như nội dung của nó');

  // Under the size limit, a ZIP of 200 MB and a Word document carrying a program: the contents are read.
  const bomb = await declare(link, fields, { bytes: wordBomb(200), name: 'bao-cao.docx', type: 'application/octet-stream' });
  expect(bomb.status).toBe(422);
  expect(await bomb.text()).toContain('Tệp đính kèm: DOCX giải nén ra 200 MB, quá 100 MB');
  const program = wordDocument(undefined, [{ name: 'evil.exe', data: Buffer.from('MZ\x90\x00') }]);
  const carrier = await declare(link, fields, { bytes: program, name: 'bao-cao.docx', type: 'application/octet-stream' });
  expect(carrier.status).toBe(422);
  expect(await carrier.text()).toContain('Tệp đính kèm: DOCX chứa &quot;evil.exe&quot;: không nhận macro, tệp chạy được');

  const large = Buffer.concat([PDF_BYTES, Buffer.alloc(UPLOAD_LIMIT + 80 * 1024, 0x20)]);
  const tooLarge = await declare(link, fields, { bytes: large, name: 'bao-cao.pdf', type: 'application/pdf' });
  expect(tooLarge.status).toBe(413);
  expect(await tooLarge.text()).toContain('Tệp đính kèm: vượt giới hạn 256 kB; không có gì được ghi nhận.');

  // A future day is the workflow's refusal, shown in the form's words; the document sent with it is not kept.
  const uploads = join(fx.dir, 'uploads');
  const storedFiles = () => (existsSync(uploads) ? readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : []);
  const filesBefore = storedFiles();
  const unkept = Buffer.concat([PDF_BYTES, Buffer.from(`% ${randomUUID()}\n`)]);
  const future = await declare(link, { ...fields, sentOn: '2100-01-01' }, { bytes: unkept, name: 'bao-cao.pdf', type: 'application/pdf' });
  expect(future.status).toBe(422);
  expect(await future.text()).toContain('Ngày gửi: ngày gửi 1/1/2100 ở tương lai');
  expect(storedFiles()).toEqual(filesBefore);

  expect(await handle().query(declarationsQuery)).toEqual(before);
});

test('a unit’s links may upload so much a day: past it, 429 with the reason, and nothing recorded', async () => {
  const mailed = `${fx.web.url}${signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: fx.year, unit: 'so-a' }, fx.clock() + 3_600_000, { link: 'mail' })}`;
  const large = (n: number) => ({ bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(UPLOAD_LIMIT - 8 * 1024, 0x20), Buffer.from(`% ${n}\n`)]), name: 'bao-cao.pdf', type: 'application/pdf' });
  const fields = { itemId: 'bao-cao-6-thang', reference: '7/BC-SA', sentOn: today() };
  // The page as first opened: once the report is declared, it offers no form, but a script may post all the same.
  const form = await declarationForm(mailed);
  expect((await post(form, fields, large(1))).status).toBe(303);
  // Refused by the year (already declared): its bytes were received all the same, and count.
  expect((await post(form, fields, large(2))).status).toBe(422);
  const before = await handle().query(declarationsQuery);
  const third = await post(form, fields, large(3));
  expect(third.status).toBe(429);
  expect(await third.text()).toContain('Tệp đính kèm: hôm nay đơn vị đã gửi 497 kB tệp qua đường dẫn, giới hạn một ngày là 512 kB; không có gì được ghi nhận.');
  expect(await handle().query(declarationsQuery)).toEqual(before);
  // Another unit's links are counted apart: this one is refused by the year, not by the allowance.
  const other = await post(await declarationForm(link), { ...fields, itemId: 'tong-hop-6-thang', sentOn: '2100-01-01' }, large(4));
  expect(other.status).toBe(422);
});

test('a declaration through a tampered or another unit’s link is refused and records nothing', async () => {
  const before = await handle().query(declarationsQuery);
  const page = await (await open(link)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const form = () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ _csrf: token, itemId: 'bao-cao-6-thang', reference: '6/BC', sentOn: today() })) f.set(k, v);
    return f;
  };
  const url = new URL(link);
  const post = (path: string) => fetch(`${fx.web.url}${path}/bao-gui${url.search}`, { method: 'POST', body: form(), redirect: 'manual' });
  const other = await post(url.pathname.replace('/so-b', '/so-c'));
  expect(other.status).toBe(403);
  expect(await other.text()).toContain('Đường dẫn không hợp lệ');
  const tampered = new URL(link);
  tampered.searchParams.set('ky', 'A'.repeat(43));
  const forged = await fetch(`${fx.web.url}${url.pathname}/bao-gui${tampered.search}`, { method: 'POST', body: form(), redirect: 'manual' });
  expect(forged.status).toBe(403);
  // The right link without the page's token: the form is refused.
  const noToken = new FormData();
  noToken.set('itemId', 'bao-cao-6-thang');
  const unsigned = await fetch(`${fx.web.url}${url.pathname}/bao-gui${url.search}`, { method: 'POST', body: noToken, redirect: 'manual' });
  expect(unsigned.status).toBe(403);
  expect(await handle().query(declarationsQuery)).toEqual(before);
});

test('the unit downloads its year as a calendar file: its cut-offs, as its reminder emails give them', async () => {
  const page = await (await open(link)).text();
  const href = /<a href="([^"]+lich\.ics[^"]*)" download>/.exec(page)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const response = await open(`${fx.web.url}${href}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const ics = (await response.text()).replace(/\r\n /g, '');
  const due = (await handle().query(statusQuery, {})).cells.find((c) => c.unitId === 'so-b' && c.itemId === 'bao-cao-6-thang')?.dueAt ?? '';
  const end = new Date(Math.ceil(Date.parse(due) / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  expect(ics).toContain(`UID:bao-cao-6-thang.${fx.year}.${BLOC}@bloc-engine`);
  expect(ics).toContain('SUMMARY;LANGUAGE=vi:Hạn cuối: Báo cáo sơ kết 6 tháng');
  expect(ics).toContain(`DTEND:${end}`);
});
