/** What the commands print: JSON for programs (--json), aligned tables for people, CSV for spreadsheets. */
import { cli } from './cli-context';

export function printJson(value: unknown): void {
  cli().stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--json` prints the data as it came; otherwise `human` words it for people. */
export function emit<T>(json: boolean | undefined, data: T, human: (data: T) => string): void {
  if (json) printJson(data);
  else cli().stdout(human(data));
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) => `${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`)
    .join('');
}

/** RFC 4180: a field with a quote, separator or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
}

/** With a BOM, since Excel reads a CSV without one in the machine's legacy code page and garbles Vietnamese. */
export function csv(header: string[], rows: string[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
