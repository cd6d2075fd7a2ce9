import { windowEn } from '../../calendar/wording';
/**
 * The console's English, word for word where it is pure: a matrix cell in each state, an item's date, and a
 * validator's "vi / en" refusal cut to the reader's language. Instants are fixed in 2049, in Hanoi's offset.
 */
import { cellEn, cellVi, dueEn, stampEn, whenEn } from '../../client/cell-wording';
import type { Cell } from '../../workflows/status';
import { refusalFor } from '../../web/lang';

const DUE = '2049-06-14T23:59:59.999+07:00';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cell = (state: Cell['state'], more: Partial<Cell> = {}): Cell => ({ itemId: 'bao-cao', unitId: 'so-a', state, ...more });

describe('refusalFor', () => {
  test('an English reader gets the part after " / "; a Vietnamese one the part before: one language a page', () => {
    const text = 'cần ngày / a day is required';
    expect(refusalFor('en', text)).toBe('a day is required');
    expect(refusalFor('vi', text)).toBe('cần ngày');
  });

  test('pairs joined by "; " or by lines each give their Vietnamese; a "; " inside the Vietnamese stays', () => {
    expect(refusalFor('vi', 'emails: sai địa chỉ / bad address; cc: trùng / duplicate')).toBe('emails: sai địa chỉ; cc: trùng');
    expect(refusalFor('vi', 'chỉ nhận PDF (Word); tệp này không phải / only PDF')).toBe('chỉ nhận PDF (Word); tệp này không phải');
    expect(refusalFor('vi', 'dòng 1: sai / wrong\ndòng 2: thiếu / missing')).toBe('dòng 1: sai\ndòng 2: thiếu');
  });

  test('a refusal in one language only reads the same in both', () => {
    expect(refusalFor('en', 'Sai tên tài khoản')).toBe('Sai tên tài khoản');
  });

  test('only the first " / " separates the languages', () => {
    expect(refusalFor('en', 'hạn / ngày sai / deadline / date wrong')).toBe('ngày sai / deadline / date wrong');
  });
});

describe('cellEn', () => {
  test.each<[Cell, string]>([
    [cell('not-applicable'), '—'],
    [cell('awaiting-date'), 'day not set'],
    [cell('not-due', { dueAt: DUE }), 'not yet due'],
    [cell('extended', { dueAt: '2049-06-20T23:59:59.999+07:00' }), 'extended to 20 Jun'],
    [cell('extended'), 'extended'],
    [cell('submitted-on-time', { dueAt: DUE }), 'on time'],
    [cell('submitted-late', { dueAt: DUE, lateByMs: 2 * DAY }), '2 days late'],
    [cell('submitted-late', { dueAt: DUE, lateByMs: 30 * 60_000 }), '1 day late'],
    [cell('overdue', { dueAt: DUE, overdueByMs: 5 * DAY }), 'overdue by 5 days'],
    [cell('overdue'), 'overdue'],
    [cell('declared', { sentOn: '2049-06-03' }), 'unit says sent on 3 Jun, awaiting confirmation'],
    [cell('declared'), 'unit says sent, awaiting confirmation'],
    [cell('cancelled'), 'cancelled'],
    [cell('reported', { reports: 1 }), '1 report'],
    [cell('reported', { reports: 3 }), '3 reports'],
    [cell('retired', { mergedInto: 'so-b' }), 'merged into so-b'],
    [cell('retired'), 'withdrawn'],
  ])('%j reads "%s"', (c, words) => {
    expect(cellEn(c)).toBe(words);
  });

  test('within the cut-off\'s day, lateness is counted in hours, as in Vietnamese', () => {
    const due = '2049-06-14T08:00:00+07:00';
    const late = cell('overdue', { dueAt: due, overdueByMs: 3 * HOUR });
    expect(cellEn(late)).toBe('overdue by 3 hours');
    expect(cellVi(late)).toBe('quá hạn 3 giờ');
  });

  test('a window over without its day says so, judged at the instant given', () => {
    const schedule = { items: [{ id: 'bao-cao', wording: 'Quý II/2049', window: { from: '2049-04-01', to: '2049-06-30' } }] } as never;
    expect(cellEn(cell('awaiting-date'), { schedule, at: '2049-07-02T08:00:00+07:00' })).toBe('window over, no day set');
    expect(cellEn(cell('awaiting-date'), { schedule, at: '2049-05-02T08:00:00+07:00' })).toBe('day not set');
  });
});

describe('English dates', () => {
  test('an instant reads in English, in the offset it was written with', () => {
    expect(whenEn('2049-06-14T08:00:00+07:00')).toBe('08:00, Monday, 14 June 2049');
    expect(stampEn('2049-06-14T23:59:00+07:00')).toBe('14 Jun 2049 23:59');
  });

  test("an item's date: the end of its day, or the time the plan gives; the plan's words while it has none", () => {
    expect(dueEn({ kind: 'deadline', wording: 'trước ngày 15/6/2049', at: DUE })).toBe('by the end of Monday, 14 June 2049');
    expect(dueEn({ kind: 'event', wording: 'ngày 14/6/2049', at: '2049-06-14T08:00:00+07:00' })).toBe('08:00, Monday, 14 June 2049');
    expect(dueEn({ kind: 'deadline', wording: 'Quý II/2049' })).toBe('Quý II/2049');
  });
});

test("a window without its day is said in English on English pages, never as the plan's Vietnamese words", () => {
  expect(windowEn({ from: '2027-04-01', to: '2027-06-30' })).toBe('Q2 2027');
  expect(windowEn({ from: '2028-01-01', to: '2028-01-31' })).toBe('January 2028');
  expect(windowEn({ from: '2027-01-01', to: '2027-12-31' })).toBe('the whole of 2027');
  expect(windowEn({ from: '2027-01-01', to: '2027-06-30' })).toBe('the first half of 2027');
  expect(windowEn({ from: '2027-07-01', to: '2027-12-31' })).toBe('the second half of 2027');
  expect(windowEn({ from: '2027-03-10', to: '2027-04-20' })).toBe('10 Mar 2027 to 20 Apr 2027');
  expect(dueEn({ kind: 'event', wording: 'Quý III/2027', window: { from: '2027-07-01', to: '2027-09-30' } })).toBe('Q3 2027');
});
