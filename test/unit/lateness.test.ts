/** One instant, one wording: the digest, the status matrix, `bloc overdue` and the CSV count lateness alike. */
import { deadlineStatus, type RenderContext } from '../../activities/mail/templates/words';
import { lateness, latenessEn, latenessVi } from '../../calendar/wording';
import { cellVi, daysLate, latenessOf } from '../../client/cell-wording';
import { message } from '../support/mail-fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const ctx = (nowIso: string): RenderContext => ({ message: message(), lang: 'vi', zone: ZONE, now: new Date(nowIso) });

describe.each([
  // Three minutes after a midnight cut-off is the next day: one day late, wherever it is said.
  ['2049-06-14T23:59:59.999+07:00', '2049-06-15T00:03:00.000+07:00', '1 ngày', 1],
  ['2049-06-14T23:59:59.999+07:00', '2049-06-20T08:00:00.000+07:00', '6 ngày', 6],
  // A same-day cut-off with a time: hours, then minutes, within that day.
  ['2049-11-26T06:12:00.000+07:00', '2049-11-26T09:40:00.000+07:00', '3 giờ', 1],
  ['2049-11-26T06:12:00.000+07:00', '2049-11-26T06:24:00.000+07:00', '12 phút', 1],
])('due %s, judged at %s', (dueAt, at, words, csvDays) => {
  const pastMs = Date.parse(at) - Date.parse(dueAt);
  const cell = { itemId: 'bao-cao-6-thang', unitId: 'so-a', state: 'overdue' as const, dueAt, overdueByMs: pastMs };

  it(`reads "${words}" in the digest, the matrix and bloc overdue, and ${csvDays} in the CSV`, () => {
    expect(deadlineStatus(dueAt, ctx(at))).toBe(`đã quá hạn ${words}`);
    expect(cellVi(cell)).toBe(`quá hạn ${words}`);
    expect(latenessVi(latenessOf(dueAt, pastMs))).toBe(words);
    expect(daysLate(dueAt, pastMs)).toBe(csvDays);
  });
});

test('minutes are counted as clocks read them: a record at 13:04:01 after a 13:01 cut-off is 3 minutes late, not 4', () => {
  const zone = 'Asia/Ho_Chi_Minh';
  const due = '2049-06-14T13:01:00.000+07:00';
  const at = (time: string) => Date.parse(`2049-06-14T${time}+07:00`);
  expect(latenessVi(lateness(due, at('13:04:01'), zone))).toBe('3 phút');
  expect(latenessEn(lateness(due, at('13:04:59'), zone))).toBe('3 minutes');
  expect(latenessVi(lateness(due, at('13:01:30'), zone))).toBe('dưới 1 phút');
  expect(latenessEn(lateness(due, at('13:01:30'), zone))).toBe('under a minute');
  expect(latenessVi(lateness(due, at('15:00:59'), zone))).toBe('1 giờ');
});
