/**
 * One language a page (issue 22, "Shown"): every refusal the year's validators give, provoked by calling them
 * (test/support/refusal-fixtures.ts), reads in Vietnamese with no English word and no ISO instant, and in English
 * with no Vietnamese date word; a day it names is in each reader's words. The checks are shown to catch the
 * mistakes they look for.
 */
import { labelOf } from '../../client/field-labels';
import { refusalFor } from '../../web/lang';
import { scoreRefusal } from '../../web/score-form';
import { consoleRefusals, validatorRefusals } from '../support/refusal-fixtures';
import { englishLexicon, notEnglish, notVietnamese, refusalProblems } from '../support/one-language';

const REFUSALS = validatorRefusals();
const LEXICON = englishLexicon(REFUSALS.map((r) => refusalFor('en', r.reason)));

test('no two fixtures of one Update provoke the same refusal', () => {
  const seen = REFUSALS.map((r) => `${r.update}, ${r.field}: ${r.reason}`);
  expect(seen.filter((s, i) => seen.indexOf(s) !== i)).toEqual([]);
});

test.each(REFUSALS.map((r) => [`${r.update}: ${r.case}`, r] as const))('%s reads in one language for each reader', (_, r) => {
  expect({ reason: r.reason, problems: refusalProblems(r.reason, LEXICON, r.dated) }).toEqual({ reason: r.reason, problems: [] });
});

test("the console's own refusals, before the year is asked, read in one language for each reader", async () => {
  const shown = (await consoleRefusals()).map((r) => ({ ...r, problems: refusalProblems(r.reason, LEXICON, r.dated) }));
  expect(shown.length).toBeGreaterThan(15);
  expect(shown.filter((r) => r.problems.length > 0)).toEqual([]);
});

/** The Updates the console's forms send, whose refusals it shows under the field's label. */
const FORMS = new Set(['recordSubmission', 'declareSubmission', 'reviewDeclaration', 'grantExtension', 'updateContacts', 'reschedule', 'cancelItem', 'handOver', 'restoreItem']);

test.each([...new Set(REFUSALS.filter((r) => FORMS.has(r.update)).map((r) => r.field))])("a form's refusal on %s names it in the reader's language", (field) => {
  const labels = { vi: labelOf(field, 'vi'), en: labelOf(field, 'en') };
  expect({ field, labels, problems: [...notVietnamese(labels.vi, LEXICON), ...notEnglish(labels.en)], unlabelled: labels.vi === field }).toEqual({
    field,
    labels,
    problems: [],
    unlabelled: false,
  });
});

test.each(REFUSALS.filter((r) => r.update === 'submitScore').map((r) => [r.case, r] as const))("the self-score sheet's refusal on %s reads in Vietnamese", (_, r) => {
  const shown = refusalFor('vi', scoreRefusal(r.field, r.reason) ?? '');
  expect({ shown, problems: notVietnamese(shown, LEXICON) }).toEqual({ shown, problems: [] });
});

describe('the checks find what they look for', () => {
  test('an English half in a Vietnamese page, an ISO instant, a bare ISO day', () => {
    expect(notVietnamese('gia hạn phải sau hạn hiện tại / tick the box to confirm', LEXICON)).toEqual(['English words: tick, the, box']);
    expect(notVietnamese('phải sau 2049-06-14T23:59:59.999+07:00', LEXICON)).toEqual(['ISO instant: 2049-06-14T23:59', 'ISO day: 2049-06-14']);
    expect(notVietnamese('ngày 2049-06-14 đã qua', LEXICON)).toEqual(['ISO day: 2049-06-14']);
  });

  test('a Vietnamese date or sentence in an English page', () => {
    expect(notEnglish('the window is Quý III/2049')).toEqual(['Vietnamese date: Quý', 'Vietnamese words: Quý']);
    expect(notEnglish('sent on 3/6/2049')).toEqual(['Vietnamese date: 3/6/2049']);
    expect(notEnglish('bắt buộc')).toEqual(['Vietnamese words: bắt buộc']);
  });

  test('a refusal without its pair, or naming a day in one language only', () => {
    expect(refusalProblems('bắt buộc', LEXICON, false)).toEqual(['one language for both readers', 'en: Vietnamese words: bắt buộc']);
    expect(refusalProblems('ngày 2049-06-14 đã qua / already past', LEXICON, true)).toEqual([
      'vi: ISO day: 2049-06-14',
      'en: the day is not in English words',
    ]);
  });

  test('ids, names and values as written are neither language', () => {
    expect(notVietnamese('đơn vị "so-a" không phải nộp "bao-cao"; phải là true hoặc false, dùng --past', LEXICON)).toEqual([]);
    expect(notEnglish('the unit "Sở A" has left')).toEqual([]);
  });
});
