/**
 * `bloc plan FILE --year YYYY`: the year's schedule with its reminders, for people, or (--json) for programs:
 * the very data a year started from this file records and acts on (calendar/schedule.ts).
 */
import type { Command } from '@commander-js/extra-typings';
import { planYear, type ScheduledItem } from '../../calendar/schedule';
import { hasCutOff } from '../../calendar/kinds';
import { cutOffVi, kindVi, partyVi } from '../../calendar/wording';
import { newCommand } from '../options';
import { loadConfigOrExplain, parseYear } from './load-config';

/** "8/6 08:00", with the year only when it is not the plan's, so that the table stays readable. */
function short(iso: string, year: number): string {
  const [date = '', time = ''] = iso.split('T');
  const [y, month, day] = date.split('-');
  return `${Number(day)}/${Number(month)}${Number(y) === year ? '' : `/${y}`} ${time.slice(0, 5)}`;
}

function table(items: ScheduledItem[], year: number, zone: string): string {
  const rows = items.map((e) => [
    e.id,
    kindVi(e.kind),
    e.at && hasCutOff(e.kind) ? `${e.wording} — ${cutOffVi(e.at, zone)}` : e.wording,
    e.at ?? (e.dateState === 'unset' ? '(chưa ấn định ngày / day not set)' : '—'),
    e.to.map(partyVi).join(', ') || '—',
    e.reminders.map((r) => short(r, year)).join(', ') || '—',
  ]);
  const header = ['Mã', 'Loại', 'Hạn', 'Thời điểm (ISO)', 'Gửi đến / tổ chức', 'Nhắc hạn'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => `${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`).join('');
}

export function registerPlanCommand(program: Command): void {
  newCommand(program, 'plan', 'Lịch của năm theo kế hoạch, kèm ngày nhắc hạn / the year’s timeline with reminders')
    .argument('<file>', 'tệp cấu hình của Khối / the bloc file')
    .requiredOption('--year <yyyy>', 'năm của chu kỳ / the cycle year', parseYear)
    .option('--json', 'in JSON / print JSON')
    .action((file, opts) => {
      const config = loadConfigOrExplain(file);
      const plan = planYear({ config, year: opts.year });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      const unitName = (id: string) => config.units.find((u) => u.id === id)?.name ?? id;
      process.stdout.write(
        `${config.bloc.name} (${config.bloc.province}) — kế hoạch năm ${plan.year} / plan for ${plan.year}\n` +
          `Khối trưởng: ${unitName(plan.roles.leader)}; Khối phó: ${unitName(plan.roles.deputy)}\n\n` +
          table(plan.items, plan.year, plan.timeZone),
      );
    });
}
