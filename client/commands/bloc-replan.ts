/**
 * `bloc replan`: recompute a running year's schedule with the rules of the worker now deployed (a fixed
 * holiday rule, a new reminder offset). A running year never changes on its own when code changes; this is
 * the one deliberate way. Without `--yes` it only shows what would change (the worker computes it, so the
 * preview is exactly what applying would do).
 */
import type { Command } from '@commander-js/extra-typings';
import type { ScheduleChange } from '../../calendar/schedule';
import { replan } from '../../workflows/messages';
import { emit } from '../output';
import { changesTableVi } from '../schedule-changes';
import { blocYearCommand, jsonOption, NOTHING_DONE_YET, yesOption } from '../options';
import { withBlocYear } from '../workflow-handle';

function changesVi(changes: ScheduleChange[], applied: boolean): string {
  if (changes.length === 0) return 'Lịch năm không đổi với quy tắc hiện hành / the schedule is unchanged under the current rules\n';
  const footer = applied
    ? 'Đã áp dụng lịch mới / the new schedule is in force\n'
    : NOTHING_DONE_YET;
  return `${changesTableVi(changes)}\n${footer}`;
}

export function registerReplanCommand(program: Command): void {
  blocYearCommand(program, 'replan', 'Lập lại lịch năm theo quy tắc hiện hành / recompute the year’s schedule with the current rules')
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const result = await withBlocYear(opts, (h) => h.executeUpdate(replan, { args: [{ apply: Boolean(opts.yes) }] }));
      emit(opts.json, result, (r) => changesVi(r.changes, r.applied));
    });
}
