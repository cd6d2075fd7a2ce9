/** `bloc status`: the matrix unit × item as it stands at an instant (default: now). */
import type { Command } from '@commander-js/extra-typings';
import { statusQuery, type StatusView } from '../../workflows/messages';
import { cellVi, whenVi } from '../cell-wording';
import { emit, table } from '../output';
import { atOption, blocYearCommand, jsonOption, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';

function matrixVi(view: StatusView): string {
  const cell = (unitId: string, itemId: string) => view.cells.find((c) => c.unitId === unitId && c.itemId === itemId);
  const rows = view.units.map((u) => [u.name, ...view.items.map((i) => {
    const c = cell(u.id, i.id);
    return c ? cellVi(c) : '—';
  })]);
  const legend = view.items.map((i) => `  ${i.id}: ${i.title} — ${i.wording}\n`).join('');
  return (
    `Khối ${view.blocId}, năm ${view.year}, tình hình lúc ${whenVi(view.at)} / status at ${view.at}\n\n` +
    table(['Đơn vị', ...view.items.map((i) => i.id)], rows) +
    `\nMục / items:\n${legend}`
  );
}

export function registerStatusCommand(program: Command): void {
  blocYearCommand(program, 'status', 'Tình hình nộp của từng đơn vị theo từng mục / the unit × item matrix')
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const view = await withBlocYear(opts, (h) => h.query(statusQuery, { at: opts.at ?? nowIso() }));
      emit(opts.json, view, matrixVi);
    });
}
