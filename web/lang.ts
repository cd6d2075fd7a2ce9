/**
 * The console's language: Vietnamese first, English when the reader chose it (issue 10). The choice is a
 * cookie, never the browser's Accept-Language, so a Vietnamese reader with an English browser still reads Vietnamese.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../activities/mail/templates/words';

export type { Lang };

export const LANG_PATH = '/ngon-ngu';
const LANG_COOKIE = 'lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export function langOf(c: Context): Lang {
  return getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'vi';
}

/** Only the two languages are kept; anything else asked for is Vietnamese. */
export function rememberLang(c: Context, asked: string | undefined): void {
  setCookie(c, LANG_COOKIE, asked === 'en' ? 'en' : 'vi', { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: YEAR_SECONDS });
}

/** The words of the reader's language, given side by side where they are used so neither drifts from the other. */
export function t<T>(reader: { lang: Lang }, vi: T, en: T): T {
  return reader.lang === 'en' ? en : vi;
}

/**
 * The workflow's validators answer "vi / en" in one string, several such pairs joined by "; " or by lines: an
 * English reader gets the part after the first " / ", a Vietnamese one each pair's Vietnamese; a text without
 * a pair is the same in both.
 */
export function refusalFor(lang: Lang, text: string): string {
  if (lang === 'vi') return text.split('\n').map(vietnameseOf).join('\n');
  const cut = text.indexOf(' / ');
  return cut >= 0 ? text.slice(cut + 3) : text;
}

function vietnameseOf(pairs: string): string {
  const cut = pairs.indexOf(' / ');
  if (cut < 0) return pairs;
  const english = pairs.slice(cut + 3);
  // "a / b; c / d": the English runs to the "; " that opens the next pair.
  const next = english.indexOf('; ');
  return next >= 0 && english.slice(next + 2).includes(' / ') ? `${pairs.slice(0, cut)}; ${vietnameseOf(english.slice(next + 2))}` : pairs.slice(0, cut);
}

/** The link in the header that switches to the other language and comes back to `here`. */
export function switchPath(lang: Lang, here: string): string {
  return `${LANG_PATH}?lang=${lang === 'en' ? 'vi' : 'en'}&next=${encodeURIComponent(here)}`;
}
