/**
 * The console's guards over real HTTP, on the dev server with the real worker: no page or action without a
 * session, no bloc but the account's own, no form without its token, a slowed sign-in after failures, and
 * markup from the record shown as text.
 *
 * @devserver
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/ports';
import { stampVi } from '../../client/cell-wording';
import { EXPORT_HEADER } from '../../client/export-rows';
import { statusQuery, timelineQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { addAccount, removeAccount } from '../../client/accounts';
import { linkExpiry, signedUnitPath } from '../../activities/mail/unit-links';
import { gzipBomb, MiB } from '../support/gzip-bomb';
import { ACCOUNTS, BLOC, MARKUP_UNIT_NAME, OTHER_BLOC, PASSWORD, startConsole, startWebFixture, UI_ORIGIN, UNIT_LINK_KEYS, WebAgent, type WebFixture } from '../support/web';

let fx: WebFixture;
let Y: number;
let YEAR: string;
let CELL: string;
/** After the 6-month deadline (before 15/6): so-b and so-c are overdue unless recorded. */
let AFTER_DEADLINE: string;

beforeAll(async () => {
  fx = await startWebFixture();
  Y = fx.year;
  YEAR = `/khoi/${BLOC}/${Y}`;
  CELL = `${YEAR}/o/so-b/bao-cao-6-thang`;
  AFTER_DEADLINE = `${Y}-06-20T08:00:00+07:00`;
  BEFORE = await dueOf('bao-cao-6-thang');
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

async function signedIn(account: { name: string }): Promise<WebAgent> {
  const agent = new WebAgent(fx.web.url);
  const response = await agent.signIn(account.name);
  expect(response.status).toBe(303);
  return agent;
}

/** A week off around the 6-month report's cut-off (before 15/6): whatever the weekdays, it moves that cut-off. */
function weekOff(): string {
  const days = [8, 9, 10, 11, 12, 13, 14].map((d) => `        - { date: '${Y}-06-${d.toString().padStart(2, '0')}', name: 'Nghỉ thử' }`);
  return ['calendar:', '  decisions:', `    - year: ${Y}`, '      daysOff:', ...days].join('\n');
}

let BEFORE: string | undefined;

/** The item's instant in the schedule in force. */
async function dueOf(itemId: string): Promise<string | undefined> {
  const schedule = await fx.env.client.workflow.getHandle(workflowIdFor(BLOC, Y)).query(timelineQuery);
  return schedule.items.find((i) => i.id === itemId)?.at;
}

async function cellOf(bloc: string, unitId: string, itemId: string) {
  const view = await fx.env.client.workflow.getHandle(workflowIdFor(bloc, Y)).query(statusQuery, {});
  return view.cells.find((c) => c.unitId === unitId && c.itemId === itemId);
}

test('every console route without a session is sent to the sign-in page; the style sheet and sign-in are open', async () => {
  const agent = new WebAgent(fx.web.url);
  const routes: [string, string][] = [
    ['GET', '/'],
    ['GET', YEAR],
    ['GET', `${YEAR}?qua-han=1`],
    ['GET', `${YEAR}/tai-ve.csv`],
    ['GET', CELL],
    ['GET', `/khoi/${OTHER_BLOC}/${Y}`],
    ['POST', '/dang-xuat'],
    ['POST', `${CELL}/nop`],
    ['POST', `${CELL}/gia-han`],
    ['POST', `${CELL}/dia-chi`],
    ['GET', `${YEAR}/muc/hoi-thao`],
    ['POST', `${YEAR}/muc/hoi-thao/doi-ngay`],
    ['POST', `${YEAR}/muc/hoi-thao/huy`],
    ['POST', `${YEAR}/muc/hoi-thao/khoi-phuc`],
    ['GET', `${YEAR}/danh-gia.xlsx`],
    ['GET', `${YEAR}/lich-nghi`],
    ['POST', `${YEAR}/lich-nghi/xem-truoc`],
    ['POST', `${YEAR}/lich-nghi/ap-dung`],
    ['GET', `${YEAR}/nhat-ky`],
    ['GET', `${YEAR}/lich`],
    ['GET', `${YEAR}/cho-xac-nhan`],
    ['GET', `${YEAR}/tep/${'a'.repeat(64)}`],
    ['POST', `${CELL}/xac-nhan`],
    ['POST', `${CELL}/tu-choi`],
  ];
  for (const [method, path] of routes) {
    const response = await agent.request(path, { method, ...(method === 'POST' && { form: { reference: 'x' } }) });
    expect([method, path, response.status]).toEqual([method, path, 303]);
    expect(response.headers.get('location')).toMatch(/^\/dang-nhap(\?next=|$)/);
  }
  expect((await agent.request('/dang-nhap')).status).toBe(200);
  const css = await agent.request('/tai-nguyen/style.css');
  expect(css.status).toBe(200);
  expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  expect((await agent.request('/tai-nguyen/live.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(await cellOf(BLOC, 'so-b', 'bao-cao-6-thang')).toMatchObject({ state: 'not-due' });
});

test('the session cookie is HttpOnly and SameSite=Lax; a tampered one is no session; sign-out ends it', async () => {
  const agent = new WebAgent(fx.web.url);
  const _csrf = await agent.tokenOf('/dang-nhap');
  const response = await agent.request('/dang-nhap?next=%2F%2Fevil.example', { form: { name: ACCOUNTS.secretariat.name, password: 'mật-khẩu-đủ-dài-2049', _csrf } });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/');
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bloc_session=')) ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).not.toMatch(/Secure/);
  expect((await agent.request('/')).status).toBe(200);

  const value = decodeURIComponent(cookie.split(';')[0]?.slice('bloc_session='.length) ?? '');
  const forged = value.replace(ACCOUNTS.secretariat.name, ACCOUNTS.board.name);
  const res = await fetch(`${fx.web.url}/`, { headers: { cookie: `bloc_session=${encodeURIComponent(forged)}` }, redirect: 'manual' });
  expect(res.status).toBe(303);

  const token = await agent.tokenOf('/');
  expect((await agent.request('/dang-xuat', { form: { _csrf: token } })).status).toBe(303);
  // The old cookie, replayed after sign-out, opens nothing.
  const replay = await fetch(`${fx.web.url}/`, { headers: { cookie: cookie.split(';')[0] ?? '' }, redirect: 'manual' });
  expect(replay.status).toBe(303);
});

test('a bloc account gets 403 on another bloc and sees only its own in the overview; the board sees both', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  for (const path of [
    `/khoi/${OTHER_BLOC}/${Y}`,
    `/khoi/${OTHER_BLOC}/${Y}/tai-ve.csv`,
    `/khoi/${OTHER_BLOC}/${Y}/danh-gia.xlsx`,
    `/khoi/${OTHER_BLOC}/${Y}/lich-nghi`,
    `/khoi/${OTHER_BLOC}/${Y}/o/so-a/bao-cao-6-thang`,
    `/khoi/${OTHER_BLOC}/${Y}/nhat-ky`,
    `/khoi/${OTHER_BLOC}/${Y}/lich`,
    `/khoi/${OTHER_BLOC}/${Y}/cho-xac-nhan`,
    `/khoi/${OTHER_BLOC}/${Y}/tep/${'a'.repeat(64)}`,
  ]) {
    expect([path, (await agent.request(path)).status]).toEqual([path, 403]);
  }
  const _csrf = await agent.tokenOf(YEAR);
  const post = await agent.request(`/khoi/${OTHER_BLOC}/${Y}/o/so-a/bao-cao-6-thang/nop`, { form: { _csrf, reference: '1/BC' } });
  expect(post.status).toBe(403);
  expect(await cellOf(OTHER_BLOC, 'so-a', 'bao-cao-6-thang')).toMatchObject({ state: 'not-due' });
  const calendar = await agent.request(`/khoi/${OTHER_BLOC}/${Y}/lich-nghi/ap-dung`, { form: { _csrf, decisions: weekOff(), confirm: '1' } });
  expect(calendar.status).toBe(403);

  // Visibility trails the workflows' upserts by a moment.
  const board = await signedIn(ACCOUNTS.board);
  let page = '';
  for (let i = 0; i < 40 && !page.includes(OTHER_BLOC); i++) {
    page = await (await board.request('/')).text();
    if (!page.includes(OTHER_BLOC)) await new Promise((r) => setTimeout(r, 500));
  }
  expect(page).toContain(`href="/khoi/${OTHER_BLOC}/${Y}"`);
  expect(page).toContain(`href="/khoi/${BLOC}/${Y}"`);
  expect((await board.request(`/khoi/${OTHER_BLOC}/${Y}`)).status).toBe(200);
  // The board's province view: each bloc on a line of its own, each year's stage, the province's total.
  expect(page).toContain('Các Khối, Cụm của tỉnh');
  // Blocs by their names; the ids are for the addresses.
  expect(page).toMatch(/<th scope="rowgroup" colspan="5">Khối thi đua khác: \d+ đơn vị quá hạn<\/th>/);
  expect(page).toContain(`<a href="/khoi/${BLOC}/${Y}">Khối thi đua thử nghiệm</a>`);
  expect(page).toMatch(/<td data-stage>đang chạy<\/td>/);
  expect(page).toMatch(/Toàn tỉnh \(2 Khối, Cụm\)<\/th><td id="province-overdue">\d+<\/td>/);

  const own = await (await agent.request('/')).text();
  expect(own).toContain(`href="/khoi/${BLOC}/${Y}"`);
  expect(own).not.toContain(OTHER_BLOC);
  expect(own).not.toContain('Toàn tỉnh');
  expect(own).toMatch(/<td data-stage>đang chạy<\/td>/);
});

test('a form without its token, or with another session’s or browser’s, is refused and records nothing', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const other = await signedIn(ACCOUNTS.secretariat);
  const foreign = await other.tokenOf(YEAR);
  expect((await agent.request(`${CELL}/nop`, { form: { reference: '1/BC' } })).status).toBe(403);
  expect((await agent.request(`${CELL}/nop`, { form: { reference: '1/BC', _csrf: foreign } })).status).toBe(403);
  expect((await agent.request('/dang-nhap', { form: { name: ACCOUNTS.secretariat.name, password: 'mật-khẩu-đủ-dài-2049' } })).status).toBe(403);
  // The sign-in form's token is this browser's: another browser's does not sign this one in (login CSRF).
  const elsewhere = await new WebAgent(fx.web.url).tokenOf('/dang-nhap');
  const stranger = new WebAgent(fx.web.url);
  await stranger.tokenOf('/dang-nhap');
  expect((await stranger.request('/dang-nhap', { form: { name: ACCOUNTS.secretariat.name, password: 'mật-khẩu-đủ-dài-2049', _csrf: elsewhere } })).status).toBe(403);
  expect(await cellOf(BLOC, 'so-b', 'bao-cao-6-thang')).toMatchObject({ state: 'not-due' });
  for (const path of [`${YEAR}/lich-nghi/xem-truoc`, `${YEAR}/lich-nghi/ap-dung`]) {
    expect([path, (await agent.request(path, { form: { decisions: weekOff(), confirm: '1' } })).status]).toEqual([path, 403]);
  }
  expect(await dueOf('bao-cao-6-thang')).toBe(BEFORE);
});

test('20 wrong passwords: the first five are checked, then every attempt is refused with 429, the right password too', async () => {
  const agent = new WebAgent(fx.web.url);
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await agent.signIn(ACCOUNTS.locked.name, `sai-${i}`)).status);
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
  const right = await agent.signIn(ACCOUNTS.locked.name);
  expect(right.status).toBe(429);
  expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await right.text()).toContain('Đăng nhập sai quá nhiều lần');
  // Another account from the same address is not locked out by it.
  expect((await agent.signIn(ACCOUNTS.leader.name)).status).toBe(303);
});

test('behind a trusted proxy, guesses lock the address it names and no other; a client naming an address itself is not believed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bloc-proxied-'));
  const proxied = await startConsole(fx.env.client, await freePort(), fx.clock, dir, { trustedProxies: new Set(['127.0.0.1']) });
  try {
    const guesser = new WebAgent(proxied.url, { 'x-real-ip': '203.0.113.7' });
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++) guesses.push((await guesser.signIn(ACCOUNTS.leader.name, `doan-${i}`)).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await new WebAgent(proxied.url, { 'x-real-ip': '203.0.113.8' }).signIn(ACCOUNTS.leader.name)).status).toBe(303);
  } finally {
    await proxied.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The console trusting no proxy counts the peer, whatever the request says it is.
  const direct = new WebAgent(fx.web.url);
  for (let i = 0; i < 6; i++) await direct.signIn(ACCOUNTS.locked.name, `doan-${i}`);
  expect((await new WebAgent(fx.web.url, { 'x-real-ip': '198.51.100.9' }).signIn(ACCOUNTS.locked.name)).status).toBe(429);
});

test('a hundred wrong passwords at once: five are checked, the rest refused with 429 unchecked', async () => {
  const agent = new WebAgent(fx.web.url);
  const _csrf = await agent.tokenOf('/dang-nhap');
  const statuses = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => (await agent.request('/dang-nhap', { form: { name: 'khong-co-ai', password: `sai-${i}`, _csrf } })).status),
  );
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(95);
});

test('while guesses lock an account from this address, the browser its owner signed in with still signs in', async () => {
  const owner = new WebAgent(fx.web.url);
  expect((await owner.signIn(ACCOUNTS.board.name)).status).toBe(303);
  // Signed out at the end of the day: the browser keeps only its device cookie.
  expect((await owner.request('/dang-xuat', { form: { _csrf: await owner.tokenOf('/') } })).status).toBe(303);
  const guesser = new WebAgent(fx.web.url);
  const guesses: number[] = [];
  for (let i = 0; i < 8; i++) guesses.push((await guesser.signIn(ACCOUNTS.board.name, `doan-${i}`)).status);
  expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  expect((await guesser.signIn(ACCOUNTS.board.name)).status).toBe(429);
  expect((await owner.signIn(ACCOUNTS.board.name)).status).toBe(303);
});

test('the matrix words each cell; a refused submission shows the validator’s words; a recorded one changes the cell', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const matrix = await (await agent.request(`${YEAR}?luc=${encodeURIComponent(AFTER_DEADLINE)}`)).text();
  expect(matrix).toContain('Sở &lt;b&gt;Bê&lt;/b&gt; &amp; &quot;Cờ&quot;');
  expect(matrix).not.toContain(MARKUP_UNIT_NAME);
  expect(matrix).toMatch(/class="s-overdue" data-unit="so-b" data-item="bao-cao-6-thang"><a href="[^"]+" title="quá hạn \d+ ngày">quá hạn \d+ ngày/);

  const overdueOnly = await (await agent.request(`${YEAR}?luc=${encodeURIComponent(AFTER_DEADLINE)}&qua-han=1&muc=bao-cao-6-thang`)).text();
  expect(overdueOnly).toContain('>Sở Cê<');
  expect(overdueOnly).not.toContain('data-item="tong-hop-6-thang"');
  // An ongoing item is never overdue: filtered to it, no unit is left.
  const none = await (await agent.request(`${YEAR}?luc=${encodeURIComponent(AFTER_DEADLINE)}&qua-han=1&muc=dien-hinh`)).text();
  expect(none).not.toContain('>Sở Cê<');
  expect(none).toContain('Không có đơn vị nào quá hạn.');

  const _csrf = await agent.tokenOf(CELL);
  const refused = await agent.request(`${CELL}/nop`, { form: { _csrf, reference: '9/BC', receivedAt: `${Y}-06-01T10:00` } });
  expect(refused.status).toBe(422);
  const refusal = await refused.text();
  expect(refusal).toMatch(/Thời điểm nhận: thời điểm nhận \d+ giờ \d\d, .* ở tương lai/);
  expect(refusal).toContain('value="9/BC"');

  const recorded = await agent.request(`${CELL}/nop`, { form: { _csrf, reference: '<script>alert(1)</script>/BC' } });
  expect(recorded.status).toBe(303);
  const cell = await (await agent.request(recorded.headers.get('location') ?? '')).text();
  expect(cell).toContain('Đã ghi nhận hồ sơ.');
  expect(cell).toMatch(/id="cell-state">đúng hạn</);
  expect(cell).toContain('&lt;script&gt;alert(1)&lt;/script&gt;/BC');
  expect(cell).not.toContain('<script>');
  expect(await cellOf(BLOC, 'so-b', 'bao-cao-6-thang')).toMatchObject({ state: 'submitted-on-time', reference: '<script>alert(1)</script>/BC' });
});

test('the leader reads but may not record', async () => {
  const agent = await signedIn(ACCOUNTS.leader);
  const page = await (await agent.request(`${YEAR}/o/so-c/bao-cao-6-thang`)).text();
  expect(page).toContain('Tình trạng');
  expect(page).not.toContain('/nop"');
  const _csrf = await agent.tokenOf(YEAR);
  expect((await agent.request(`${YEAR}/o/so-c/bao-cao-6-thang/nop`, { form: { _csrf } })).status).toBe(403);
  expect(await cellOf(BLOC, 'so-c', 'bao-cao-6-thang')).toMatchObject({ state: 'not-due' });

  // The holiday decisions: the leader reads the page, without its form, and can neither preview nor apply.
  const calendar = await (await agent.request(`${YEAR}/lich-nghi`)).text();
  expect(calendar).toContain('Chỉ Thư ký được thay lịch nghỉ của năm.');
  expect(calendar).not.toContain('/lich-nghi/xem-truoc"');
  for (const path of [`${YEAR}/lich-nghi/xem-truoc`, `${YEAR}/lich-nghi/ap-dung`]) {
    expect([path, (await agent.request(path, { form: { _csrf, decisions: weekOff(), confirm: '1' } })).status]).toEqual([path, 403]);
  }
  expect(await dueOf('bao-cao-6-thang')).toBe(BEFORE);
});

test('the CSV download is the CLI export, with its BOM and header', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const response = await agent.request(`${YEAR}/tai-ve.csv?luc=${encodeURIComponent(AFTER_DEADLINE)}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="bao-cao-${BLOC}-${Y}.csv"`);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe(EXPORT_HEADER.join(','));
  expect(lines.find((l) => l.startsWith('so-c,Sở Cê,bao-cao-6-thang'))).toMatch(/quá hạn \d+ ngày/);
});

test('the Temporal UI’s codec endpoint decodes the year’s gzipped start input, for the UI’s origin only', async () => {
  const history = await fx.env.client.workflow.getHandle(workflowIdFor(BLOC, Y)).fetchHistory();
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
  const payload = { metadata: Object.fromEntries(Object.entries(input?.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(input?.data) };
  expect(Buffer.from(payload.metadata.encoding ?? '', 'base64').toString()).toBe('binary/gzip');

  const post = (origin: string | undefined, body: unknown) =>
    fetch(`${fx.web.url}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...(origin && { origin }) },
      body: JSON.stringify(body),
    });
  const preflight = await fetch(`${fx.web.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST' } });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Namespace');

  const decoded = await post(UI_ORIGIN, { payloads: [payload] });
  expect(decoded.status).toBe(200);
  expect(decoded.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  const [plain] = ((await decoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
  expect(Buffer.from(plain?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
  const start = JSON.parse(Buffer.from(plain?.data ?? '', 'base64').toString()) as { year: number; config: { units: { name: string }[] } };
  expect(start.year).toBe(Y);
  expect(start.config.units.map((u) => u.name)).toContain(MARKUP_UNIT_NAME);

  expect((await post('http://evil.example', { payloads: [payload] })).status).toBe(403);
  expect((await post(undefined, { payloads: [payload] })).status).toBe(403);
  expect((await post(UI_ORIGIN, { payloads: [{ data: 42 }] })).status).toBe(400);
});

test('no cache keeps a page: signed-in pages, the sign-in page and a unit’s page say no-store; the style sheet may be kept', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const unitPage = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: Y, unit: 'so-c' }, linkExpiry({ year: Y, items: [] }), { link: 'mail' });
  const visitor = new WebAgent(fx.web.url);
  for (const [who, path] of [[agent, '/'], [agent, `/khoi/${BLOC}/${Y}`], [agent, `/khoi/${BLOC}/${Y}/o/so-c/bao-cao-6-thang`], [visitor, '/dang-nhap'], [visitor, unitPage]] as const) {
    const response = await who.request(path);
    expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
  }
  expect((await agent.request('/tai-nguyen/style.css')).headers.get('cache-control')).toBe('max-age=3600');
});

test('a new password, another role and a removal each end the account’s sessions at their next request', async () => {
  const accountsFile = join(fx.dir, 'accounts.json');
  const account = { name: 'thu-ky-tam', role: 'secretariat', blocs: [BLOC] } as const;
  const opens = async (agent: WebAgent) => (await agent.request(`/khoi/${BLOC}/${Y}`)).status;
  const change = [
    () => addAccount(accountsFile, { ...account, blocs: [...account.blocs] }, 'mật-khẩu-mới-đủ-dài-2050'),
    () => addAccount(accountsFile, { ...account, role: 'leader', blocs: [...account.blocs] }, PASSWORD),
    async () => expect(removeAccount(accountsFile, account.name)).toBe(true),
  ];
  for (const [i, changeIt] of change.entries()) {
    await addAccount(accountsFile, { ...account, blocs: [...account.blocs] }, PASSWORD);
    const agent = await signedIn(account);
    const other = await signedIn(ACCOUNTS.leader);
    expect([i, await opens(agent)]).toEqual([i, 200]);
    await changeIt();
    // Sent back to sign in; another account's session goes on.
    expect([i, await opens(agent), await opens(other)]).toEqual([i, 303, 200]);
  }
});

test('a body that is not a form (a broken multipart) is refused with 400 and one line in the log, with or without a session', async () => {
  const unitPage = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: Y, unit: 'so-c' }, linkExpiry({ year: Y, items: [] }), { link: 'mail' });
  const declare = unitPage.replace('?', '/bao-gui?');
  const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const failed = jest.spyOn(console, 'error');
  try {
    for (const path of ['/dang-nhap', declare]) {
      const response = await fetch(`${fx.web.url}${path}`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=ranh-gioi' }, body: '--ranh-gioi\r\nkhông phải một phần\r\n' });
      expect([path, response.status]).toEqual([path, 400]);
      expect(await response.text()).toContain('Biểu mẫu không đọc được');
    }
    expect(warned.mock.calls.map(([line]) => String(line).split('\n'))).toEqual([
      [expect.stringMatching(/^POST \/dang-nhap: unreadable form \(/)],
      [expect.stringMatching(/^POST \/don-vi\/.*\/bao-gui: unreadable form \(/)],
    ]);
    expect(failed).not.toHaveBeenCalled();
  } finally {
    warned.mockRestore();
    failed.mockRestore();
  }
});

test('a gzip bomb posted to the codec endpoint is refused with 413; ten at once hold no more than two decodes’ worth of memory', async () => {
  // A quarter of a mebibyte that expands to 256 MiB, as the UI's origin would post it (any program can claim it).
  const bomb = { metadata: { encoding: Buffer.from('binary/gzip').toString('base64') }, data: gzipBomb(256).toString('base64') };
  const post = () =>
    fetch(`${fx.web.url}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', origin: UI_ORIGIN }, body: JSON.stringify({ payloads: [bomb] }) });
  const one = await post();
  expect(one.status).toBe(413);
  expect(((await one.json()) as { error: string }).error).toContain('payloads expand to more than 64 MiB');

  const before = process.memoryUsage().rss;
  let peak = before;
  const sampling = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    // Two decode at once, eight wait their turn: all ten are refused for their size, none for the line.
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await post()).status));
    expect(statuses).toEqual(Array(10).fill(413));
  } finally {
    clearInterval(sampling);
  }
  expect((peak - before) / MiB).toBeLessThan(400);
});

test('an item’s page sets its day, refuses one outside its window in the validator’s words, cancels on confirmation and restores', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const item = `${YEAR}/muc/hoi-thao`;
  const _csrf = await agent.tokenOf(item);
  const outside = await agent.request(`${item}/doi-ngay`, { form: { _csrf, date: `${Y}-11-20`, time: '08:00' } });
  expect(outside.status).toBe(422);
  expect(await outside.text()).toMatch(/role="alert">Ngày: [^<]*Quý III/);

  const set = await agent.request(`${item}/doi-ngay`, { form: { _csrf, date: `${Y}-08-20`, time: '08:00' } });
  expect([set.status, set.headers.get('location')]).toEqual([303, `${item}?da=doi-ngay`]);
  const page = await (await agent.request(`${item}?da=doi-ngay`)).text();
  expect(page).toContain('Đã ấn định ngày mới.');
  expect(page).toMatch(new RegExp(`id="item-due">[^<]*ngày 20/8/${Y}`));
  expect(page).toContain('id="item-fate">dời từ ngày của kế hoạch<');

  const task = `${YEAR}/muc/tong-hop-6-thang`;
  const unconfirmed = await agent.request(`${task}/huy`, { form: { _csrf, reason: 'Hoãn do mưa bão' } });
  expect(unconfirmed.status).toBe(422);
  expect(await unconfirmed.text()).toContain('Xác nhận: hãy đánh dấu ô xác nhận');
  expect((await agent.request(`${task}/huy`, { form: { _csrf, reason: 'Hoãn do mưa bão', confirm: '1' } })).status).toBe(303);
  const cancelled = await (await agent.request(task)).text();
  expect(cancelled).toMatch(/id="item-fate">ĐÃ HỦY [^<]*: Hoãn do mưa bão</);
  expect(cancelled).toContain('Khôi phục mục này');
  expect((await agent.request(`${task}/khoi-phuc`, { form: { _csrf } })).status).toBe(303);
  expect(await (await agent.request(task)).text()).toContain('Hủy mục</button>');

  const leader = await signedIn(ACCOUNTS.leader);
  const leaderToken = await leader.tokenOf(item);
  expect((await leader.request(`${task}/huy`, { form: { _csrf: leaderToken, confirm: '1' } })).status).toBe(403);
});

test('a unit’s addresses change through the contacts Update; a bad one is refused with the address named', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const cell = `${YEAR}/o/so-c/dien-hinh`;
  const _csrf = await agent.tokenOf(cell);
  const refused = await agent.request(`${cell}/dia-chi`, { form: { _csrf, emails: 'vanthu@so-c.example.vn\nkhong-phai-email' } });
  expect(refused.status).toBe(422);
  expect(await refused.text()).toMatch(/role="alert">Địa chỉ nhận: [^<]*&quot;khong-phai-email&quot;/);
  const saved = await agent.request(`${cell}/dia-chi`, { form: { _csrf, emails: 'vanthu@so-c.example.vn, moi@so-c.example.vn', cc: '' } });
  expect([saved.status, saved.headers.get('location')]).toEqual([303, `${cell}?da=dia-chi`]);
  expect(await (await agent.request(`${cell}?da=dia-chi`)).text()).toContain('Đã cập nhật địa chỉ email của đơn vị.');
});

test('the holiday decisions: a preview changes nothing, applying asks for confirmation, then moves the cut-off', async () => {
  const agent = await signedIn(ACCOUNTS.secretariat);
  const page = `${YEAR}/lich-nghi`;
  const _csrf = await agent.tokenOf(page);
  const preview = await agent.request(`${page}/xem-truoc`, { form: { _csrf, decisions: weekOff() } });
  expect(preview.status).toBe(200);
  const shown = await preview.text();
  expect(shown).toMatch(/id="calendar-moves">Sẽ đổi ngày của các mục: [^<]*bao-cao-6-thang/);
  expect(await dueOf('bao-cao-6-thang')).toBe(BEFORE);

  const unconfirmed = await agent.request(`${page}/ap-dung`, { form: { _csrf, decisions: weekOff() } });
  expect(unconfirmed.status).toBe(422);
  expect(await unconfirmed.text()).toContain('Xác nhận: hãy đánh dấu ô xác nhận để thay lịch nghỉ');
  expect(await dueOf('bao-cao-6-thang')).toBe(BEFORE);

  const applied = await agent.request(`${page}/ap-dung`, { form: { _csrf, decisions: weekOff(), confirm: '1' } });
  expect([applied.status, applied.headers.get('location')]).toEqual([303, `${page}?da=lich-nghi`]);
  expect(await (await agent.request(`${page}?da=lich-nghi`)).text()).toContain('Đã áp dụng lịch nghỉ mới');
  const after = await dueOf('bao-cao-6-thang');
  expect(BEFORE).toBeDefined();
  expect(after).toBeDefined();
  expect(after).not.toBe(BEFORE);
  // The new cut-off is the one the preview showed.
  expect(shown).toContain(stampVi(after ?? ''));
});

test('the evaluation workbook downloads as an xlsx named after the bloc-year', async () => {
  const agent = await signedIn(ACCOUNTS.leader);
  const response = await agent.request(`${YEAR}/danh-gia.xlsx?luc=${encodeURIComponent(AFTER_DEADLINE)}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="danh-gia-${BLOC}-${Y}.xlsx"`);
  // A zip, as every xlsx is.
  expect([...Buffer.from(await response.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
});
