/**
 * The bounds on a bloc file and on what a person writes in it or types at the console: bounded lists, text of
 * one line or several, names and ids. The bloc file's schema, its scoring table and the workflow's Update
 * validators share them.
 */
import { z } from 'zod';

// --- Limits ------------------------------------------------------------------------------------

/**
 * Bounds a real bloc never reaches (the sample has 9 units and 15 items; the largest blocs have a few
 * dozen units), so that a file that is mistaken or hostile is refused with one line rather than planned,
 * mailed and kept in a workflow's history. README "Limits" states them for people.
 */
export const LIMITS = {
  units: 500,
  items: 200,
  /** Reminder offsets in one rule (the plan's or an item's). */
  remindersPerRule: 20,
  /** An item's short name, for column headings and tabs. */
  shortTitleLength: 40,
  /** Addresses in one `emails` or `cc` list. */
  emailsPerList: 20,
  decisions: 50,
  /** Days in one decision's `daysOff`, and again in its `workingDays`. */
  daysPerDecision: 100,
  idLength: 64,
  /** RFC 5321: a forward path holds at most 256 octets, angle brackets included. */
  emailLength: 254,
  /** Names of units, people, bodies, provinces, places and holidays. */
  nameLength: 300,
  /** Document numbers with their date and issuer, e.g. "Kế hoạch số 277/KH-KTĐ4 ngày 31/3/2020 của ...". */
  referenceLength: 500,
  /** The seed's longest title is 245 characters. */
  titleLength: 1000,
  descriptionLength: 5000,
} as const;

/** "có 150000 đơn vị, tối đa 500 / 150000 units, at most 500" */
export function tooMany(count: number, max: number, vi: string, en: string): string {
  return `có ${count} ${vi}, tối đa ${max} / ${count} ${en}, at most ${max}`;
}

/** A list with a bound: the error gives the count and the limit. */
export function listOf<T extends z.ZodType>(item: T, max: number, vi: string, en: string) {
  return z.array(item).max(max, {
    error: (iss) => tooMany(Array.isArray(iss.input) ? iss.input.length : max + 1, max, vi, en),
  });
}

// --- Text a person writes -----------------------------------------------------------------------

export const REQUIRED = 'bắt buộc / required';

/**
 * What may not appear in one line of text: the C0 controls (CR, LF, TAB, ...), DEL, the C1 controls (NEL,
 * U+0085, ends a line for some readers) and the Unicode line and paragraph separators. Each of them breaks
 * the CLI's tables and, in a mail, starts a new line of the body or header, where a fake "Bcc:" can follow.
 */
const NOT_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same, except LF: the one line break a multi-line text keeps (YAML already reads CRLF as LF). */
const NOT_IN_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const CHAR_NAMES: Record<number, string> = {
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x7f: 'DEL',
  0x85: 'NEL',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
};

/** "U+000D (CR) ở ký tự thứ 13 / U+000D (CR) at character 13": enough to find it in an editor. */
function whereIs(text: string, at: number): { vi: string; en: string } {
  const code = text.charCodeAt(at);
  const name = CHAR_NAMES[code];
  const char = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
  return { vi: `${char} ở ký tự thứ ${at + 1}`, en: `${char} at character ${at + 1}` };
}

export function tooLong(max: number) {
  return {
    error: (iss: { input?: unknown }) => {
      const n = typeof iss.input === 'string' ? iss.input.length : max + 1;
      return `dài ${n} ký tự, tối đa ${max} / ${n} characters long, at most ${max}`;
    },
  };
}

/**
 * Missing is "required", as elsewhere in the file, and so is an empty YAML value (`name:`), which reads
 * as null; anything else but a string is "must be text".
 */
const textType = {
  error: (iss: { input?: unknown }) => (iss.input == null ? REQUIRED : 'phải là chuỗi ký tự / must be text'),
};

function humanText(max: number, forbidden: RegExp, vi: string, en: string) {
  return z
    .string(textType)
    .max(max, tooLong(max))
    .superRefine((value, ctx) => {
      const at = value.search(forbidden);
      if (at < 0) return;
      const where = whereIs(value, at);
      ctx.addIssue({ code: 'custom', message: `${vi}: ${where.vi} / ${en}: ${where.en}` });
    });
}

/**
 * One line of human text (a name, title, wording, reason, place, document number), at most `max`
 * characters (UTF-16 units), with no control characters or line breaks. Chain `.min(1, ...)` where
 * the text is required; the workflow's Update validators use it for what the secretariat types.
 */
export function singleLineText(max: number) {
  return humanText(
    max,
    NOT_IN_A_LINE,
    'chỉ được viết trên một dòng, không có ký tự điều khiển',
    'must be one line without control characters',
  );
}

/** Text of several lines (a description): LF between lines, no other control character. */
export function multiLineText(max: number) {
  return humanText(
    max,
    NOT_IN_LINES,
    'có ký tự điều khiển (chỉ được xuống dòng bằng LF)',
    'contains a control character (only LF may break lines)',
  );
}

/** A required name: one line, not empty. */
export const nameSchema = singleLineText(LIMITS.nameLength).min(1, REQUIRED);

const ID = /^[a-z0-9][a-z0-9-]*$/;

export const idSchema = z
  .string({ error: REQUIRED })
  .max(LIMITS.idLength, tooLong(LIMITS.idLength))
  .regex(ID, 'mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang / lowercase letters, digits and hyphens only');
