/**
 * The January evaluation's workbook, written and read back with exceljs: the sheets a secretariat finds, the
 * headers with their diacritics, cut-offs and receipts as real dates in the bloc's wall time, and the counts
 * of the summary. A fixed year and a matrix written down here: nothing depends on today.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook, type Worksheet } from 'exceljs';
import type { YearSchedule } from '../../calendar/schedule';
import { EXPORT_HEADER, exportRows } from '../../client/export-rows';
import type { PlannedItem } from '../../calendar/types';
import type { StatusView } from '../../workflows/messages';
import { ITEM_HEADER, SUMMARY_SHEET, yearWorkbook } from '../../client/year-workbook';

const DAY = 86_400_000;
const DUE = '2025-06-13T23:59:59.999+07:00';
const LONG_TITLE = 'Báo cáo tổng kết năm: [đánh giá] công tác thi đua/khen thưởng?';

const view: StatusView = {
  blocId: 'khoi-4',
  blocName: 'Khối thi đua số 4',
  year: 2025,
  at: '2025-06-20T08:00:00.000+07:00',
  roles: { leader: 'so-a', deputy: 'so-b' },
  units: [
    { id: 'so-a', name: 'Sở Tư pháp', emails: [], cc: [] },
    { id: 'so-b', name: 'Sở Giáo dục và Đào tạo', emails: [], cc: [] },
    { id: 'so-c', name: 'Sở Y tế', emails: [], cc: [] },
  ],
  items: [
    { id: 'bao-cao-6-thang', kind: 'deadline', title: 'Báo cáo sơ kết 6 tháng', dueAt: DUE, wording: 'trước ngày 15/6/2025' },
    { id: 'bao-cao-nam', kind: 'deadline', title: LONG_TITLE, dueAt: '2025-11-28T23:59:59.999+07:00', wording: 'trước ngày 30/11/2025' },
    // Another item of the same title: its sheet must still get a name of its own.
    { id: 'bao-cao-6-thang-bo-sung', kind: 'task', title: 'Báo cáo sơ kết 6 tháng', wording: 'trong Quý III/2025' },
  ],
  cells: [
    { itemId: 'bao-cao-6-thang', unitId: 'so-a', state: 'submitted-on-time', dueAt: DUE, receivedAt: '2025-06-12T09:30:00.000+07:00', reference: '45/BC-STP' },
    { itemId: 'bao-cao-6-thang', unitId: 'so-b', state: 'submitted-late', dueAt: DUE, receivedAt: '2025-06-17T10:15:00.000+07:00', lateByMs: 3 * DAY + 10 * 3_600_000 },
    { itemId: 'bao-cao-6-thang', unitId: 'so-c', state: 'overdue', dueAt: DUE, overdueByMs: 6 * DAY + 8 * 3_600_000 },
    { itemId: 'bao-cao-nam', unitId: 'so-a', state: 'not-due', dueAt: '2025-11-28T23:59:59.999+07:00' },
    { itemId: 'bao-cao-nam', unitId: 'so-b', state: 'extended', dueAt: '2025-12-05T23:59:59.999+07:00' },
    { itemId: 'bao-cao-nam', unitId: 'so-c', state: 'cancelled' },
    { itemId: 'bao-cao-6-thang-bo-sung', unitId: 'so-a', state: 'not-applicable' },
    { itemId: 'bao-cao-6-thang-bo-sung', unitId: 'so-b', state: 'awaiting-date' },
    { itemId: 'bao-cao-6-thang-bo-sung', unitId: 'so-c', state: 'submitted-on-time', receivedAt: '2025-07-02T14:05:00.000+07:00' },
  ],
};

let dir: string;
let book: Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bloc-workbook-'));
  const file = join(dir, 'danh-gia.xlsx');
  const supplement = { id: 'bao-cao-6-thang-bo-sung', title: 'Báo cáo sơ kết 6 tháng', window: { from: '2025-01-01', to: '2025-03-31' } } as PlannedItem;
  await yearWorkbook(view, { items: [supplement] }).xlsx.writeFile(file);
  book = new Workbook();
  await book.xlsx.readFile(file);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheet = (name: string): Worksheet => {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};
const values = (s: Worksheet, row: number): unknown[] => (s.getRow(row).values as unknown[]).slice(1);
/** The row whose first cell is `first`. */
const rowOf = (s: Worksheet, first: string): unknown[] => {
  for (let r = 1; r <= s.rowCount; r++) if (s.getRow(r).getCell(1).value === first) return values(s, r);
  throw new Error(`no row ${first} in ${s.name}`);
};

test('a summary first, then one sheet per item, named after its title within Excel’s rules and each its own', () => {
  expect(book.worksheets.map((s) => s.name)).toEqual([
    'Tổng hợp',
    'Báo cáo sơ kết 6 tháng',
    'Báo cáo tổng kết năm- -đánh…',
    'Báo cáo sơ kết 6 tháng~2',
  ]);
  for (const s of book.worksheets) {
    expect(s.name.length).toBeLessThanOrEqual(31);
    expect(s.name).not.toMatch(/[[\]:*?/\\]/);
  }
});

test('the summary counts each item’s and each unit’s outcomes, under Vietnamese headers', () => {
  const summary = sheet(SUMMARY_SHEET);
  expect(summary.getCell('A1').value).toBe('Bảng đánh giá năm 2025 — Khối thi đua số 4');
  expect(summary.getCell('A2').value).toBe('Tình hình lúc 8 giờ 00, thứ Sáu, ngày 20/6/2025');
  expect(rowOf(summary, 'Mã mục')).toEqual(['Mã mục', 'Tên mục', 'Đúng hạn', 'Muộn', 'Quá hạn, chưa nộp', 'Chưa đến hạn', 'Hết thời gian, chưa ấn định ngày', 'Đang gia hạn', 'Đã hủy']);
  expect(rowOf(summary, 'bao-cao-6-thang')).toEqual(['bao-cao-6-thang', 'Báo cáo sơ kết 6 tháng', 1, 1, 1, 0, 0, 0, 0]);
  expect(rowOf(summary, 'bao-cao-nam')).toEqual(['bao-cao-nam', LONG_TITLE, 0, 0, 0, 1, 0, 1, 1]);
  // Its window (Quý I) ended on 31/3 without a day: not "not yet due".
  expect(rowOf(summary, 'bao-cao-6-thang-bo-sung')).toEqual(['bao-cao-6-thang-bo-sung', 'Báo cáo sơ kết 6 tháng', 1, 0, 0, 0, 1, 0, 0]);
  expect(rowOf(summary, 'Mã đơn vị')[0]).toBe('Mã đơn vị');
  expect(rowOf(summary, 'so-a')).toEqual(['so-a', 'Sở Tư pháp', 1, 0, 0, 1, 0, 0, 0]);
  expect(rowOf(summary, 'so-b')).toEqual(['so-b', 'Sở Giáo dục và Đào tạo', 0, 1, 0, 0, 1, 1, 0]);
  expect(rowOf(summary, 'so-c')).toEqual(['so-c', 'Sở Y tế', 1, 0, 1, 0, 0, 0, 1]);
  // The heading, the column names and each row's id and name stay in view.
  for (const s of book.worksheets) expect([s.name, s.views[0]]).toEqual([s.name, expect.objectContaining({ state: 'frozen', xSplit: 2, ySplit: 4 })]);
});

test('an item’s sheet: each unit’s state in the matrix’s words, cut-off and receipt as dates in the bloc’s wall time', () => {
  const s = sheet('Báo cáo sơ kết 6 tháng');
  expect(s.getCell('A1').value).toBe('Báo cáo sơ kết 6 tháng (bao-cao-6-thang)');
  expect(rowOf(s, 'Mã đơn vị')).toEqual(ITEM_HEADER);
  expect(ITEM_HEADER).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Hạn', 'Nhận lúc', 'Số văn bản', 'Số ngày muộn/quá hạn']);

  const [id, name, state, due, received, reference, late] = rowOf(s, 'so-a');
  expect([id, name, state, reference, late]).toEqual(['so-a', 'Sở Tư pháp', 'đúng hạn', '45/BC-STP', undefined]);
  // 9:30 on 12/6/2025 in Hồ Chí Minh City, as Excel shows it: exceljs keeps a date's UTC fields.
  expect(received).toBeInstanceOf(Date);
  expect((received as Date).toISOString()).toBe('2025-06-12T09:30:00.000Z');
  expect((due as Date).toISOString()).toBe('2025-06-13T23:59:59.000Z');

  const row = (first: string) => {
    for (let r = 1; r <= s.rowCount; r++) if (s.getRow(r).getCell(1).value === first) return s.getRow(r);
    throw new Error(first);
  };
  expect(row('so-a').getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
  // Days counted as the matrix counts them: 14, 15, 16 and 17 June, the day it came in included.
  expect(rowOf(s, 'so-b').slice(2)).toEqual(['muộn 4 ngày', new Date('2025-06-13T23:59:59.000Z'), new Date('2025-06-17T10:15:00.000Z'), '', 4]);
  expect(rowOf(s, 'so-c')[2]).toBe('quá hạn 7 ngày'); // 14 to 20 June
  expect(rowOf(s, 'so-c')[4]).toBeUndefined();
  expect(rowOf(s, 'so-c')[6]).toBe(7);

  expect(rowOf(sheet('Báo cáo tổng kết năm- -đánh…'), 'so-b').slice(2, 4)).toEqual(['gia hạn đến 5/12', new Date('2025-12-05T23:59:59.000Z')]);
});

test('the CSV carries each submission’s document number, as the workbook does', () => {
  const rows = exportRows(view, { items: [], timeZone: 'Asia/Ho_Chi_Minh' } as unknown as YearSchedule);
  const column = EXPORT_HEADER.indexOf('Số văn bản');
  expect(rows.find((r) => r[0] === 'so-a' && r[2] === 'bao-cao-6-thang')?.[column]).toBe('45/BC-STP');
  expect(rows.find((r) => r[0] === 'so-c' && r[2] === 'bao-cao-6-thang')?.[column]).toBe('');
});
