/**
 * `bloc plan FILE --year YYYY`: the year's schedule with its reminders, for people, or (--json) for programs:
 * the very data a year started from this file records and acts on (calendar/schedule.ts).
 */
import type { Command } from '@commander-js/extra-typings';
import { planYear, type YearSchedule } from '../../calendar/schedule';
import { dueVi, kindVi, partyVi } from '../../calendar/wording';
import type { BlocConfig } from '../../config/schema';
import { noInstantVi, termsOf } from '../cell-wording';
import { table } from '../output';
import { newCommand } from '../options';
import { loadConfigOrExplain, parseYear } from './load-config';
import { cli } from '../cli-context';

/** "8/6 08:00", with the year only when it is not the plan's, so that the table stays readable. */
function short(iso: string, year: number): string {
  const [date = '', time = ''] = iso.split('T');
  const [y, month, day] = date.split('-');
  return `${Number(day)}/${Number(month)}${Number(y) === year ? '' : `/${y}`} ${time.slice(0, 5)}`;
}

/** The plan for people: who leads and deputises, then each item's date in words, its instant and its reminders. */
export function planVi(config: BlocConfig, plan: YearSchedule): string {
  const terms = termsOf(plan);
  const unitName = (id: string) => config.units.find((u) => u.id === id)?.name ?? id;
  const rows = plan.items.map((e) => [
    e.id,
    kindVi(e.kind),
    dueVi(e, plan.timeZone),
    e.at ?? noInstantVi(e),
    e.to.map((party) => partyVi(party, terms)).join(', ') || '—',
    e.reminders.map((r) => short(r, plan.year)).join(', ') || '—',
  ]);
  return (
    `${config.bloc.name} (${config.bloc.province}) — kế hoạch năm ${plan.year} / plan for ${plan.year}\n` +
    `${terms.vi.leader}: ${unitName(plan.roles.leader)}; ${terms.vi.deputy}: ${unitName(plan.roles.deputy)}\n\n` +
    table(['Mã', 'Loại', 'Hạn', 'Thời điểm (ISO)', 'Gửi đến / tổ chức', 'Nhắc hạn'], rows)
  );
}

export function registerPlanCommand(program: Command): void {
  newCommand(program, 'plan', 'Lịch của năm theo kế hoạch, kèm ngày nhắc hạn / the year’s timeline with reminders')
    .argument('<file>', 'tệp cấu hình của Khối/Cụm / the bloc or cluster file')
    .requiredOption('--year <yyyy>', 'năm của chu kỳ / the cycle year', parseYear)
    .option('--json', 'in JSON / print JSON')
    .action((file, opts) => {
      const config = loadConfigOrExplain(file);
      const plan = planYear({ config, year: opts.year });
      if (opts.json) {
        cli().stdout(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      cli().stdout(planVi(config, plan));
    });
}
