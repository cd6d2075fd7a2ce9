/**
 * A unit sends its self-score from its own signed page (issue 11): the form lists the bloc's criteria as its
 * scoring table groups them, the sheet goes through the same `submitScore` Update as `bloc score submit`,
 * the workflow's refusals come back in the form with the figures kept, and a tampered link records nothing.
 *
 * @devserver
 */
import { scoresQuery } from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { signedUnitPath } from '../../activities/mail/unit-links';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { BLOC, OTHER_BLOC, startWebFixture, UNIT_LINK_KEYS, type WebFixture } from '../support/web';

let fx: WebFixture;

beforeAll(async () => {
  fx = await startWebFixture();
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

/** The unit's page as its signed link opens it (the link the secretariat would send, good for a month). */
const linkOf = (unit: string, bloc = OTHER_BLOC) => `${fx.web.url}${signedUnitPath(UNIT_LINK_KEYS, { bloc, year: fx.year, unit }, fx.clock() + 30 * 86_400_000, { link: 'mail' })}`;
const open = (url: string) => fetch(url, { redirect: 'manual' });
const scores = () => fx.env.client.workflow.getHandle(workflowIdFor(OTHER_BLOC, fx.year)).query(scoresQuery, {});
const recordOf = async (unit: string) => (await scores())?.units.find((u) => u.unitId === unit)?.record;

/** The page's self-score form, posted as the browser posts it (urlencoded, with the page's token). */
async function sendScore(pageUrl: string, fields: Record<string, string>): Promise<Response> {
  const page = await (await open(pageUrl)).text();
  const action = /<form class="box" method="post" action="([^"]+)" id="score-form">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!action || !token) throw new Error('the unit page has no self-score form');
  return fetch(`${fx.web.url}${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    redirect: 'manual',
  });
}

const SHEET = { 'diem.I.1': '37,5', 'diem.I.2': '9', 'diem.II.1': '10', 'tru.II.1': '1', 'thuong.I.1': '3', 'giai-trinh.I.1': 'Vượt 25% chỉ tiêu', reference: '12/BC-SB', by: 'Văn thư Sở B' };

test('the page lists the criteria as the table groups them, each with a labelled figure input that names its maximum', async () => {
  const page = await (await open(linkOf('so-b'))).text();
  expect(page).toContain('<h2 id="tu-cham-diem">Tự chấm điểm</h2>');
  expect(page).toMatch(/id="score-status">chưa gửi</);
  expect(page).toContain('I. Thực hiện nhiệm vụ chính trị được giao');
  expect(page).toContain('II. Công tác thi đua, khen thưởng');
  expect(page).toMatch(/<td class="criterion">Chất lượng công tác tham mưu, chỉ đạo, điều hành<\/td><td>định tính<\/td><td>10<\/td>/);
  // Text with a decimal keyboard and the pattern the server reads, so that "9,5" is taken in every browser.
  expect(page).toMatch(/<input type="text" inputmode="decimal" class="figure" id="diem\.I\.1" name="diem\.I\.1" pattern="\[0-9\]\{1,3\}\(\[\.,\]\[0-9\]\{1,2\}\)\?" required\s+value="" aria-label="Điểm tự chấm, tiêu chí I\.1 \(tối đa 40\)"/);
  expect(page).toMatch(/name="tru\.II\.1"[^>]*aria-label="Điểm trừ, tiêu chí II\.1 \(tối đa 3\)"/);
  expect(page).toMatch(/name="thuong\.I\.1"[^>]*aria-label="Điểm thưởng đề nghị, tiêu chí I\.1 \(tối đa 5\)"/);
  // No bonus is offered on a qualitative criterion, nor a deduction where the table has none.
  expect(page).not.toContain('name="thuong.I.2"');
  expect(page).not.toContain('name="tru.I.1"');
  // A plan without a scoring table has no such section.
  expect(await (await open(linkOf('so-b', BLOC))).text()).not.toContain('Tự chấm điểm');
});

test('a unit sends its self-score: recorded as version 1 with its figures and sender, shown back on its page', async () => {
  const response = await sendScore(linkOf('so-b'), { ...SHEET, unitId: 'so-c' });
  expect(response.status).toBe(303);
  const back = new URL(response.headers.get('location') ?? '', fx.web.url);
  expect(back.searchParams.get('da')).toBe('cham-diem');
  const record = await recordOf('so-b');
  expect(record?.versions).toEqual([
    expect.objectContaining({
      version: 1,
      by: 'Văn thư Sở B',
      via: { link: 'mail' },
      reference: '12/BC-SB',
      points: { 'I.1': 37.5, 'I.2': 9, 'II.1': 10 },
      deductions: { 'II.1': 1 },
      bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu' }],
    }),
  ]);
  // The unit is the link's: the form's own `unitId` is not read.
  expect(await recordOf('so-c')).toBeUndefined();

  const page = await (await open(back.href)).text();
  expect(page).toContain('Đã ghi nhận bảng tự chấm điểm của đơn vị');
  expect(page).toMatch(/id="score-status">đã gửi</);
  expect(page).toMatch(/id="score-latest">lần 1, nhận \d\d\/\d\d\/\d{4} \d\d:\d\d, số 12\/BC-SB, gửi: Văn thư Sở B, qua đường dẫn trong thư gửi đơn vị</);
  expect(page).toContain('I.1: +3 (Vượt 25% chỉ tiêu)');
  expect(page).toContain('<td data-sent="II.1">10, trừ 1</td>');
  // The form starts from the sheet sent, for a correction.
  expect(page).toMatch(/name="diem\.I\.1"[^>]*value="37,5"/);

  // The same sheet again adds no version.
  const again = await sendScore(back.href, SHEET);
  expect(new URL(again.headers.get('location') ?? '', fx.web.url).searchParams.get('da')).toBe('cham-diem-khong-doi');
  expect((await recordOf('so-b'))?.versions).toHaveLength(1);
});

test('41 points on a criterion of 40 is refused with the validator’s words, the figures kept, nothing recorded', async () => {
  const response = await sendScore(linkOf('so-c'), { ...SHEET, 'diem.I.1': '41', by: 'Văn thư Sở Cê' });
  expect(response.status).toBe(422);
  const page = await response.text();
  expect(page).toMatch(/role="alert" id="score-error">Điểm tự chấm: tiêu chí &quot;I.1&quot;: 41 điểm vượt mức tối đa 40<\/p>/);
  expect(page).toMatch(/name="diem\.I\.1"[^>]*value="41"/);
  expect(page).toMatch(/name="tru\.II\.1"[^>]*value="1"/);
  expect(page).toContain('value="Văn thư Sở Cê"');
  expect(await recordOf('so-c')).toBeUndefined();
});

test('a bonus on a qualitative criterion is refused in the words of the rule; an empty figure is named', async () => {
  const qualitative = await sendScore(linkOf('so-c'), { ...SHEET, 'thuong.I.2': '2' });
  expect(qualitative.status).toBe(422);
  expect(await qualitative.text()).toContain('Điểm thưởng: tiêu chí &quot;I.2&quot; là tiêu chí định tính: không cộng điểm thưởng đối với tiêu chí định tính');

  const empty = await sendScore(linkOf('so-c'), { ...SHEET, 'diem.I.2': '' });
  expect(empty.status).toBe(422);
  expect(await empty.text()).toContain('Điểm tiêu chí I.2: cần số');
  expect(await recordOf('so-c')).toBeUndefined();
});

test('a self-score posted through a tampered or another unit’s link is refused (403) and records nothing', async () => {
  const link = new URL(linkOf('so-c'));
  const page = await (await open(link.href)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const post = (path: string, search: string) =>
    fetch(`${fx.web.url}${path}/cham-diem${search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, ...SHEET }).toString(),
      redirect: 'manual',
    });
  const tampered = new URL(link.href);
  const signature = link.searchParams.get('ky') ?? '';
  tampered.searchParams.set('ky', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
  const forged = await post(link.pathname, tampered.search);
  expect(forged.status).toBe(403);
  const otherUnit = await post(link.pathname.replace('/so-c', '/so-a'), link.search);
  expect(otherUnit.status).toBe(403);
  expect(await otherUnit.text()).toContain('Đường dẫn không hợp lệ');
  expect(await recordOf('so-c')).toBeUndefined();
  expect(await recordOf('so-a')).toBeUndefined();
});
