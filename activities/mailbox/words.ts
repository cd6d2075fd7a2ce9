/**
 * Vietnamese text compared as people type it: with or without diacritics ("Báo cáo sơ kết" and "bao cao so
 * ket" are the same words), in any case, whatever punctuation sits between the words. Pure, no Node imports, so
 * that a workflow may use it too.
 */

/** Marks stripped after NFD; đ/Đ has no decomposition and is mapped by hand. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The reply and forward prefixes mail clients put before a subject, in the languages a bloc's clerks use:
 * "Re:", "Fwd:", "FW:", Outlook's Vietnamese "TL:" (trả lời) and "CT:"/"Chuyển tiếp:". Bracketed tags such
 * as "[Khối 4]" stay: they may be words of an item.
 */
const PREFIX = /^\s*(re|aw|fwd?|tl|tr[aả] l[oờ]i|ct|chuy[eể]n ti[eế]p)\s*(\[\d+\])?\s*:\s*/iu;

export function subjectWithoutPrefixes(subject: string): string {
  let rest = subject;
  for (let i = 0; i < 10 && PREFIX.test(rest); i++) rest = rest.replace(PREFIX, '');
  return rest.trim();
}

/** True when `phrase` occurs in `text` as whole words, both folded. */
export function containsPhrase(text: string, phrase: string): boolean {
  const folded = foldVietnamese(phrase);
  if (!folded) return false;
  return ` ${foldVietnamese(text)} `.includes(` ${folded} `);
}
