/** `bloc status`: the matrix unit × item as it stands at an instant (default: now). */
import type { Command } from '@commander-js/extra-typings';
import type { YearSchedule } from '../../calendar/schedule';
import { dueVi } from '../../calendar/wording';
import type { StatusView } from '../../workflows/messages';
import { readStatus } from '../year-page';
import { cellVi, whenEn, whenVi } from '../cell-wording';
import { emit, table } from '../output';
import { atOption, blocYearCommand, jsonOption, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';

/** The matrix, with each item's date in words below it; the schedule names the bloc's kind and each item's window. */
export function matrixVi(view: StatusView, schedule: YearSchedule): string {
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const cell = (unitId: string, itemId: string) => view.cells.find((c) => c.unitId === unitId && c.itemId === itemId);
  const rows = view.units.map((u) => [u.name, ...view.items.map((i) => {
    const c = cell(u.id, i.id);
    return c ? cellVi(c, { schedule, at: view.at }) : '—';
  })]);
  const legend = view.items.map((i) => {
    const item = planned.get(i.id);
    return `  ${i.id}: ${i.title} (${item ? dueVi(item, schedule.timeZone) : i.wording})\n`;
  }).join('');
  return (
    `${view.blocName} (${view.blocId}), năm ${view.year}, tình hình lúc ${whenVi(view.at)} / status at ${whenEn(view.at)}\n\n` +
    table(['Đơn vị', ...view.items.map((i) => i.id)], rows) +
    `\nMục / items:\n${legend}`
  );
}

export function registerStatusCommand(program: Command): void {
  blocYearCommand(program, 'status', 'Tình hình nộp của từng đơn vị theo từng mục / the unit × item matrix')
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const { view, schedule } = await withBlocYear(opts, (h) => readStatus(h, opts.at ?? nowIso()));
      emit(opts.json, view, (v) => matrixVi(v, schedule));
    });
}
