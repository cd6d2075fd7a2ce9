/**
 * The conference in the console, in a real browser (issue 25, "Shown"): a unit registers for the flag from its
 * signed page; the secretariat opens a round on its page; two units vote from their links on a phone-sized
 * screen; until the close, every page shows who has voted and no tally; the secretariat closes the round and the
 * page shows the totals. On the time-skipping server, in the fixture year.
 */
import { statusQuery, reviewDeclaration, reschedule, submitScore } from '../../workflows/messages';
import { registerTitles, ballotQuery } from '../../workflows/conference-messages';
import { workflowIdFor } from '../../workflows/model';
import { startBlocYear } from '../../client/start-year';
import { join } from 'node:path';
import { DOCS, launchBrowser, type Browser } from '../support/browser';
import { conferenceBloc, FIXTURE_YEAR as Y, seedPoints } from '../support/fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, PASSWORD, startTimeSkippingConsole, WebAgent, type TimeSkippingConsole } from '../support/web';

let fx: TimeSkippingConsole;
let browser: Browser;
const FLAG = 'co-thi-dua';
const handle = () => fx.engine.env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y));

beforeAll(async () => {
  [fx, browser] = await Promise.all([startTimeSkippingConsole(), launchBrowser()]);
  await fx.engine.advanceTo(`${Y}-05-03T09:00`);
  await startBlocYear(fx.engine.env.client, conferenceBloc(), Y, { taskQueue: fx.engine.taskQueue, now: new Date(await fx.engine.env.currentTimeMs()) });
  await fx.engine.advanceTo(`${Y}-05-10T09:00`);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await fx?.teardown();
});

test('a unit registers from its page; two units vote from their links; the tally shows only once the secretariat closes the round', async () => {
  const { engine, web } = fx;
  const { page } = browser;
  const agent = new WebAgent(web.url);
  await agent.signIn(ACCOUNTS.secretariat.name);
  const linkOf = async (unitId: string) => {
    const cell = await (await agent.request(`/khoi/thu-nghiem/${Y}/o/${unitId}/dang-ky`)).text();
    return /id="unit-link">([^<]+)</.exec(cell)?.[1]?.replace(/&amp;/g, '&') ?? '';
  };
  const [linkA, linkB] = [await linkOf('so-a'), await linkOf('so-b')];

  // Sở A registers on its own page; Sở B's paper registration is entered for it; the secretariat accepts both.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(linkA);
  await page.getByLabel('Cờ thi đua của Ủy ban nhân dân tỉnh').check();
  await page.locator('#reg-reference').fill('12/ĐK-SA');
  await page.locator('#reg-sentOn').fill(`${Y}-05-10`);
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await page.waitForURL(/da=dang-ky/);
  expect(await page.locator('#dang-ky + p').textContent()).toBe('Tình trạng: chờ duyệt — Cờ thi đua của Ủy ban nhân dân tỉnh');
  await handle().executeUpdate(registerTitles, { args: [{ unitId: 'so-b', titles: [FLAG], reference: '7/ĐK-SB', sentOn: `${Y}-05-10` }] });
  for (const unitId of ['so-a', 'so-b']) await handle().executeUpdate(reviewDeclaration, { args: [{ unitId, itemId: 'dang-ky', decision: 'confirm' }] });
  const registered = (await handle().query(statusQuery, {})).cells.find((c) => c.unitId === 'so-a' && c.itemId === 'dang-ky');
  expect(registered).toMatchObject({ state: 'submitted-on-time', titles: [FLAG] });

  await engine.advanceTo(`${Y}-12-01T09:00`);
  for (const [unitId, minus] of [['so-a', 0], ['so-b', 1], ['so-c', 2]] as const) await handle().executeUpdate(submitScore, { args: [{ unitId, points: seedPoints(minus) }] });
  await handle().executeUpdate(reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14`, time: '08:30' }] });
  await engine.advanceTo(`${Y + 1}-01-14T09:00`);

  // The secretariat opens the round on its page.
  const ballotPage = `${web.url}/khoi/thu-nghiem/${Y}/bo-phieu`;
  const secretariat = await browser.context.newPage();
  await secretariat.goto(ballotPage);
  await secretariat.getByLabel('Tên tài khoản').fill(ACCOUNTS.secretariat.name);
  await secretariat.getByLabel('Mật khẩu').fill(PASSWORD);
  await secretariat.getByRole('button', { name: 'Đăng nhập' }).click();
  await secretariat.goto(ballotPage);
  await secretariat.getByLabel('Danh hiệu', { exact: true }).selectOption(FLAG);
  await secretariat.getByRole('button', { name: 'Mở vòng' }).click();
  await secretariat.waitForURL(/da=mo/);

  // Two units vote on their phones, each for the other.
  for (const [link, choice] of [[linkA, 'Sở B'], [linkB, 'Sở A']] as const) {
    await page.goto(link);
    await page.locator('form.ballot').getByLabel(choice).check();
    await page.getByRole('button', { name: 'Bỏ phiếu' }).click();
    await page.waitForURL(/da=bo-phieu/);
    expect(await page.locator('p.notice').textContent()).toBe('Đã nhận phiếu của đơn vị. Phiếu được niêm phong: không ai biết đơn vị chọn ai.');
    expect(await page.locator('form.ballot').count()).toBe(0);
  }
  await page.screenshot({ path: join(DOCS, 'web-ballot-phone.png') });

  // Before the close: who has voted, no tally, on the secretariat's page and the units'.
  await secretariat.goto(ballotPage);
  expect(await secretariat.locator('section.round h3').textContent()).toBe('Cờ thi đua của Ủy ban nhân dân tỉnh — vòng 1 (1 suất), đang bỏ phiếu: 2/3 đơn vị đã bỏ phiếu');
  expect(await secretariat.locator('table.tally').count()).toBe(0);
  expect((await handle().query(ballotQuery))[0]?.closed).toBeUndefined();

  const closing = secretariat.locator('form[action$="/bo-phieu/dong"]');
  expect(await closing.locator('label').textContent()).toBe(' Kết thúc vòng: mở 2 phiếu, ghi tổng số phiếu, hủy khóa; không nhận thêm phiếu, không làm lại được');
  await closing.locator('input[name=confirm]').check();
  await secretariat.getByRole('button', { name: 'Kết thúc và kiểm phiếu' }).click();
  await secretariat.waitForURL(/da=dong/);
  const tally = await secretariat.locator('section.round table.tally tbody tr').allTextContents();
  expect(tally).toEqual(['Sở A1', 'Sở B1']);
  expect(await secretariat.locator('section.round').first().textContent()).toContain('Bỏ phiếu vòng 2 cho 1 suất còn lại.');
  expect(await secretariat.locator('section.round h3').nth(1).textContent()).toBe('Cờ thi đua của Ủy ban nhân dân tỉnh — vòng 2 (1 suất), đang bỏ phiếu: 0/3 đơn vị đã bỏ phiếu');
  await secretariat.screenshot({ path: join(DOCS, 'web-ballot.png'), fullPage: true });

  // A unit's page shows the same totals once closed, and the second round's ballot.
  await page.goto(linkA);
  expect(await page.locator('table.tally tbody tr').allTextContents()).toEqual(['Sở A1', 'Sở B1']);
  expect(await page.locator('form.ballot input[name=round]').getAttribute('value')).toBe('2');
});
