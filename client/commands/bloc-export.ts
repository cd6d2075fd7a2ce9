/** `bloc export --csv`: the matrix, one row per unit × item, for the January evaluation in a spreadsheet; `--xlsx`: its workbook. */
import { writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import type { YearSchedule } from '../../calendar/schedule';
import type { StatusView } from '../../workflows/messages';
import { cellVi, lateDays, stampVi } from '../cell-wording';
import { InputError } from '../errors';
import { csv } from '../output';
import { atOption, blocYearCommand, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';
import { yearWorkbook } from '../year-workbook';
import { readStatus } from './bloc-status';
import { cli } from '../cli-context';

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

/** A file a person named: a failure says which, and why, in a line. */
async function writeOut(option: '--out' | '--xlsx', file: string, write: () => Promise<void> | void): Promise<void> {
  try {
    await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new InputError(`${option}: không ghi được ${file} (${code}) / cannot write the file`);
  }
}

export function registerExportCommand(program: Command): void {
  blocYearCommand(program, 'export', 'Xuất bảng tình hình nộp cho bình xét cuối năm / export the matrix for the evaluation')
    .option('--csv', 'dạng CSV (UTF-8, mở được bằng Excel) / as CSV')
    .option('--xlsx <file>', 'bảng đánh giá Excel: trang Tổng hợp và một trang mỗi mục / the evaluation workbook: a summary and a sheet per item')
    .option('--out <file>', 'ghi vào tệp thay vì in ra / write to a file instead of stdout')
    .addOption(atOption())
    .action(async (opts) => {
      if (!opts.csv && !opts.xlsx) throw new InputError('--csv hoặc --xlsx <tệp>: hãy chọn dạng xuất / choose --csv or --xlsx <file>');
      const { view, schedule } = await withBlocYear(opts, (h) => readStatus(h, opts.at ?? nowIso()));
      const { xlsx } = opts;
      if (xlsx) {
        await writeOut('--xlsx', xlsx, () => yearWorkbook(view, schedule).xlsx.writeFile(xlsx));
        cli().stdout(`Đã ghi bảng đánh giá (${view.items.length} mục, ${view.units.length} đơn vị) vào ${xlsx} / wrote the workbook\n`);
      }
      if (!opts.csv) return;
      const lines = exportRows(view, schedule);
      const text = exportCsv(lines);
      const { out } = opts;
      if (!out) {
        cli().stdout(text);
        return;
      }
      await writeOut('--out', out, () => writeFileSync(out, text));
      cli().stdout(`Đã ghi ${lines.length} dòng vào ${out} / wrote ${lines.length} rows\n`);
    });
}
