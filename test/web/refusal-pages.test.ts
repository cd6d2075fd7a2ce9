/**
 * One language a page (issue 22), over real HTTP: a refusal of each kind the year's forms give (a day past the
 * cut-off, a receipt in the future, a day outside the cycle or the window, an address, a box not ticked, holiday
 * decisions zod refuses) reads in Vietnamese with no English word nor ISO instant, and in English with no
 * Vietnamese word; a day it names is in the reader's words. The words are checked as in
 * test/unit/refusal-languages.test.ts, which covers every refusal without a server.
 *
 * @devserver
 */
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, BLOC, startWebFixture, WebAgent, type WebFixture } from '../support/web';
import { ENGLISH_DATE, englishLexicon, ISO_DAY, ISO_INSTANT, notEnglish, notVietnamese, VIETNAMESE_DATE } from '../support/one-language';
import { validatorRefusals } from '../support/refusal-fixtures';
import { refusalFor } from '../../web/lang';

let fx: WebFixture;
let agent: WebAgent;

beforeAll(async () => {
  fx = await startWebFixture();
  agent = new WebAgent(fx.web.url);
  expect((await agent.signIn(ACCOUNTS.secretariat.name)).status).toBe(303);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

const LEXICON = englishLexicon(validatorRefusals().map((r) => refusalFor('en', r.reason)));

const unescaped = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The form's refusal, as text. */
const alertOf = (page: string) => unescaped(/<p class="error" role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '').trim();
/** The page's main part as text: a form's values (attributes) aside. */
const mainOf = (page: string) => unescaped(/<main>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '');

interface Provoked {
  what: string;
  /** The form's page, then its action under it. */
  page: string;
  action: string;
  form: Record<string, string>;
  dated: boolean;
  /** Holiday decisions are YAML with ISO days, as the bloc file has them: the page, not the refusal, may show them. */
  showsIsoDays?: boolean;
}

function provoked(): Provoked[] {
  const year = `/khoi/${BLOC}/${fx.year}`;
  const cell = `${year}/o/so-a/bao-cao-6-thang`;
  return [
    { what: 'an extension ending before the cut-off', page: cell, action: 'gia-han', form: { until: `${fx.year}-06-01` }, dated: true },
    { what: 'a receipt in the future', page: cell, action: 'nop', form: { reference: '9/BC', receivedAt: `${fx.year}-06-01T10:00` }, dated: true },
    { what: 'an address that is none', page: cell, action: 'dia-chi', form: { emails: 'khong-phai-email' }, dated: false },
    { what: 'a day outside the cycle', page: `${year}/muc/bao-cao-6-thang`, action: 'doi-ngay', form: { date: `${fx.year - 2}-07-01` }, dated: true },
    { what: 'a day outside the window', page: `${year}/muc/hoi-thao`, action: 'doi-ngay', form: { date: `${fx.year}-12-01` }, dated: true },
    { what: 'a handover not confirmed', page: `${year}/muc/chuyen-giao`, action: 'chuyen-giao', form: {}, dated: false },
    { what: 'a decision of a year before 1990', page: `${year}/lich-nghi`, action: 'xem-truoc', form: { decisions: 'calendar:\n  decisions:\n    - year: 1800\n' }, dated: false, showsIsoDays: true },
  ];
}

test.each(['vi', 'en'] as const)('in %s, each refusal and its page read in that language only', async (lang) => {
  await agent.request(`/ngon-ngu?lang=${lang}&next=%2F`);
  const shown = await Promise.all(
    provoked().map(async (p) => {
      const response = await agent.request(`${p.page}/${p.action}`, { form: { ...p.form, _csrf: await agent.tokenOf(p.page) } });
      const page = await response.text();
      return { ...p, status: response.status, alert: alertOf(page), main: mainOf(page) };
    }),
  );
  for (const s of shown) {
    const problems =
      lang === 'vi'
        ? [...notVietnamese(s.alert, LEXICON), ...(s.dated && !VIETNAMESE_DATE.test(s.alert) ? ['the day is not in Vietnamese words'] : [])]
        : [...notEnglish(s.alert), ...(s.dated && !ENGLISH_DATE.test(s.alert) ? ['the day is not in English words'] : [])];
    const page = [ISO_INSTANT.exec(s.main)?.[0], s.showsIsoDays ? undefined : ISO_DAY.exec(s.main)?.[0]].filter(Boolean);
    expect({ what: s.what, status: s.status, alert: s.alert, problems, page }).toEqual({ what: s.what, status: 422, alert: expect.stringMatching(/\S/), problems: [], page: [] });
  }
});
