/**
 * The console in a real browser: Debian's chromium driven by playwright-core, on the dev server with the real
 * worker. Sign in, read the matrix, record a submission and see its cell change, see one recorded elsewhere
 * appear without a reload, see refusals of a receipt and of an extension in the validator's words, and open a
 * unit's own page by its signed link. The screenshots in docs/ are taken here, and in test/web/unit-day.test.ts.
 *
 * @devserver
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Workbook } from 'exceljs';
import { DateTime } from 'luxon';
import { recordSubmission, scoresQuery, statusQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { DOCS, launchBrowser, type Browser } from '../support/browser';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { signedUnitPath } from '../../activities/mail/unit-links';
import { ACCOUNTS, BLOC, OTHER_BLOC, PASSWORD, startWebFixture, UNIT_LINK_KEYS, type WebFixture } from '../support/web';

let fx: WebFixture;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/**
 * The downloaded workbook as a spreadsheet shows it, for docs/: its sheets' cells read back with exceljs into a
 * grid (dates in the wall time Excel shows), rendered by the same browser. Chromium cannot open an .xlsx itself.
 */
async function screenshotSheets(book: Workbook, names: string[], path: string): Promise<void> {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const shown = (value: unknown) =>
    value instanceof Date ? DateTime.fromJSDate(value, { zone: 'UTC' }).toFormat('dd/MM/yyyy HH:mm') : value === null || value === undefined ? '' : String(value);
  const sheets = names.map((name) => {
    const sheet = book.getWorksheet(name);
    const rows = (sheet?.getRows(1, sheet.rowCount) ?? []).map(
      (r, i) => `<tr><th>${i + 1}</th>${Array.from({ length: sheet?.columnCount ?? 0 }, (_, c) => `<td>${escape(shown(r.getCell(c + 1).value))}</td>`).join('')}</tr>`,
    );
    return `<h2>${escape(name)}</h2><table>${rows.join('')}</table>`;
  });
  const sheetPage = await context.newPage();
  try {
    await sheetPage.setViewportSize({ width: 1366, height: 768 });
    await sheetPage.setContent(`<!doctype html><meta charset="utf-8"><style>
      body { font: 13px Calibri, Carlito, "Noto Sans", sans-serif; margin: 8px; } h2 { font-size: 14px; margin: 12px 0 4px; }
      table { border-collapse: collapse; } td, th { border: 1px solid #d4d4d4; padding: 2px 6px; white-space: nowrap; } th { background: #f0f0f0; color: #555; }
      </style><p>danh-gia.xlsx (đọc lại bằng exceljs)</p>${sheets.join('')}`);
    await sheetPage.screenshot({ path, fullPage: true });
  } finally {
    await sheetPage.close();
  }
}

beforeAll(async () => {
  [fx, browser] = await Promise.all([startWebFixture(), launchBrowser()]);
  ({ context, page } = browser);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await fx?.teardown();
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

  // The evaluation workbook, downloaded as a person would, judged at the same instant as the page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về bảng đánh giá (.xlsx)' }).click()]);
  expect(download.suggestedFilename()).toBe(`danh-gia-${BLOC}-${year}.xlsx`);
  const book = new Workbook();
  await book.xlsx.readFile(await download.path());
  expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Báo cáo sơ kết 6 tháng', 'Tổng hợp báo cáo 6 tháng', 'Báo cáo điển hình tiên tiến']);
  const sheet = book.getWorksheet('Báo cáo sơ kết 6 tháng');
  const soB = sheet?.getRows(1, sheet.rowCount)?.find((r) => r.getCell(1).value === 'so-b');
  expect(soB?.getCell(2).value).toBe('Sở <b>Bê</b> & "Cờ"');
  expect(soB?.getCell(3).value).toMatch(/^quá hạn \d+ ngày/);
  const { dueAt } = (await fx.env.client.workflow.getHandle(workflowIdFor(BLOC, year)).query(statusQuery, {})).cells.find(
    (c) => c.unitId === 'so-b' && c.itemId === 'bao-cao-6-thang',
  ) ?? {};
  const due = soB?.getCell(4).value;
  expect(due).toBeInstanceOf(Date);
  // Excel's wall time is the bloc's: the cut-off's local day and hour, whatever the server's zone.
  expect((due as Date).toISOString().slice(0, 16)).toBe(DateTime.fromISO(dueAt ?? '', { setZone: true }).toFormat("yyyy-MM-dd'T'HH:mm"));
  const summary = book.getWorksheet('Tổng hợp');
  const head = summary?.getRows(1, summary.rowCount)?.find((r) => r.getCell(1).value === 'Mã mục');
  expect((head?.values as unknown[]).slice(1)).toEqual(['Mã mục', 'Tên mục', 'Đúng hạn', 'Muộn', 'Quá hạn, chưa nộp', 'Chưa đến hạn', 'Hết thời gian, chưa ấn định ngày', 'Đang gia hạn', 'Đã hủy']);
  const sixMonths = summary?.getRows(1, summary.rowCount)?.find((r) => r.getCell(1).value === 'bao-cao-6-thang');
  // As many overdue as the matrix shows, and nothing sent yet.
  const overdue = await page.locator('td.s-overdue[data-item="bao-cao-6-thang"]').count();
  expect(overdue).toBeGreaterThan(0);
  expect((sixMonths?.values as unknown[]).slice(3, 6)).toEqual([0, 0, overdue]);
  await screenshotSheets(book, ['Tổng hợp', 'Báo cáo sơ kết 6 tháng'], join(DOCS, 'web-xlsx.png'));

  await cell.getByRole('link').click();
  await page.waitForURL(/\/o\/so-b\/bao-cao-6-thang$/);
  await page.getByLabel('Số văn bản').fill('15/BC-SB');
  await page.getByLabel('Thời điểm nhận (để trống: bây giờ)').fill(`${year}-06-01T10:00`);
  await page.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Thời điểm nhận: thời điểm nhận \d+ giờ \d\d, .* ở tương lai/);
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
  // Back, as on a shared office computer: the page that showed the unit's link is asked for again, and refused.
  await page.goBack();
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');
  await expect(page.locator('#unit-link').count()).resolves.toBe(0);
  // The language link leads nowhere off the site, however its path is disguised ("/\t/evil.example").
  await page.goto(`${fx.web.url}/ngon-ngu?lang=vi&next=/%09/evil.example`);
  expect(new URL(page.url()).host).toBe(new URL(fx.web.url).host);
  await page.goto(matrix);
  expect(new URL(page.url()).pathname).toBe('/dang-nhap');

  // Signed out, the unit's link still opens the unit's own page: it needs no account.
  await page.goto(unitLink);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Sở Cê — năm ${year}`);
  await expect(page.getByRole('row', { name: /Báo cáo sơ kết 6 tháng/ }).textContent()).resolves.toContain('gia hạn đến 30/6');
  await page.screenshot({ path: join(DOCS, 'web-unit.png'), fullPage: true });

  // The same link tampered with, made another unit's, or expired: a refusal page, and nothing to act on.
  const tampered = new URL(unitLink);
  tampered.searchParams.set('ky', `${tampered.searchParams.get('ky')?.slice(0, -2) ?? ''}xx`);
  const expired = `${fx.web.url}${signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year, unit: 'so-c' }, fx.clock() - 60_000, { link: 'mail' })}`;
  for (const [refused, words] of [
    [tampered.href, 'Đường dẫn không hợp lệ'],
    [unitLink.replace('/so-c?', '/so-a?'), 'Đường dẫn không hợp lệ'],
    [expired, 'Đường dẫn đã hết hạn'],
  ] as const) {
    const response = await page.goto(refused);
    expect([refused, response?.status()]).toEqual([refused, 403]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Không mở được trang của đơn vị');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(words);
    await expect(page.getByRole('button', { name: 'Báo đã gửi' }).count()).resolves.toBe(0);
  }
});

test('the holiday-decision form previews in the validator’s words; on a phone the matrix scrolls inside its frame, not the page', async () => {
  const year = fx.year;
  await page.goto(`${fx.web.url}/dang-nhap`);
  await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`${fx.web.url}/khoi/${BLOC}/${year}`);
  await page.getByRole('link', { name: 'Quyết định nghỉ lễ, Tết' }).click();
  await page.waitForURL((url) => url.pathname === `/khoi/${BLOC}/${year}/lich-nghi`);
  await expect(page.locator('#decisions').getAttribute('placeholder')).resolves.toContain('Nghỉ bù Tết Nguyên đán');

  // A day of the next year in this year's decision: refused by the validator, at its line in the text.
  const decisions = (...dates: string[]) =>
    ['calendar:', '  decisions:', `    - year: ${year}`, '      daysOff:', ...dates.map((d) => `        - { date: '${d}', name: 'Nghỉ thử' }`)].join('\n');
  await page.getByLabel('Các quyết định, viết như mục calendar của tệp kế hoạch (YAML)').fill(decisions(`${year + 1}-01-04`));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(new RegExp(`^Quyết định:5:\\d+: .*nằm ngoài năm ${year}`));
  await expect(page.getByRole('button', { name: 'Áp dụng' }).count()).resolves.toBe(0);

  // A week off before 15/6, whatever its weekdays, holds the 6-month report's cut-off: the preview says it moves.
  await page.getByLabel('Các quyết định, viết như mục calendar của tệp kế hoạch (YAML)').fill(decisions(...[8, 9, 10, 11, 12, 13, 14].map((d) => `${year}-06-${String(d).padStart(2, '0')}`)));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByRole('heading', { name: 'Xem trước' }).count()).resolves.toBe(1);
  await expect(page.locator('#calendar-moves').textContent()).resolves.toMatch(/^Sẽ đổi ngày của các mục: .*bao-cao-6-thang/);
  await expect(page.locator('#calendar-changes').textContent()).resolves.toContain('bao-cao-6-thang');
  await expect(page.getByLabel(/Tôi xác nhận thay lịch nghỉ lễ, Tết/).count()).resolves.toBe(1);
  await expect(page.getByRole('button', { name: 'Áp dụng' }).count()).resolves.toBe(1);

  // A 390 × 844 phone, signed in as the same person: nothing wider than the screen but the matrix's own frame.
  const phone = await context.newPage();
  try {
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${fx.web.url}/khoi/${BLOC}/${year}?luc=${encodeURIComponent(`${year}-06-20T08:00:00+07:00`)}`);
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await expect(phone.evaluate("document.querySelector('.scroll').scrollWidth > document.querySelector('.scroll').clientWidth")).resolves.toBe(true);
    await expect(phone.getByRole('button', { name: 'Đăng xuất' }).isVisible()).resolves.toBe(true);
    await phone.screenshot({ path: join(DOCS, 'web-phone.png'), fullPage: true });
    await phone.goto(`${fx.web.url}/khoi/${BLOC}/${year}/lich-nghi`);
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
  } finally {
    await phone.close();
  }
});

test('the header switches the console to English and back to Vietnamese on the same page', async () => {
  const year = fx.year;
  const path = `/khoi/${BLOC}/${year}`;
  await page.goto(`${fx.web.url}${path}?luc=${encodeURIComponent(`${year}-06-20T08:00:00+07:00`)}`);
  if (new URL(page.url()).pathname === '/dang-nhap') {
    await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === path);
  }
  const soC = page.locator('td[data-unit="so-c"][data-item="bao-cao-6-thang"]');

  await page.getByRole('link', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  expect(new URL(page.url()).pathname).toBe(path);
  await expect(page.getByRole('columnheader', { name: 'Unit' }).count()).resolves.toBe(1);
  await expect(soC.textContent()).resolves.toBe('extended to 30 Jun');
  await page.screenshot({ path: join(DOCS, 'web-matrix-en.png'), fullPage: true });

  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await page.locator('html[lang="vi"]').waitFor({ state: 'attached' });
  await expect(soC.textContent()).resolves.toBe('gia hạn đến 30/6');
});

test('a browser whose interface is in English takes "9,5" on the self-score sheet, as the README teaches', async () => {
  const english = await launchBrowser('en-US');
  try {
    const link = `${fx.web.url}${signedUnitPath(UNIT_LINK_KEYS, { bloc: OTHER_BLOC, year: fx.year, unit: 'so-a' }, fx.clock() + 86_400_000, { link: 'mail' })}`;
    const sheet = english.page;
    await sheet.goto(link);
    await sheet.getByLabel('Điểm tự chấm, tiêu chí I.1 (tối đa 40)').fill('37,5');
    await sheet.getByLabel('Điểm tự chấm, tiêu chí I.2 (tối đa 10)').fill('9,5');
    await sheet.getByLabel('Điểm tự chấm, tiêu chí II.1 (tối đa 10)').fill('10');
    await sheet.getByRole('button', { name: 'Gửi bảng tự chấm điểm' }).click();
    await expect(sheet.getByRole('status').textContent()).resolves.toMatch(/^Đã ghi nhận bảng tự chấm điểm của đơn vị/);
    const scores = await fx.env.client.workflow.getHandle(workflowIdFor(OTHER_BLOC, fx.year)).query(scoresQuery, {});
    expect(scores?.units.find((u) => u.unitId === 'so-a')?.record?.versions[0]?.points).toEqual({ 'I.1': 37.5, 'I.2': 9.5, 'II.1': 10 });
    // Shown back as written, for a correction.
    await expect(sheet.getByLabel('Điểm tự chấm, tiêu chí I.2 (tối đa 10)').inputValue()).resolves.toBe('9,5');
  } finally {
    await english.close();
  }
});
