/**
 * `bloc replan`: recompute a running year's schedule with the rules of the worker now deployed (a fixed
 * holiday rule, a new reminder offset). A running year never changes on its own when code changes; this is
 * the one deliberate way. Without `--yes` it only shows what would change (the worker computes it, so the
 * preview is exactly what applying would do).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import type { ScheduleChange } from '../../calendar/schedule';
import { replan } from '../../workflows/messages';
import { stampVi } from '../cell-wording';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption } from '../options';
import { withBlocYear } from '../workflow-handle';

const FIELD_VI: Record<ScheduleChange['field'], string> = { at: 'hạn / ngày', reminders: 'ngày nhắc', followUps: 'ngày nhắc lại' };

function changesVi(changes: ScheduleChange[], applied: boolean): string {
  if (changes.length === 0) return 'Lịch năm không đổi với quy tắc hiện hành / the schedule is unchanged under the current rules\n';
  const instants = (list: string[]) => list.map(stampVi).join(', ') || '—';
  const rows = changes.map((c) => [c.itemId, c.unitId ?? 'mọi đơn vị', FIELD_VI[c.field], instants(c.before), instants(c.after)]);
  const footer = applied
    ? 'Đã áp dụng lịch mới / the new schedule is in force\n'
    : 'Chưa thay đổi gì; chạy lại với --yes để áp dụng / nothing changed yet; run again with --yes to apply\n';
  return `${table(['Mục', 'Đơn vị', 'Nội dung', 'Trước', 'Sau'], rows)}\n${footer}`;
}

export function registerReplanCommand(program: Command): void {
  blocYearCommand(program, 'replan', 'Lập lại lịch năm theo quy tắc hiện hành / recompute the year’s schedule with the current rules')
    .addOption(new Option('--yes', 'áp dụng (mặc định chỉ xem trước) / apply (default: preview only)'))
    .addOption(jsonOption())
    .action(async (opts) => {
      const result = await withBlocYear(opts, (h) => h.executeUpdate(replan, { args: [{ apply: Boolean(opts.yes) }] }));
      emit(opts.json, result, (r) => changesVi(r.changes, r.applied));
    });
}
