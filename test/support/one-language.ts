/**
 * One language a page (issue 22): what a Vietnamese page must not say (an English word, an ISO instant or day)
 * and what an English page must not (a Vietnamese date word, a Vietnamese sentence). Each check returns what it
 * found, so that a test can show it finds a deliberate mistake as well as pass the engine's own words.
 */
import { refusalFor } from '../../web/lang';

export const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export const ISO_DAY = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/;
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/** The words Vietnamese dates are made of, and its way of writing a day ("15/6/2049"). */
export const VIETNAMESE_DATE = /(?<!\p{L})(?:ngày|tháng|năm|giờ|phút|Quý|thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật|hết)(?!\p{L})|(?<![\d/])\d{1,2}\/\d{1,2}\/\d{4}/iu;
export const ENGLISH_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;

/**
 * Words that are values, not language: what a person types after an option or in a file (true, confirm, a
 * role, an item's kind, a window's key) and a product's name; both halves may give them. And the English words
 * Vietnamese has taken in (email, macro).
 */
const VALUES = new Set(
  'true false confirm reject mail console unmarked leader deputy board secretariat all khoi cum deadline task event handover ongoing before on window after year nextyear since scoring word email macro'.split(' '),
);

/** Words Vietnamese spells as English does ("in lại": print again), which say nothing of the language. */
const BOTH = new Set(['in']);

/** Words said in English that the fixtures might not give, so that a page's check does not rest on them alone. */
const COMMON_ENGLISH = 'the and or is are not no must required invalid already cannot does has have tick box unknown expected should only at least'.split(' ');

/**
 * What is not words of either language: quoted text (an id, a name, a value as typed), options (--past),
 * tokens of code or numbers (calendar.decisions, HH:mm, P7D, 3/BB-KTĐ, an address) and acronyms (PDF, DOCX, LF).
 */
function prose(text: string): string {
  return unquoted(text)
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\S*(?:[._@{}[\]=<>/+\d]|\S:\S)\S*/g, ' ')
    .replace(/(?<!\p{L})\p{Lu}{2,}(?!\p{L})/gu, ' ');
}

/** Quoted text is as written (an id, a name, a title), in whichever language it has. */
const unquoted = (text: string) => text.replace(/"[^"]*"|“[^”]*”/g, ' ');

const wordsOf = (text: string) => prose(text).toLowerCase().match(/(?<!\p{L})[a-z]{2,}(?!\p{L})/gu) ?? [];

/** The English words of these English texts, values aside, with common ones besides. */
export function englishLexicon(englishTexts: readonly string[]): Set<string> {
  const words = new Set([...COMMON_ENGLISH, ...englishTexts.flatMap(wordsOf)]);
  for (const value of [...VALUES, ...BOTH]) words.delete(value);
  return words;
}

/** What makes `text` no Vietnamese page's text: English words of `lexicon`, an ISO instant or day. */
export function notVietnamese(text: string, lexicon: ReadonlySet<string>): string[] {
  const english = [...new Set(wordsOf(text).filter((w) => lexicon.has(w)))];
  return [
    ...(english.length > 0 ? [`English words: ${english.join(', ')}`] : []),
    ...found('ISO instant', ISO_INSTANT, text),
    ...found('ISO day', ISO_DAY, text),
  ];
}

/** What makes `text` no English page's text: a Vietnamese date word, an ISO instant or day, Vietnamese prose. */
export function notEnglish(text: string): string[] {
  const vietnamese = prose(text).match(new RegExp(`\\S*${VIETNAMESE_LETTER.source}\\S*`, 'gi'));
  return [
    ...found('Vietnamese date', VIETNAMESE_DATE, unquoted(text)),
    ...found('ISO instant', ISO_INSTANT, text),
    ...found('ISO day', ISO_DAY, text),
    ...(vietnamese ? [`Vietnamese words: ${vietnamese.join(' ')}`] : []),
  ];
}

function found(what: string, pattern: RegExp, text: string): string[] {
  const match = pattern.exec(text);
  return match ? [`${what}: ${match[0]}`] : [];
}

/**
 * What is wrong with a "tiếng Việt / English" refusal as each reader gets it: no pair (one language for both),
 * the wrong language in either half, and, where it names a day, a day not said in each reader's words.
 */
export function refusalProblems(text: string, lexicon: ReadonlySet<string>, dated: boolean): string[] {
  const vi = refusalFor('vi', text);
  const en = refusalFor('en', text);
  return [
    ...(vi === en ? ['one language for both readers'] : []),
    ...(VIETNAMESE_LETTER.test(vi) ? [] : ['no Vietnamese for the Vietnamese reader']),
    ...notVietnamese(vi, lexicon).map((p) => `vi: ${p}`),
    ...notEnglish(en).map((p) => `en: ${p}`),
    ...(dated && !VIETNAMESE_DATE.test(vi) ? ['vi: the day is not in Vietnamese words'] : []),
    ...(dated && !ENGLISH_DATE.test(en) ? ['en: the day is not in English words'] : []),
  ];
}
