/** `bloc holidays --year YYYY`: the days off of a year, by law, the lunar calendar and decisions. */
import type { Command } from '@commander-js/extra-typings';
import { holidaysOf, swappedWorkingDaysOf } from '../../calendar/holidays';
import type { Holiday } from '../../calendar/types';
import { formatDateVi, holidaySourceVi } from '../../calendar/wording';
import { newCommand } from '../options';
import { loadConfigOrExplain, parseYear } from './load-config';
import { cli } from '../cli-context';

const ZONE = 'Asia/Ho_Chi_Minh';

function lines(days: Holiday[]): string {
  return days.map((h) => `  ${formatDateVi(h.date, ZONE).padEnd(26)} ${h.name} [${holidaySourceVi(h.source)}]\n`).join('');
}

export function registerHolidaysCommand(program: Command): void {
  newCommand(program, 'holidays', 'Ngày nghỉ lễ, Tết trong năm / public holidays and days off of a year')
    .requiredOption('--year <yyyy>', 'năm / year', parseYear)
    .option('--config <file>', 'lấy quyết định lịch nghỉ từ tệp cấu hình / take yearly decisions from a bloc file')
    .option('--json', 'in JSON / print JSON')
    .action((opts) => {
      const decisions = opts.config ? loadConfigOrExplain(opts.config).calendar.decisions : [];
      const daysOff = holidaysOf(opts.year, decisions);
      const workingDays = swappedWorkingDaysOf(opts.year, decisions);
      if (opts.json) {
        cli().stdout(`${JSON.stringify({ year: opts.year, daysOff, workingDays }, null, 2)}\n`);
        return;
      }
      cli().stdout(`Ngày nghỉ năm ${opts.year} (ngoài thứ Bảy, Chủ nhật) / Days off in ${opts.year}\n${lines(daysOff)}`);
      if (workingDays.length > 0) {
        cli().stdout(`Ngày làm bù / Swapped working days\n${lines(workingDays)}`);
      }
    });
}
