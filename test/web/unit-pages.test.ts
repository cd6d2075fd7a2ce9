/**
 * A unit's own page, opened by the signed link the secretariat sends it or its reminder email carries: no account
 * needed, its own items only; a tampered link, another unit's, or an expired one gets a refusal page and changes
 * nothing.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { smtpSettingsFromEnv } from '../../activities/mail/settings';
import { createMailTransport } from '../../activities/mail/transport';
import { statusQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { signedUnitPath, unitLinker } from '../../web/unit-links';
import { message } from '../support/mail-fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, BLOC, startWebFixture, UNIT_LINK_KEYS, WebAgent, type WebFixture } from '../support/web';

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
  expect(link).toMatch(new RegExp(`^${fx.web.url}/don-vi/${BLOC}/${fx.year}/so-b\\?het=\\d+&ky=[\\w-]{43}$`));
  const response = await open(link);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const page = await response.text();
  expect(page).toContain('Sở &lt;b&gt;Bê&lt;/b&gt; &amp; &quot;Cờ&quot; — năm');
  expect(page).toContain('Báo cáo sơ kết 6 tháng');
  expect(page).toContain('chưa đến hạn');
  expect(page).not.toContain('Sở Cê');
  expect(page).not.toContain('Đăng xuất');
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
  const expired = signedUnitPath(UNIT_LINK_KEYS, { bloc: BLOC, year: fx.year, unit: 'so-b' }, fx.clock() - 1000);
  const response = await open(`${fx.web.url}${expired}`);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('Đường dẫn đã hết hạn.');
  expect(await cells()).toEqual(before);
});

test('a link signed with the old key opens the page while the rotation lasts', async () => {
  const previous = UNIT_LINK_KEYS.previous;
  if (!previous) throw new Error('the fixture rotates a key');
  const old = signedUnitPath({ current: previous.key }, { bloc: BLOC, year: fx.year, unit: 'so-c' }, fx.clock() + 3_600_000);
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
    const acts = createActivities({ settings, transport, unitLink: unitLinker(UNIT_LINK_KEYS, fx.web.url) });
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') });
    await env.run(acts.sendMessage, message({ key: `${BLOC}/${fx.year}/so-b/link`, bloc, year: fx.year, addressee: unit }));
    await env.run(acts.sendMessage, message({ key: `${BLOC}/${fx.year}/digest/link`, bloc, year: fx.year, addressee: digest }));
  } finally {
    transport.close();
  }
  const received = (to: string) => fx.smtp.messages.find((m) => m.envelope.to.includes(to));
  const text = received('vanthu@so-b.example.vn')?.text ?? '';
  const url = /Trang riêng của Quý đơn vị \(các hạn, tình hình nộp\): (\S+)/.exec(text)?.[1] ?? '';
  expect(url).toMatch(new RegExp(`^${fx.web.url}/don-vi/${BLOC}/${fx.year}/so-b\\?het=\\d+&ky=`));
  expect(received('vanthu@so-b.example.vn')?.html).toContain(url.replace(/&/g, '&amp;'));
  const page = await open(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Sở &lt;b&gt;Bê&lt;/b&gt; &amp; &quot;Cờ&quot; — năm');
  expect(received('thuky@khoi.example.vn')?.text).not.toContain('/don-vi/');
});
