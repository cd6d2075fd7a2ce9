/**
 * The January evaluation's workbook of a year: a "Tổng hợp" sheet that counts each item's and each unit's
 * outcomes, then one sheet per tracked item with every unit's state, cut-off, receipt and lateness. The
 * cut-offs and receipts are real Excel dates (client/xlsx.ts), so that the secretariat can sort and filter them.
 * Written for `bloc export --xlsx` and the web console's download alike.
 */
import { Workbook } from 'exceljs';
import type { YearPlan } from '../calendar/types';
import type { StatusView } from '../workflows/messages';
import type { Cell, CellState } from '../workflows/status';
import { cellVi, lateDays, whenVi } from './cell-wording';
import { DATE_FORMAT, excelDate, header, heading, sheetNameFor, widths } from './xlsx';

export const SUMMARY_SHEET = 'Tổng hợp';

/** The summary's columns: the outcomes the conference weighs, each gathering the cell states it counts. */
export const OUTCOMES: { vi: string; states: CellState[] }[] = [
  { vi: 'Đúng hạn', states: ['submitted-on-time'] },
  { vi: 'Muộn', states: ['submitted-late'] },
  { vi: 'Quá hạn, chưa nộp', states: ['overdue'] },
  { vi: 'Chưa đến hạn', states: ['not-due', 'awaiting-date'] },
  { vi: 'Đang gia hạn', states: ['extended'] },
  { vi: 'Đã hủy', states: ['cancelled'] },
];

export const ITEM_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Hạn', 'Nhận lúc', 'Số văn bản', 'Số ngày muộn/quá hạn'];

const counts = (cells: Cell[]): number[] => OUTCOMES.map((o) => cells.filter((c) => o.states.includes(c.state)).length);

export function yearWorkbook(view: StatusView, schedule: Pick<YearPlan, 'items'>): Workbook {
  const book = new Workbook();
  book.creator = 'bloc-deadline-engine';
  const judged = { schedule, at: view.at };
  const title = `Bảng đánh giá năm ${view.year} — ${view.blocId}`;
  const asOf = `Tình hình lúc ${whenVi(view.at)}`;

  const summary = book.addWorksheet(SUMMARY_SHEET);
  heading(summary, [title, asOf]);
  header(summary, ['Mã mục', 'Tên mục', ...OUTCOMES.map((o) => o.vi)]);
  for (const item of view.items) summary.addRow([item.id, item.title, ...counts(view.cells.filter((c) => c.itemId === item.id))]);
  summary.addRow([]);
  header(summary, ['Mã đơn vị', 'Tên đơn vị', ...OUTCOMES.map((o) => o.vi)]);
  for (const unit of view.units) summary.addRow([unit.id, unit.name, ...counts(view.cells.filter((c) => c.unitId === unit.id))]);
  widths(summary, [22, 40, 12, 12, 18, 14, 14, 10]);

  const taken = new Set([SUMMARY_SHEET.toLowerCase()]);
  for (const item of view.items) {
    // Titles read better than ids on the tabs; sheetNameFor cuts and numbers them.
    const sheet = book.addWorksheet(sheetNameFor(item.title, taken));
    heading(sheet, [`${item.title} (${item.id})`, `${title}; ${asOf.toLowerCase()}`]);
    header(sheet, ITEM_HEADER);
    for (const unit of view.units) {
      const cell = view.cells.find((c) => c.unitId === unit.id && c.itemId === item.id);
      if (!cell) continue;
      const due = cell.dueAt ?? item.dueAt;
      const row = sheet.addRow([
        unit.id,
        unit.name,
        cellVi(cell, judged),
        due ? excelDate(due) : null,
        cell.receivedAt ? excelDate(cell.receivedAt) : null,
        cell.reference ?? '',
        lateDays(cell, item.dueAt) ?? null,
      ]);
      row.getCell(4).numFmt = DATE_FORMAT;
      row.getCell(5).numFmt = DATE_FORMAT;
    }
    widths(sheet, [22, 40, 28, 18, 18, 18, 12]);
  }
  return book;
}
