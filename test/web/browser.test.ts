/**
 * The console in a real browser: Debian's chromium driven by playwright-core, on the dev server with the real
 * worker. Sign in, read the matrix, record a submission and see its cell change, see one recorded elsewhere
 * appear without a reload, see refusals of a receipt and of an extension in the validator's words, and open a
 * unit's own page by its signed link. The screenshots in docs/ are taken here. Without chromium the test fails
 * and says so: nothing is skipped in silence.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { recordSubmission } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { ROOT } from '../support/dist';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, BLOC, PASSWORD, startWebFixture, type WebFixture } from '../support/web';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCS = join(ROOT, 'docs');

let fx: WebFixture;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install it (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  fx = await startWebFixture();
  profile = mkdtempSync(join(tmpdir(), 'bloc-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
  });
  page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(DOCS, { recursive: true });
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await fx?.teardown();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('sign in, read the matrix, record a submission and see the cell change; the matrix follows live; refusals show the validator’s words', async () => {
  const year = fx.year;
  const afterDeadline = encodeURIComponent(`${year}-06-20T08:00:00+07:00`);
  const matrix = `${fx.web.url}/khoi/${BLOC}/${year}`;

  await page.goto(`${matrix}?luc=${afterDeadline}`);
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');
  await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === `/khoi/${BLOC}/${year}`);

  const cell = page.locator('td[data-unit="so-b"][data-item="bao-cao-6-thang"]');
  await expect(cell.textContent()).resolves.toMatch(/^quá hạn \d+ ngày/);
  // The markup in the unit's name is shown as text.
  await expect(page.getByRole('rowheader', { name: 'Sở <b>Bê</b> & "Cờ"' }).count()).resolves.toBe(1);

  await cell.getByRole('link').click();
  await page.waitForURL(/\/o\/so-b\/bao-cao-6-thang$/);
  await page.getByLabel('Số văn bản').fill('15/BC-SB');
  await page.getByLabel('Thời điểm nhận (để trống: bây giờ)').fill(`${year}-06-01T10:00`);
  await page.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('Thời điểm nhận: thời điểm nhận ở tương lai');
  await page.screenshot({ path: join(DOCS, 'web-refusal.png'), fullPage: true });

  await page.getByLabel('Thời điểm nhận (để trống: bây giờ)').fill('');
  await page.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe('Đã ghi nhận hồ sơ.');
  await expect(page.locator('#cell-state').textContent()).resolves.toBe('đúng hạn');
  await page.screenshot({ path: join(DOCS, 'web-cell.png'), fullPage: true });

  await page.goto(`${matrix}?luc=${afterDeadline}`);
  await expect(cell.textContent()).resolves.toBe('đúng hạn');
  await expect(page.locator('td[data-unit="so-c"][data-item="bao-cao-6-thang"]').textContent()).resolves.toMatch(/^quá hạn/);
  await page.screenshot({ path: join(DOCS, 'web-matrix.png'), fullPage: true });

  // Live: a submission recorded elsewhere (here, the CLI's Update) shows in the open page without a reload.
  // Page-side code as strings: the tests compile without the DOM's types.
  await page.evaluate('window.samePage = true');
  await fx.env.client.workflow
    .getHandle(workflowIdFor(BLOC, year))
    .executeUpdate(recordSubmission, { args: [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', reference: '3/BC-SA' }] });
  const soA = page.locator('td[data-unit="so-a"][data-item="bao-cao-6-thang"]');
  for (let tries = 0; (await soA.textContent()) !== 'đúng hạn' && tries < 50; tries++) await page.waitForTimeout(200);
  await expect(soA.textContent()).resolves.toBe('đúng hạn');
  await expect(page.evaluate('window.samePage')).resolves.toBe(true);

  // An extension that ends before the current cut-off is refused in the validator's words; a later one shows.
  await page.locator('td[data-unit="so-c"][data-item="bao-cao-6-thang"]').getByRole('link').click();
  await page.getByLabel('Đến hết ngày').fill(`${year}-06-01`);
  await page.getByLabel('Lý do').fill('Công văn 12/CV');
  await page.getByRole('button', { name: 'Gia hạn' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Đến hết ngày: gia hạn phải sau hạn hiện tại/);
  await page.getByLabel('Đến hết ngày').fill(`${year}-06-30`);
  await page.getByRole('button', { name: 'Gia hạn' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe('Đã gia hạn.');
  await expect(page.locator('#cell-state').textContent()).resolves.toBe('gia hạn đến 30/6');

  // The unit's own page, by the signed link its cell gives, opened without an account.
  const unitLink = (await page.locator('#unit-link').getAttribute('href')) ?? '';
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.pathname === '/dang-nhap');
  await page.goto(matrix);
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');

  // Signed out, the unit's link still opens the unit's own page: it needs no account.
  await page.goto(unitLink);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Sở Cê — năm ${year}`);
  await expect(page.getByRole('row', { name: /Báo cáo sơ kết 6 tháng/ }).textContent()).resolves.toContain('gia hạn đến 30/6');
  await page.screenshot({ path: join(DOCS, 'web-unit.png'), fullPage: true });
});
