/**
 * Vietnamese first, English by setting (issue 10), over real HTTP on the dev server: the header's link sets
 * the language and comes back to the page, a unit's signed link included; the browser's Accept-Language does
 * not count; the link never leads off the site.
 *
 * @devserver
 */
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, BLOC, PASSWORD, REPORT_TITLE_EN, startWebFixture, UNIT_LINK_KEYS, WebAgent, type WebFixture } from '../support/web';
import { signedUnitPath } from '../../activities/mail/unit-links';

let fx: WebFixture;
let YEAR: string;
/** After the 6-month report's cut-off (before 15/6): every unit is overdue on it. */
let AFTER_DEADLINE: string;

beforeAll(async () => {
  fx = await startWebFixture();
  YEAR = `/khoi/${BLOC}/${fx.year}`;
  AFTER_DEADLINE = `${YEAR}?luc=${encodeURIComponent(`${fx.year}-06-20T08:00:00+07:00`)}`;
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

const text = async (response: Response) => response.text();
const htmlLang = (page: string) => /<html lang="([^"]+)">/.exec(page)?.[1];
/** The header's language link, as a path to request (the page escapes its ampersands). */
const switchLink = (page: string) => /<a class="lang" id="lang-switch" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
const cellText = (page: string, unit: string, item: string) =>
  new RegExp(`data-unit="${unit}" data-item="${item}"><a [^>]*>([^<]*)</a>`).exec(page)?.[1];

async function signedIn(): Promise<WebAgent> {
  const agent = new WebAgent(fx.web.url);
  expect((await agent.signIn(ACCOUNTS.secretariat.name)).status).toBe(303);
  return agent;
}

test('the console is Vietnamese until English is chosen, whatever the browser asks for', async () => {
  const page = await text(await fetch(`${fx.web.url}/dang-nhap`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } }));
  expect(htmlLang(page)).toBe('vi');
  expect(page).toContain('Tên tài khoản');
  expect(switchLink(page)).toBe('/ngon-ngu?lang=en&next=%2Fdang-nhap');
});

test('signed out, the sign-in page switches to English and back, with a cookie for a year', async () => {
  const agent = new WebAgent(fx.web.url);
  const link = switchLink(await text(await agent.request('/dang-nhap?next=%2F'))) ?? '';
  const switched = await agent.request(link);
  expect(switched.status).toBe(303);
  expect(switched.headers.get('location')).toBe('/dang-nhap?next=%2F');
  const cookie = switched.headers.getSetCookie().find((c) => c.startsWith('lang=')) ?? '';
  expect(cookie).toMatch(/^lang=en;/);
  expect(cookie).toMatch(/Max-Age=31536000/i);
  expect(cookie).toMatch(/Path=\//i);
  expect(cookie).toMatch(/SameSite=Lax/i);

  const english = await text(await agent.request('/dang-nhap?next=%2F'));
  expect(htmlLang(english)).toBe('en');
  expect(english).toContain('<label for="name">Account name</label>');
  expect(english).toContain('>Tiếng Việt</a>');
  expect(english).not.toContain('Tên tài khoản');

  await agent.request(switchLink(english) ?? '');
  const back = await text(await agent.request('/dang-nhap'));
  expect(htmlLang(back)).toBe('vi');
  expect(back).toContain('Tên tài khoản');
});

test('signed in, the matrix reads in English: headings, item titles, cells; and in Vietnamese again', async () => {
  const agent = await signedIn();
  const vietnamese = await text(await agent.request(AFTER_DEADLINE));
  expect(cellText(vietnamese, 'so-a', 'bao-cao-6-thang')).toMatch(/^quá hạn \d+ ngày$/);

  const switched = await agent.request(switchLink(vietnamese) ?? '');
  expect(switched.headers.get('location')).toBe(AFTER_DEADLINE);
  const english = await text(await agent.request(AFTER_DEADLINE));
  expect(htmlLang(english)).toBe('en');
  expect(english).toContain('<th scope="col">Unit</th>');
  expect(english).toContain('Overdue units only');
  expect(english).toContain(`>${REPORT_TITLE_EN}</a>`);
  expect(english).toContain('Sign out');
  expect(cellText(english, 'so-a', 'bao-cao-6-thang')).toMatch(/^overdue by \d+ days$/);
  expect(english).not.toContain('Chỉ đơn vị quá hạn');

  await agent.request(`/ngon-ngu?lang=vi&next=${encodeURIComponent(YEAR)}`);
  const again = await text(await agent.request(AFTER_DEADLINE));
  expect(htmlLang(again)).toBe('vi');
  expect(again).toContain('<th scope="col">Đơn vị</th>');
  expect(again).toContain('>Báo cáo sơ kết 6 tháng</a>');
});

test("a form's refusal reads in the reader's language", async () => {
  const agent = await signedIn();
  await agent.request('/ngon-ngu?lang=en&next=%2F');
  const cell = `${YEAR}/o/so-a/bao-cao-6-thang`;
  const _csrf = await agent.tokenOf(cell);
  const refused = await agent.request(`${cell}/gia-han`, { form: { _csrf, until: '' } });
  expect(refused.status).toBe(422);
  const page = await text(refused);
  expect(page).toContain('<p class="error" role="alert">Until the end of: a day is required</p>');
  // Shown again after the POST, the page's language link leads back to the cell, not to the form's action.
  expect(switchLink(page)).toBe(`/ngon-ngu?lang=vi&next=${encodeURIComponent(cell)}`);
});

test('the language link leads nowhere off the site, and keeps only Vietnamese or English', async () => {
  const agent = new WebAgent(fx.web.url);
  // Browsers strip tabs and newlines from a URL: "/\t/evil.example" is "//evil.example" to them (issue 21).
  for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\nSet-Cookie: x=1']) {
    const response = await agent.request(`/ngon-ngu?lang=en&next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  }
  // The sign-in's `next` is judged the same way.
  const signIn = new WebAgent(fx.web.url);
  const _csrf = await signIn.tokenOf('/dang-nhap');
  const signedIn = await signIn.request(`/dang-nhap?next=${encodeURIComponent('/\t/evil.example')}`, { form: { name: ACCOUNTS.secretariat.name, password: PASSWORD, _csrf } });
  expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/']);
  const unknown = await agent.request('/ngon-ngu?lang=fr&next=%2Fdang-nhap');
  expect(unknown.headers.getSetCookie().find((c) => c.startsWith('lang='))).toMatch(/^lang=vi;/);
  expect(htmlLang(await text(await agent.request('/dang-nhap')))).toBe('vi');
});

test("a unit's page switches to English and comes back to its signed link, query and all", async () => {
  const unit = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: fx.year, unit: 'so-a' }, fx.clock() + 30 * 24 * 3_600_000, { link: 'mail' });
  const agent = new WebAgent(fx.web.url);
  const page = await text(await agent.request(unit));
  expect(page).toContain('Báo đã gửi văn bản');
  expect(switchLink(page)).toBe(`/ngon-ngu?lang=en&next=${encodeURIComponent(unit)}`);

  const switched = await agent.request(switchLink(page) ?? '');
  expect(switched.headers.get('location')).toBe(unit);
  const english = await text(await agent.request(unit));
  expect(htmlLang(english)).toBe('en');
  expect(english).toContain('<h2>Declare a document sent</h2>');
  expect(english).toContain(`<th scope="row">${REPORT_TITLE_EN}</th>`);
  expect(english).not.toContain('Báo đã gửi văn bản');
});

/** The words of a page's main part, tags dropped. */
const wordsOf = (page: string) => (/<main>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ').replace(/\s+/g, ' ');
const ISO_INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
/** What only the validators' English halves say. */
const ENGLISH_REFUSAL = /\b(required|invalid|must|already|cannot|tick the box|day not set|window over|is not|does not)\b/i;
/** Dates as the Vietnamese pages write them. */
const VIETNAMESE_DATE = /Quý [IVX]+\/\d{4}|tháng \d{1,2}\/\d{4}|ngày \d{1,2}\/\d{1,2}(\/\d{4})?|\d{1,2} giờ \d\d|thứ (Hai|Ba|Tư|Năm|Sáu|Bảy),|Chủ nhật,|hết Quý|cả năm \d{4}/;

test('one language a page: no English refusal nor ISO instant on a Vietnamese page, no Vietnamese date on an English one', async () => {
  const agent = await signedIn();
  const cell = `${YEAR}/o/so-a/bao-cao-6-thang`;
  const item = `${YEAR}/muc/hoi-thao`;
  const handover = `${YEAR}/muc/chuyen-giao`;
  const unit = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: fx.year, unit: 'so-a' }, fx.clock() + 86_400_000, { link: 'mail' });
  const pages = [AFTER_DEADLINE, cell, item, handover, `${YEAR}/lich`, `${YEAR}/nhat-ky`, `${YEAR}/cho-xac-nhan`, unit];
  // A refusal of each kind the year's forms give: a day in the past, a box not ticked, a bad instant, a bad address.
  const refusals: [string, Record<string, string>][] = [
    [`${cell}/gia-han`, { until: `${fx.year - 1}-01-01` }],
    [`${cell}/gia-han`, { until: '' }],
    [`${cell}/nop`, { receivedAt: 'hôm qua', reference: '1/BC' }],
    [`${cell}/dia-chi`, { emails: 'khong-phai-email' }],
    [`${item}/huy`, { reason: 'thử' }],
    [`${item}/doi-ngay`, { date: `${fx.year - 2}-07-01` }],
    [`${handover}/chuyen-giao`, {}],
  ];
  for (const lang of ['vi', 'en'] as const) {
    await agent.request(`/ngon-ngu?lang=${lang}&next=%2F`);
    const read = [
      ...(await Promise.all(pages.map(async (path) => [path, wordsOf(await text(await agent.request(path)))] as const))),
      ...(await Promise.all(
        refusals.map(async ([path, form]) => {
          const back = path.slice(0, path.lastIndexOf('/'));
          const refused = await agent.request(path, { form: { ...form, _csrf: await agent.tokenOf(back) } });
          expect([path, refused.status]).toEqual([path, 422]);
          return [path, wordsOf(await text(refused))] as const;
        }),
      )),
    ];
    for (const [path, words] of read) {
      if (lang === 'vi') {
        expect([path, ISO_INSTANT.exec(words)?.[0]]).toEqual([path, undefined]);
        expect([path, ENGLISH_REFUSAL.exec(words)?.[0]]).toEqual([path, undefined]);
      } else {
        expect([path, VIETNAMESE_DATE.exec(words)?.[0]]).toEqual([path, undefined]);
      }
    }
  }
});
