/**
 * Vietnamese first, English after the slash, for what the schemas do not word themselves (a wrong type, an
 * unknown key, a number out of its range). zod's own words are English only; the bloc file and the year's
 * validators both pass this to `safeParse`, so that no refusal reaches a Vietnamese reader in English.
 */
import type { z } from 'zod';
import { cut } from './where';

const TYPES: Record<string, [vi: string, en: string]> = {
  string: ['chuỗi ký tự', 'text'],
  number: ['số', 'a number'],
  int: ['số nguyên', 'a whole number'],
  boolean: ['true hoặc false', 'true or false'],
  array: ['danh sách', 'a list'],
  object: ['bảng khóa và giá trị', 'a mapping of keys to values'],
};

export const issueInWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    // An empty YAML value (`name:`) reads as null: nothing was written, as when the key is missing.
    if (issue.input == null) return 'bắt buộc / required';
    const [vi, en] = TYPES[issue.expected] ?? [issue.expected, issue.expected];
    return `sai kiểu, cần ${vi} / expected ${en}`;
  }
  if (issue.code === 'unrecognized_keys') {
    // The keys are the file's own text: cut short, so that a pasted paragraph does not become the message.
    const keys = issue.keys.slice(0, 5).map((key) => `"${cut(key)}"`);
    const more = issue.keys.length > keys.length ? `, … (+${issue.keys.length - keys.length})` : '';
    return `khóa không được phép: ${keys.join(', ')}${more} / unknown key`;
  }
  if (issue.code === 'too_small' && (issue.origin === 'number' || issue.origin === 'int')) {
    return issue.inclusive ? `phải từ ${issue.minimum} trở lên / must be at least ${issue.minimum}` : `phải lớn hơn ${issue.minimum} / must be more than ${issue.minimum}`;
  }
  if (issue.code === 'too_big' && (issue.origin === 'number' || issue.origin === 'int')) {
    return issue.inclusive ? `phải từ ${issue.maximum} trở xuống / must be at most ${issue.maximum}` : `phải nhỏ hơn ${issue.maximum} / must be less than ${issue.maximum}`;
  }
  return 'không hợp lệ / invalid';
};
