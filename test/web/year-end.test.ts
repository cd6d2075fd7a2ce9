/**
 * The end of a year in a real browser, driven by what the pages show and nothing typed but the year's address: the matrix points the secretariat to the January conference, which has no day; the secretariat sets
 * it, then hands over on the handover's page, and follows the link to the next year. On the time-skipping server,
 * in December of the fixture year. The screenshot docs/web-next-steps.png is taken here.
 */
import { join } from 'node:path';
import { startBlocYear } from '../../client/start-year';
import { loadBlocConfig } from '../../config/load';
import { DateTime } from 'luxon';
import { declareSubmission, stageQuery, statusQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { DOCS, launchBrowser, type Browser } from '../support/browser';
import { FIXTURE_YEAR, smallBloc } from '../support/fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, PASSWORD, startTimeSkippingConsole, WebAgent, type TimeSkippingConsole } from '../support/web';

let fx: TimeSkippingConsole;
let browser: Browser;

const Y = FIXTURE_YEAR;
const handle = () => fx.engine.env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y));

// The fixture year, started on the 1st of December and seen on the 10th.
beforeAll(async () => {
  [fx, browser] = await Promise.all([startTimeSkippingConsole(), launchBrowser()]);
  const { engine } = fx;
  await engine.advanceTo(`${Y}-12-01T09:00`);
  await startBlocYear(engine.env.client, smallBloc(), Y, { taskQueue: engine.taskQueue, now: new Date(await engine.env.currentTimeMs()) });
  await engine.advanceTo(`${Y}-12-10T09:00`);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await fx?.teardown();
});

test('a cell that does not apply has no link and no forms; a waiting declaration is recorded by confirming it; the addresses form starts from the unit’s own', async () => {
  const { engine, web } = fx;
  const year = Y;
  const { cells } = await handle().query(statusQuery, {});
  const [notApplicable] = cells.filter((c) => c.state === 'not-applicable');
  if (!notApplicable) throw new Error('the fixture has a unit that does not submit the six-month summary');
  const agent = new WebAgent(web.url);
  await agent.signIn(ACCOUNTS.secretariat.name);

  const matrix = await (await agent.request(`/khoi/thu-nghiem/${year}`)).text();
  expect(matrix).toContain('<h1>Khối thi đua thử nghiệm — năm');
  expect(matrix).not.toContain(`/o/${notApplicable.unitId}/${notApplicable.itemId}"`);
  const cellOf = async (unitId: string, itemId: string) => (await agent.request(`/khoi/thu-nghiem/${year}/o/${unitId}/${itemId}`)).text();
  const idle = await cellOf(notApplicable.unitId, notApplicable.itemId);
  expect(idle).toContain('Đơn vị này không phải nộp mục này: không có gì để ghi nhận hay gia hạn.');
  expect(idle).not.toContain('/nop"');

  const report = await cellOf('so-b', 'bao-cao-6-thang');
  expect(report).toMatch(/<textarea id="emails" name="emails" rows="2" required>vanthu@so-b\.example\.vn<\/textarea>/);
  expect(report).toMatch(/<textarea id="cc" name="cc" rows="2">giamdoc@so-b\.example\.vn<\/textarea>/);
  expect(report).toContain('/o/so-b/bao-cao-6-thang/nop"');

  const today = DateTime.fromMillis(engine.clock(), { zone: 'Asia/Ho_Chi_Minh' }).toISODate() ?? '';
  await handle().executeUpdate(declareSubmission, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang', sentOn: today, reference: '3/BC-SB' }] });
  const waiting = await cellOf('so-b', 'bao-cao-6-thang');
  expect(waiting).toContain('Đơn vị đã báo gửi: ghi nhận hồ sơ bằng cách xác nhận hoặc không xác nhận lời báo ở trên.');
  expect(waiting).toContain('/o/so-b/bao-cao-6-thang/xac-nhan"');
  expect(waiting).not.toContain('/o/so-b/bao-cao-6-thang/nop"');
});

test('the matrix points to the conference without a day; the secretariat sets it, hands over, and reaches the next year', async () => {
  const { web } = fx;
  const { page } = browser;

  // The year's address, as the overview links it (the overview lists years by visibility, which the time-skipping
  // server does not implement); from there on, only what the pages show.
  await page.goto(`${web.url}/khoi/thu-nghiem/${Y}`);
  await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  const steps = page.locator('#next-steps li');
  await expect(steps.allTextContents()).resolves.toEqual([
    `Hội thao Khối: hết Quý III/${Y}, chưa có ngày — ghi ngày đã diễn ra, dời hoặc hủy`,
    `Hội nghị tổng kết: chưa có ngày (tháng 1/${Y + 1}) — ấn định ngày`,
  ]);
  // Every item the matrix has no column for is listed under it, with a link.
  await expect(page.locator('#other-items a').allTextContents()).resolves.toEqual(['Hội thao Khối', 'Hội nghị tổng kết', 'Chuyển giao Khối trưởng']);
  // In the page's one language.
  await expect(page.locator('#other-items tbody tr').first().textContent()).resolves.toMatch(new RegExp(`\\(hết Quý III/${Y} mà chưa ấn định ngày\\)—$`));
  await page.screenshot({ path: join(DOCS, 'web-next-steps.png'), fullPage: true });

  await steps.getByRole('link', { name: 'Hội nghị tổng kết' }).click();
  await page.getByLabel('Ngày', { exact: true }).fill(`${Y + 1}-01-14`);
  await page.getByLabel('Giờ (cho sự kiện)').fill('08:00');
  await page.getByRole('button', { name: 'Lưu ngày' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe('Đã ấn định ngày mới.');
  await expect(page.locator('#item-due').textContent()).resolves.toMatch(new RegExp(`14/1/${Y + 1}`));

  await page.getByRole('link', { name: `← Bảng tình hình năm ${Y}` }).click();
  await expect(steps.allTextContents()).resolves.toEqual([expect.stringMatching(/^Hội thao Khối:/)]);
  await page.locator('#other-items').getByRole('link', { name: 'Chuyển giao Khối trưởng' }).click();
  await expect(page.locator('#handover-effect').textContent()).resolves.toMatch(new RegExp(`^Khối trưởng năm ${Y + 1}: Sở B; Khối phó: .+ Không thể hoàn tác\\.$`));

  // Not without the box ticked: it cannot be undone.
  await page.getByRole('button', { name: 'Chuyển giao' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/hãy đánh dấu ô xác nhận để chuyển giao/);
  expect((await handle().query(stageQuery)).stage).toBe('running');
  await page.getByLabel('Tôi xác nhận chuyển giao ngay').check();
  await page.getByRole('button', { name: 'Chuyển giao' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toBe('Đã chuyển giao.');

  await page.getByRole('link', { name: `← Bảng tình hình năm ${Y}` }).click();
  await expect(steps.allTextContents()).resolves.toEqual([expect.stringMatching(new RegExp(`^Đã chuyển giao lúc .+ Bảng tình hình năm ${Y + 1}$`))]);
  await steps.getByRole('link', { name: `Bảng tình hình năm ${Y + 1}` }).click();
  // The next year may still be working out its dates: its page says so and reloads itself until it can answer.
  await page.waitForSelector('table.matrix', { timeout: 30_000 });
  await expect(page.title()).resolves.toMatch(new RegExp(`năm ${Y + 1}`));
});

test('the sample plan’s matrix, its nine units and seven items, fits a 1366 × 768 screen without scrolling sideways', async () => {
  const { engine, web } = fx;
  const { page, context } = browser;
  const seed = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');
  await startBlocYear(engine.env.client, seed, Y, { taskQueue: engine.taskQueue, now: new Date(await engine.env.currentTimeMs()) });
  await context.clearCookies();
  await page.goto(`${web.url}/khoi/${seed.bloc.id}/${Y}`);
  await page.getByLabel('Tên tài khoản').fill(ACCOUNTS.board.name);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForSelector('table.matrix');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Khối thi đua số 4 — năm ${Y}`);
  // Short names as headings, the plan's titles on hover.
  await expect(page.locator('table.matrix thead a').allTextContents()).resolves.toEqual([
    'Đăng ký thi đua', 'Báo cáo sơ kết 6 tháng', 'Tổng hợp báo cáo 6 tháng', 'Báo cáo tổng kết năm', 'Tự chấm điểm', 'Tổng kết năm của Khối', 'Báo cáo điển hình tiên tiến',
  ]);
  await page.screenshot({ path: join(DOCS, 'web-matrix-sample.png') });
  await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(1366);
  const lastUnit = await page.locator('table.matrix tbody tr').last().boundingBox();
  expect((lastUnit?.y ?? Infinity) + (lastUnit?.height ?? 0)).toBeLessThanOrEqual(768);
});
