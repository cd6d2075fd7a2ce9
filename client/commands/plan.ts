/** `bloc plan FILE --year YYYY`: the year's timeline with its reminders, for people or (--json) for programs. */
import type { Command } from '@commander-js/extra-typings';
import { OfficialCalendar } from '../../calendar/holidays';
import { instantiate } from '../../calendar/instantiate';
import { followUpInstants, reminderInstants } from '../../calendar/reminders';
import type { PlannedItem, YearPlan } from '../../calendar/types';
import { hasCutOff, isAnnouncedAhead } from '../../calendar/kinds';
import { cutOffVi, kindVi, partyVi } from '../../calendar/wording';
import { loadConfigOrExplain, parseYear } from './load-config';

interface TimelineEntry {
  id: string;
  kind: PlannedItem['kind'];
  title: string;
  titleEn: string | null;
  due: string | null;
  wording: string;
  window: PlannedItem['window'] | null;
  dateState: PlannedItem['dateState'];
  rolled: boolean;
  nominalDay: string | null;
  to: PlannedItem['to'];
  units: string[];
  reminders: string[];
  followUps: string[];
}

function timeline(plan: YearPlan, cal: OfficialCalendar): TimelineEntry[] {
  return plan.items.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    titleEn: item.titleEn ?? null,
    due: item.at ?? null,
    wording: item.wording,
    window: item.window ?? null,
    dateState: item.dateState,
    rolled: item.rolled,
    nominalDay: item.nominalDay ?? null,
    to: item.to,
    units: item.units,
    reminders: item.at && isAnnouncedAhead(item.kind) ? reminderInstants(item, item.at, cal, plan.timeZone) : [],
    followUps: item.at ? followUpInstants(item, item.at, cal, plan.timeZone) : [],
  }));
}

/** "8/6 08:00", with the year only when it is not the plan's, so that the table stays readable. */
function short(iso: string, year: number): string {
  const [date = '', time = ''] = iso.split('T');
  const [y, month, day] = date.split('-');
  return `${Number(day)}/${Number(month)}${Number(y) === year ? '' : `/${y}`} ${time.slice(0, 5)}`;
}

function table(entries: TimelineEntry[], year: number, zone: string): string {
  const rows = entries.map((e) => [
    e.id,
    kindVi(e.kind),
    e.due && hasCutOff(e.kind) ? `${e.wording} — ${cutOffVi(e.due, zone)}` : e.wording,
    e.due ?? (e.dateState === 'unset' ? '(chưa ấn định ngày / day not set)' : '—'),
    e.to.map(partyVi).join(', ') || '—',
    e.reminders.map((r) => short(r, year)).join(', ') || '—',
  ]);
  const header = ['Mã', 'Loại', 'Hạn', 'Thời điểm (ISO)', 'Gửi đến / tổ chức', 'Nhắc hạn'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => `${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`).join('');
}

export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('Lịch của năm theo kế hoạch, kèm ngày nhắc hạn / the year’s timeline with reminders')
    .argument('<file>', 'tệp cấu hình của Khối / the bloc file')
    .requiredOption('--year <yyyy>', 'năm của chu kỳ / the cycle year', parseYear)
    .option('--json', 'in JSON / print JSON')
    .action((file, opts) => {
      const config = loadConfigOrExplain(file);
      const plan = instantiate(config, opts.year);
      const entries = timeline(plan, new OfficialCalendar(config.calendar.decisions));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
        return;
      }
      const unitName = (id: string) => config.units.find((u) => u.id === id)?.name ?? id;
      process.stdout.write(
        `${config.bloc.name} (${config.bloc.province}) — kế hoạch năm ${plan.year} / plan for ${plan.year}\n` +
          `Khối trưởng: ${unitName(plan.roles.leader)}; Khối phó: ${unitName(plan.roles.deputy)}\n\n` +
          table(entries, plan.year, plan.timeZone),
      );
    });
}
