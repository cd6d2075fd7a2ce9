/** `bloc export --csv`: the matrix, one row per unit × item, for the January evaluation in a spreadsheet; `--xlsx`: its workbook. */
import { writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../../config/errors';
import { exportCsv, exportRows } from '../export-rows';
import { atOption, blocYearCommand, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';
import { yearWorkbook } from '../year-workbook';
import { readStatus } from '../year-page';
import { cli } from '../cli-context';

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
