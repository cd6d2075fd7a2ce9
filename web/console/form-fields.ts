/** Reading a form's fields, and refusing one in the words of the form's label and the reader's language. */
import type { Context } from 'hono';
import { InputError } from '../../config/errors';
import { labelOf } from '../../client/field-labels';
import { parseDateOrInstant, parseHourMinute, parseInstant, parseIsoDate } from '../../client/options';
import type { RefusalSource } from '../../client/workflow-handle';
import { langOf, refusalFor, type Lang } from '../lang';

/** A field's refusal as the form shows it: its label, and the validator's "vi / en" reason in the reader's language. */
export function fieldRefusal(lang: Lang, field: string, reason: string): string {
  return `${labelOf(field, lang)}: ${refusalFor(lang, reason)}`;
}
/**
 * What a form's date or time field says when its value cannot be read. The CLI's parsers ask for ISO-8601, which
 * a person at the console never types: the browser's pickers send it.
 */
const FORM_VALUE_REFUSAL = new Map<(v: string) => string, string>([
  [parseInstant, 'cần ngày và giờ hợp lệ / a valid day and time are required'],
  [parseIsoDate, 'cần ngày hợp lệ / a valid day is required'],
  [parseDateOrInstant, 'cần ngày hợp lệ / a valid day is required'],
  [parseHourMinute, 'cần giờ hợp lệ, ví dụ 08:00 / a valid time is required, e.g. 08:00'],
]);

export const refusalInForm =
  (lang: Lang): RefusalSource =>
  (field, reason) =>
    fieldRefusal(lang, field, reason);

/** Addresses typed one per line, or separated by commas, semicolons or spaces. */
export function addressList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter((a) => a !== '');
}

export function formString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The form's file, when one was chosen (a browser sends an empty part for a file input left empty). */
export function attachedFile(body: Record<string, unknown>): File | undefined {
  const value = body.file;
  return value instanceof File && (value.size > 0 || value.name !== '') ? value : undefined;
}

/** A form's fields as typed, its token aside. */
export function typedFields(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

export function parsed(c: Context, field: string, value: string, parse: (v: string) => string): string {
  try {
    return parse(value);
  } catch (err) {
    throw new InputError(fieldRefusal(langOf(c), field, FORM_VALUE_REFUSAL.get(parse) ?? (err as Error).message));
  }
}

/** A form's text fields, without its token. */
export const formValues = async (c: Context): Promise<Record<string, string>> => typedFields(await c.req.parseBody());
