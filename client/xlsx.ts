/**
 * What the console's and the CLI's workbooks share (the January conference's scores, the year's evaluation):
 * exceljs 4.4.0, kept exactly at that version (see client/score-export.ts for why this writer); used by the
 * CLI and the web console only, never by the worker.
 */
import { cutAtWord } from '../calendar/wording';
import { DateTime } from 'luxon';
import type { Worksheet } from 'exceljs';

/** Vietnamese order: day, month, year; the time on 24 hours. */
export const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

/**
 * An instant as Excel shows it: Excel has no time zones, and exceljs reads a Date's UTC fields, so the wall
 * time in the bloc's zone goes into them.
 */
export function excelDate(iso: string): Date {
  const t = DateTime.fromISO(iso, { setZone: true });
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/**
 * Excel allows 31 characters in a sheet's name and none of []:*?/\, and no two names that differ only in
 * case; a name already taken gets a number.
 */
export function sheetNameFor(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim();
  // Excel allows 31 characters.
  const base = cutAtWord(clean, 31) || 'Trang';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export function heading(sheet: Worksheet, lines: string[]): void {
  lines.forEach((line, i) => {
    const row = sheet.addRow([line]);
    if (i === 0) row.font = { bold: true, size: 13 };
  });
  sheet.addRow([]);
}

export function header(sheet: Worksheet, cells: string[]): void {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
}

export function widths(sheet: Worksheet, chars: number[]): void {
  chars.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}
