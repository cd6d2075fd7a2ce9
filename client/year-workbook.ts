/**
 * The January evaluation's workbook of a year: a "Tổng hợp" sheet that counts each item's and each unit's
 * outcomes, then one sheet per tracked item with every unit's state, cut-off, receipt and lateness. The
 * cut-offs and receipts are real Excel dates (client/xlsx.ts), so that the secretariat can sort and filter them.
 * Written for `bloc export --xlsx` and the web console's download alike.
 */
import { Workbook } from 'exceljs';
import type { YearPlan } from '../calendar/types';
import type { StatusView } from '../workflows/messages';
import { shortTitle, windowOver } from '../calendar/wording';
import type { Cell } from '../workflows/status';
import { cellVi, lateDays, whenVi, zoneOf } from './cell-wording';
import { DATE_FORMAT, excelDate, header, heading, sheetNameFor, widths } from './xlsx';

export const SUMMARY_SHEET = 'Tổng hợp';

/** The summary's columns: the outcomes the conference weighs. */
export const OUTCOMES = ['Đúng hạn', 'Muộn', 'Quá hạn, chưa nộp', 'Chưa đến hạn', 'Hết thời gian, chưa ấn định ngày', 'Đang gia hạn', 'Đã hủy'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** The column a cell counts in, if any: a window that ended without its day is not "not yet due". */
function outcomeOf(cell: Cell, windowOver: boolean): Outcome | undefined {
  switch (cell.state) {
    case 'submitted-on-time':
      return 'Đúng hạn';
    case 'submitted-late':
      return 'Muộn';
    case 'overdue':
      return 'Quá hạn, chưa nộp';
    case 'not-due':
      return 'Chưa đến hạn';
    case 'awaiting-date':
      return windowOver ? 'Hết thời gian, chưa ấn định ngày' : 'Chưa đến hạn';
    case 'extended':
      return 'Đang gia hạn';
    case 'cancelled':
      return 'Đã hủy';
    default:
      return undefined;
  }
}

export const ITEM_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Hạn', 'Nhận lúc', 'Số văn bản', 'Số ngày muộn/quá hạn'];


/** The heading's two lines, a blank one and the column names stay in view, and so do a row's id and name. */
const FROZEN = { views: [{ state: 'frozen' as const, xSplit: 2, ySplit: 4 }] };

export function yearWorkbook(view: StatusView, schedule: Pick<YearPlan, 'items'>): Workbook {
  const book = new Workbook();
  book.creator = 'bloc-deadline-engine';
  const judged = { schedule, at: view.at };
  const title = `Bảng đánh giá năm ${view.year} — ${view.blocName}`;
  const asOf = `Tình hình lúc ${whenVi(view.at)}`;

  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const over = (itemId: string) => {
    const item = planned.get(itemId);
    return item !== undefined && windowOver(item, view.at, zoneOf(view.at));
  };
  const counts = (cells: Cell[]): number[] => OUTCOMES.map((o) => cells.filter((c) => outcomeOf(c, over(c.itemId)) === o).length);

  const summary = book.addWorksheet(SUMMARY_SHEET, FROZEN);
  heading(summary, [title, asOf]);
  header(summary, ['Mã mục', 'Tên mục', ...OUTCOMES]);
  for (const item of view.items) summary.addRow([item.id, item.title, ...counts(view.cells.filter((c) => c.itemId === item.id))]);
  summary.addRow([]);
  header(summary, ['Mã đơn vị', 'Tên đơn vị', ...OUTCOMES]);
  for (const unit of view.units) summary.addRow([unit.id, unit.name, ...counts(view.cells.filter((c) => c.unitId === unit.id))]);
  widths(summary, [22, 40, 12, 12, 18, 14, 22, 14, 10]);

  const taken = new Set([SUMMARY_SHEET.toLowerCase()]);
  for (const item of view.items) {
    // Titles read better than ids on the tabs; sheetNameFor cuts and numbers them.
    const sheet = book.addWorksheet(sheetNameFor(shortTitle(planned.get(item.id) ?? item, 'vi'), taken), FROZEN);
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
