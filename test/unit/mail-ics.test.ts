import { calendarEntries, calendarUid } from '../../activities/mail/calendar-entries';
import { escapeText, foldLine, renderCalendar, utcStamp } from '../../activities/mail/ics';
import { INVITATION, message, notice, NOW } from '../support/mail-fixtures';

const ORGANIZER = { name: 'Khối thi đua số 4', address: 'khoi@example.vn' };

describe('RFC 5545 text', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Báo cáo sơ kết 6 tháng đầu năm của Khối thi đua số 4, tỉnh Đắk Nông '.repeat(3)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    parts.slice(1).forEach((p) => expect(p.startsWith(' ')).toBe(true));
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('leaves a short line alone', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
  });

  it('writes UTC instants with a Z and whole seconds', () => {
    expect(utcStamp(new Date('2020-06-15T16:59:59.999Z'))).toBe('20200615T165959Z');
  });
});

describe('calendar entries', () => {
  const ics = (entries = calendarEntries(message({ notices: [notice(), INVITATION] }), ORGANIZER)) =>
    renderCalendar(entries, { stamp: NOW, prodId: '-//test//VI', language: 'vi' });

  it('publishes one VEVENT per deadline or event, CRLF throughout', () => {
    const text = ics();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('\r\nMETHOD:PUBLISH\r\n');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('ends a deadline entry at the cut-off, rounded up to the minute, in UTC', () => {
    const text = ics();
    expect(text).toContain('UID:bao-cao-6-thang.2020.khoi-4@bloc-engine\r\n');
    expect(text).toContain('DTSTART:20200615T163000Z\r\n');
    expect(text).toContain('DTEND:20200615T170000Z\r\n');
    expect(text).toContain('DTSTAMP:20200612T010000Z\r\n');
    expect(text).toContain('SUMMARY;LANGUAGE=vi:Hạn cuối: Báo cáo sơ kết 6 tháng đầu năm\r\n');
    expect(text).toContain('TRANSP:TRANSPARENT');
  });

  it('gives an event two hours (or as configured), its place and its sequence', () => {
    const text = ics();
    expect(text).toContain('DTSTART:20200626T010000Z\r\nDTEND:20200626T030000Z\r\n');
    expect(text).toContain('SEQUENCE:2\r\n');
    expect(text).toContain('LOCATION;LANGUAGE=vi:Hội trường Sở Nội vụ\\, Gia Nghĩa');
    expect(text).toContain('TRANSP:OPAQUE');
    const [event] = calendarEntries(message({ notices: [INVITATION] }), ORGANIZER, { deadlineMinutes: 30, eventMinutes: 90 });
    expect(event?.end.toISOString()).toBe('2020-06-26T02:30:00.000Z');
  });

  it('keeps the UID per bloc, year and item: no unit, no run', () => {
    const a = calendarEntries(message(), ORGANIZER)[0];
    const b = calendarEntries(message({ key: 'khoi-4/2020/so-y-te/2020-06-13', addressee: { kind: 'unit', unitId: 'so-y-te', name: 'Sở Y tế', to: ['a@b.vn'], cc: [] } }), ORGANIZER)[0];
    expect(a?.uid).toBe(calendarUid('khoi-4', 2020, 'bao-cao-6-thang'));
    expect(b?.uid).toBe(a?.uid);
  });

  it('skips follow-ups, handovers and ongoing items', () => {
    const skipped = [notice({ kind: 'followUp' }), notice({ kind: 'handover', itemKind: 'handover' }), notice({ itemKind: 'ongoing' })];
    expect(calendarEntries(message({ notices: skipped }), ORGANIZER)).toEqual([]);
  });

  it('quotes an organiser name holding a comma and drops double quotes', () => {
    const text = renderCalendar(calendarEntries(message(), { name: 'Khối "4", Đắk Nông', address: 'k@example.vn' }), { stamp: NOW, prodId: 'x', language: 'vi' });
    expect(text.replace(/\r\n /g, '')).toContain('ORGANIZER;CN="Khối 4, Đắk Nông":mailto:k@example.vn');
  });
});
