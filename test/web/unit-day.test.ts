/**
 * A unit's day in a real browser (chromium), from the reminder it really received: the demonstration bloc, with
 * nothing recorded by the secretariat, on the time-skipping server, so that its three-minute steps pass in
 * seconds. Every unit is reminded at step 0, the report is due at step 1, and units that have not sent are
 * followed up at step 2. The screenshot docs/web-unit-declared.png is taken here.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import { buildDemonstration } from '../../config/demo';
import { logQuery } from '../../workflows/messages';
import { DOCS, launchBrowser, type Browser } from '../support/browser';
import { FIXTURE_YEAR } from '../support/fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ZONE } from '../support/time-skipping-engine';
import { ACCOUNTS, startTimeSkippingConsole, WebAgent, type TimeSkippingConsole } from '../support/web';

let fx: TimeSkippingConsole;
let browser: Browser;

beforeAll(async () => {
  [fx, browser] = await Promise.all([startTimeSkippingConsole(), launchBrowser()]);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await fx?.teardown();
});

/** A small but real PDF, as a văn thư attaches the scan of the signed report. */
const REPORT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a unit opens its page from the reminder it received, declares with its PDF, and gets no follow-up; the others do', async () => {
  const { engine, web } = fx;
  const { env, smtp, advanceTo, taskQueue } = engine;
  const { page } = browser;
  // A working morning, for the screenshot.
  await advanceTo(`${FIXTURE_YEAR - 1}-12-01T09:00`);
  const now = new Date(await env.currentTimeMs());
  const demo = buildDemonstration(now);
  const { workflowId } = await startBlocYear(env.client, demo.config, demo.year, { taskQueue, now });
  const step = (n: number) => new Date(demo.startsAt.getTime() + n * demo.stepMinutes * 60_000);
  const mailbox = (unitId: string) => demo.config.units.find((u) => u.id === unitId)?.emails[0] ?? '';
  const to = (unitId: string, subject: RegExp) => smtp.messages.filter((m) => m.envelope.to.includes(mailbox(unitId)) && subject.test(m.subject));

  // Step 0: the reminders.
  await advanceTo(new Date(step(0).getTime() + 30_000));
  await smtp.waitFor(3, 30_000);
  const reminder = to('so-xay-dung', /Nhắc hạn/)[0];
  const link = /Trang riêng của Quý đơn vị \(các hạn, tình hình nộp\): (\S+)/.exec(reminder?.text ?? '')?.[1] ?? '';
  expect(link).toMatch(new RegExp(`^${web.url}/don-vi/${demo.config.bloc.id}/${demo.year}/so-xay-dung\\?het=\\d+&qua=thu&ky=`));

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Sở Xây dựng (minh họa) — năm ${demo.year}`);
  await page.getByLabel('Việc').selectOption('bao-cao-nhanh');
  await page.getByLabel('Số văn bản').fill('17/BC-SXD');
  await page.getByLabel('Ngày gửi').fill(DateTime.fromMillis(engine.clock(), { zone: ZONE }).toISODate() ?? '');
  await page.getByLabel('Người báo (họ tên, chức vụ)').fill('Trần Thị Văn Thư, văn thư');
  await page.getByLabel(/^Văn bản đính kèm/).setInputFiles({ name: 'Báo cáo nhanh.pdf', mimeType: 'application/pdf', buffer: REPORT_PDF });
  await page.getByRole('button', { name: 'Báo đã gửi' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Đã ghi nhận lời báo của đơn vị\./);
  await expect(page.getByRole('row', { name: /Báo cáo nhanh/ }).first().textContent()).resolves.toMatch(/đơn vị báo đã gửi ngày \d+\/\d+, chờ xác nhận/);
  await expect(page.getByRole('cell', { name: 'chờ Thư ký xác nhận' }).count()).resolves.toBe(1);
  // Who the unit says declared, and that it came through the link in its own mail.
  await expect(page.getByRole('cell', { name: /^Trần Thị Văn Thư, văn thư/ }).textContent()).resolves.toBe('Trần Thị Văn Thư, văn thưqua đường dẫn trong thư gửi đơn vị');
  await page.screenshot({ path: join(DOCS, 'web-unit-declared.png'), fullPage: true });

  // Step 2: the two units that sent nothing are followed up; the one that declared is not.
  await advanceTo(new Date(step(2).getTime() + 30_000));
  await smtp.waitFor(3 + 3 + 2 + 1, 30_000);
  const log = await env.client.workflow.getHandle(workflowId).query(logQuery);
  const aboutReport = (unitId: string) => log.filter((e) => e.addressee === unitId).flatMap((e) => e.notices.filter((n) => n.itemId === 'bao-cao-nhanh').map((n) => n.kind));
  expect(aboutReport('so-xay-dung')).toEqual(['reminder']);
  expect(aboutReport('so-y-te')).toEqual(['reminder', 'followUp']);
  expect(to('so-xay-dung', /Chưa nộp/)).toEqual([]);
  expect(to('so-giao-duc', /Chưa nộp/)).toHaveLength(1);

  // The province board reads the year's record: the unit was reminded at step 0, and its word awaits an answer.
  const board = new WebAgent(web.url);
  await board.signIn(ACCOUNTS.board.name);
  const year = `/khoi/${demo.config.bloc.id}/${demo.year}`;
  const rowsOf = async (path: string) => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(await (await board.request(path)).text())?.[1] ?? '';
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
  };
  const stepZero = DateTime.fromJSDate(demo.startsAt, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
  const toUnit = await rowsOf(`${year}/nhat-ky?don-vi=so-xay-dung`);
  expect(toUnit.filter((r) => r.includes('Báo cáo nhanh'))).toEqual([expect.stringMatching(new RegExp(`^${stepZero} .*Sở Xây dựng \\(minh họa\\).*Báo cáo nhanh kết quả phong trào thi đua \\(trình diễn\\) \\(nhắc hạn\\).* đã gửi$`))]);
  const digests = await rowsOf(`${year}/nhat-ky?tong-hop=1`);
  expect(digests).toEqual([expect.stringMatching(/Thư tổng hợp \(Khối trưởng, Thư ký\).*\(tổng hợp\).* đã gửi$/)]);
  expect(await rowsOf(`${year}/cho-xac-nhan`)).toEqual([expect.stringMatching(/^Sở Xây dựng \(minh họa\) Báo cáo nhanh .* 17\/BC-SXD Báo cáo nhanh\.pdf$/)]);
  await env.client.workflow.getHandle(workflowId).terminate('test over');
});
