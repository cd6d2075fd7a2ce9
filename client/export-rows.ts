/** The matrix as rows, one per unit × item: `bloc export --csv` writes them, the console downloads them. */
import type { YearSchedule } from '../calendar/schedule';
import type { StatusView } from '../workflows/messages';
import { cellVi, lateDays, stampVi } from './cell-wording';
import { csv } from './output';

export const EXPORT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Mã mục', 'Tên mục', 'Hạn', 'Tình trạng', 'Nhận lúc', 'Số văn bản', 'Số ngày muộn/quá hạn', 'Tên khi nộp'];

const nameOf = (view: StatusView, unitId: string) => view.units.find((u) => u.id === unitId)?.name ?? unitId;

/** One row per unit × item, a window that ended without its day saying so. */
export function exportRows(view: StatusView, schedule: YearSchedule): string[][] {
  return view.units.flatMap((unit) =>
    view.items.flatMap((item) => {
      const cell = view.cells.find((c) => c.unitId === unit.id && c.itemId === item.id);
      if (!cell) return [];
      const due = cell.dueAt ?? item.dueAt;
      const late = lateDays(cell, item.dueAt);
      return [[
        unit.id,
        unit.name,
        item.id,
        item.title,
        due ? stampVi(due) : '',
        cellVi(cell, { schedule, at: view.at }),
        cell.receivedAt ? stampVi(cell.receivedAt) : '',
        cell.reference ?? '',
        late === undefined ? '' : String(late),
        // Units are renamed and merged during a year: the name the submission came under, where it differs.
        cell.via ? `${nameOf(view, cell.via)} (sáp nhập)` : (cell.nameThen ?? ''),
      ]];
    }),
  );
}

/** The CSV file of the rows, as `bloc export --csv` writes it and the web console downloads it. */
export function exportCsv(rows: string[][]): string {
  return csv(EXPORT_HEADER, rows);
}
