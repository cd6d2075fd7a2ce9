/** `bloc timeline` and `bloc log`: the year's plan as it now stands, and every message sent. */
import type { Command } from '@commander-js/extra-typings';
import { kindVi } from '../../calendar/wording';
import type { LogEntry } from '../../workflows/model';
import { logQuery, timelineQuery } from '../../workflows/messages';
import type { YearPlan } from '../../calendar/types';
import { stampVi } from '../cell-wording';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption } from '../options';
import { withBlocYear } from '../workflow-handle';

function timelineVi(plan: YearPlan): string {
  const rows = plan.items.map((i) => [i.id, kindVi(i.kind), i.title, i.wording, i.at ?? '(chưa ấn định ngày / day not set)']);
  return table(['Mã', 'Loại', 'Tên', 'Hạn', 'Thời điểm (ISO)'], rows);
}

function deliveryVi(e: LogEntry): string {
  if (e.status === 'delivered') return 'đã gửi';
  if (e.status === 'partial') return `gửi một phần, bị từ chối: ${(e.rejected ?? []).join(', ')}`;
  return `lỗi${e.transient ? ' (sẽ gửi lại)' : ''}: ${e.error ?? ''}`;
}

function logVi(entries: LogEntry[]): string {
  if (entries.length === 0) return 'Chưa gửi thư nào / no message sent yet\n';
  const rows = entries.map((e) => [
    stampVi(e.plannedAt),
    stampVi(e.sentAt),
    `${e.addressee}: ${e.to.join(', ')}`,
    [...new Set(e.notices.map((n) => n.itemId))].join(', '),
    e.messageId ?? '—',
    deliveryVi(e),
  ]);
  return table(['Dự kiến', 'Gửi lúc', 'Gửi đến', 'Mục', 'Message-ID', 'Trạng thái'], rows);
}

export function registerRecordCommands(program: Command): void {
  blocYearCommand(program, 'timeline', 'Lịch của năm như hiện hành / the year’s dates as they now stand')
    .addOption(jsonOption())
    .action(async (opts) => emit(opts.json, await withBlocYear(opts, (h) => h.query(timelineQuery)), timelineVi));

  blocYearCommand(program, 'log', 'Nhật ký thư đã gửi / the log of messages sent')
    .addOption(jsonOption())
    .action(async (opts) => emit(opts.json, await withBlocYear(opts, (h) => h.query(logQuery)), logVi));
}
