/**
 * The secretariat's list "Thư chưa khớp" in a real browser (chromium), over a real mailbox (GreenMail) read by the
 * mailbox's worker on the time-skipping server: a message from an address no unit has, naming the 6-month report,
 * is assigned to Sở Cê in two clicks (the item is suggested already), and the matrix shows Sở Cê declared, its cell
 * saying the word came by mail from a sender not proven.
 */
import { startMailbox } from '../../worker/mailbox';
import { mailboxWorkflowId } from '../../workflows/mailbox-messages';
import { launchBrowser, type Browser } from '../support/browser';
import { pdf } from '../support/documents';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useMailbox } from '../support/mailbox-worker';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, PASSWORD, startTimeSkippingConsole, type TimeSkippingConsole } from '../support/web';

const fixture = useMailbox();
let fx: TimeSkippingConsole;
let browser: Browser;

beforeAll(async () => {
  [fx, browser] = await Promise.all([startTimeSkippingConsole({ mailbox: mailboxWorkflowId(fixture.mailbox().settings()) }), launchBrowser()]);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await fx?.teardown();
});

test('the secretariat assigns a stranger’s message to a unit, and sees the unit’s cell declared', async () => {
  const { engine, web } = fx;
  const { env, advanceTo, taskQueue } = engine;
  const { page } = browser;
  const mailbox = fixture.mailbox();
  const { workflowId } = await engine.startYear(smallBloc(), Y);
  await advanceTo(`${Y}-06-03T09:00`);
  await mailbox.smtp.sendMail({
    from: 'Chị Hoa <hoa.nguyen@thu.example.com>',
    to: mailbox.address,
    date: new Date(`${Y}-06-03T01:00:00Z`),
    subject: 'Sở Cê gửi Báo cáo sơ kết 6 tháng',
    messageId: '<hoa-1@thu.example.com>',
    text: 'Em gửi thay văn thư Sở Cê.',
    attachments: [{ filename: 'Bao cao 6 thang.pdf', content: pdf('1 0 obj << /Type /Catalog >> endobj'), contentType: 'application/pdf' }],
  });
  const worker = await fixture.startWorker(env, taskQueue);
  await startMailbox(env.client, { settings: mailbox.settings(), service: { blocs: ['thu-nghiem'], pollMs: 3_600_000 }, taskQueue });
  await worker.aPass();

  await page.goto(`${web.url}/dang-nhap`);
  await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // The main page links the list, but lists years through visibility, which the time-skipping server lacks.
  await page.goto(`${web.url}/thu-chua-khop`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Thư chưa khớp');
  const row = page.getByRole('row', { name: /hoa\.nguyen@thu\.example\.com/ });
  await expect(row.textContent()).resolves.toMatch(/Sở Cê gửi Báo cáo sơ kết 6 tháng.*chưa xác thực.*người gửi không thuộc đơn vị nào \(hoa\.nguyen@thu\.example\.com\).*Báo cáo sơ kết 6 tháng/s);

  // Two clicks: the unit, then record (the item is the one the subject names).
  await row.getByLabel('Đơn vị').selectOption({ label: 'Sở Cê' });
  await row.getByRole('button', { name: 'Ghi nhận cho đơn vị' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe('Đã ghi nhận thư cho đơn vị.');
  await expect(page.locator('#no-unmatched').count()).resolves.toBe(1);

  await page.locator('#lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Unmatched mail');
  await expect(page.locator('#no-unmatched').textContent()).resolves.toBe('No message waits for the secretariat.');
  await page.locator('#lang-switch').click();

  await page.goto(`${web.url}/khoi/thu-nghiem/${Y}`);
  await expect(page.locator('td[data-unit="so-c"][data-item="bao-cao-6-thang"]').getAttribute('class')).resolves.toBe('s-declared');
  // The cell, where the secretariat confirms it, says where the word came from and that the sender is not proven.
  await page.locator('td[data-unit="so-c"][data-item="bao-cao-6-thang"] a').click();
  await expect(page.locator('.by-mail').textContent()).resolves.toBe('gửi qua thư điện tử từ hoa.nguyen@thu.example.com, người gửi chưa xác thực');
  const declared = (await env.client.workflow.getHandle(workflowId).query('declarations')) as Record<string, Record<string, { mail?: { from: string } }[]>>;
  expect(declared['bao-cao-6-thang']?.['so-c']?.map((d) => d.mail?.from)).toEqual(['hoa.nguyen@thu.example.com']);
}, 180_000);
