/**
 * RFC 5545 serialisation, by hand: CRLF line ends, 75-octet folding that never splits a UTF-8
 * sequence, TEXT escaping, and every instant in UTC with a Z (Vietnam keeps no daylight saving,
 * so no VTIMEZONE is needed and no client can misread a floating time).
 */
import { nfc } from './text';

export interface CalendarEvent {
  /** Stable per bloc, year and item, so every reminder updates the same entry. */
  uid: string;
  /** Rises when the item's date moves; clients keep the entry with the highest one. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location?: string;
  /** iTIP PUBLISH requires an organizer (RFC 5546 §3.2.1). */
  organizer: { name: string; address: string };
  /** An event blocks the attendee's time; a deadline marker must not. */
  busy: boolean;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newline are escaped. */
export function escapeText(s: string): string {
  return nfc(s)
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** Parameter values cannot hold DQUOTE at all, and are quoted when they hold ":;,". */
function paramValue(s: string): string {
  const clean = nfc(s).replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds at 75 octets (§3.1): a continuation line starts with a space, which counts in its 75. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** 20200615T165959Z: UTC, whole seconds. */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export function renderCalendar(events: CalendarEvent[], opts: { stamp: Date; prodId: string; language: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${opts.prodId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utcStamp(opts.stamp)}`,
      `DTSTART:${utcStamp(e.start)}`,
      `DTEND:${utcStamp(e.end)}`,
      `SUMMARY;LANGUAGE=${opts.language}:${escapeText(e.summary)}`,
      `DESCRIPTION;LANGUAGE=${opts.language}:${escapeText(e.description)}`,
      ...(e.location ? [`LOCATION;LANGUAGE=${opts.language}:${escapeText(e.location)}`] : []),
      `ORGANIZER;CN=${paramValue(e.organizer.name)}:mailto:${e.organizer.address}`,
      `TRANSP:${e.busy ? 'OPAQUE' : 'TRANSPARENT'}`,
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
