/** `bloc export --csv`: the matrix, one row per unit × item, for the January evaluation in a spreadsheet. */
import { writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import type { YearSchedule } from '../../calendar/schedule';
import type { StatusView } from '../../workflows/messages';
import { cellVi, daysLate, stampVi } from '../cell-wording';
import { InputError } from '../errors';
import { csv } from '../output';
import { atOption, blocYearCommand, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';
import { readStatus } from './bloc-status';

export const EXPORT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Mã mục', 'Tên mục', 'Hạn', 'Tình trạng', 'Nhận lúc', 'Số ngày muộn/quá hạn', 'Tên khi nộp'];

const nameOf = (view: StatusView, unitId: string) => view.units.find((u) => u.id === unitId)?.name ?? unitId;

/** One row per unit × item, a window that ended without its day saying so. */
export function exportRows(view: StatusView, schedule: YearSchedule): string[][] {
  return view.units.flatMap((unit) =>
    view.items.flatMap((item) => {
      const cell = view.cells.find((c) => c.unitId === unit.id && c.itemId === item.id);
      if (!cell) return [];
      const due = cell.dueAt ?? item.dueAt;
      const lateMs = cell.lateByMs ?? cell.overdueByMs;
      return [[
        unit.id,
        unit.name,
        item.id,
        item.title,
        due ? stampVi(due) : '',
        cellVi(cell, { schedule, at: view.at }),
        cell.receivedAt ? stampVi(cell.receivedAt) : '',
        lateMs === undefined || !due ? '' : String(daysLate(due, lateMs)),
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

export function registerExportCommand(program: Command): void {
  blocYearCommand(program, 'export', 'Xuất bảng tình hình nộp cho bình xét cuối năm / export the matrix for the evaluation')
    .option('--csv', 'dạng CSV (UTF-8, mở được bằng Excel) / as CSV')
    .option('--out <file>', 'ghi vào tệp thay vì in ra / write to a file instead of stdout')
    .addOption(atOption())
    .action(async (opts) => {
      if (!opts.csv) throw new InputError('--csv: hiện chỉ xuất được CSV, hãy thêm --csv / only CSV is supported, add --csv');
      const { view, schedule } = await withBlocYear(opts, (h) => readStatus(h, opts.at ?? nowIso()));
      const lines = exportRows(view, schedule);
      const text = exportCsv(lines);
      if (!opts.out) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(opts.out, text);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        throw new InputError(`--out: không ghi được ${opts.out} (${code}) / cannot write the file`);
      }
      process.stdout.write(`Đã ghi ${lines.length} dòng vào ${opts.out} / wrote ${lines.length} rows\n`);
    });
}
