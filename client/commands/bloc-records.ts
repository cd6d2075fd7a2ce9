/** `bloc timeline` and `bloc log`: the year's plan as it now stands, and every message sent or being sent. */
import type { Command } from '@commander-js/extra-typings';
import type { WorkflowHandle } from '@temporalio/client';
import type { YearSchedule } from '../../calendar/schedule';
import { dueVi, kindVi } from '../../calendar/wording';
import type { LogEntry } from '../../workflows/model';
import { logQuery, stageQuery, timelineQuery, type StageView } from '../../workflows/messages';
import { noInstantVi, stampVi } from '../cell-wording';
import { deliveryVi, fateVi, type Attempts } from '../record-wording';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';

/** The schedule in force, read at `at`: a window that ended without its day says so. */
export function timelineVi({ schedule, stage }: { schedule: YearSchedule; stage: StageView }, at: string): string {
  const rows = schedule.items.map((i) => [i.id, kindVi(i.kind), i.title, dueVi(i, schedule.timeZone), i.at ?? noInstantVi(i, at), fateVi(i.id, stage)]);
  return table(['Mã', 'Loại', 'Tên', 'Hạn', 'Thời điểm (ISO)', 'Ghi chú'], rows);
}

async function attemptsOf(handle: WorkflowHandle): Promise<Attempts | undefined> {
  const pending = (await handle.describe()).raw.pendingActivities ?? [];
  const batches = pending.filter((a) => a.activityType?.name === 'sendBatch');
  if (batches.length === 0) return undefined;
  const worst = batches.reduce((a, b) => ((b.attempt ?? 1) > (a.attempt ?? 1) ? b : a));
  return { attempt: worst.attempt ?? 1, ...(worst.lastFailure?.message && { error: worst.lastFailure.message }) };
}

function logVi({ entries, attempts }: { entries: LogEntry[]; attempts?: Attempts }): string {
  if (entries.length === 0) return 'Chưa gửi thư nào / no message sent yet\n';
  const rows = entries.map((e) => [
    stampVi(e.plannedAt),
    e.status === 'sending' ? '—' : stampVi(e.acceptedAt ?? e.sentAt),
    `${e.addressee}: ${e.to.join(', ')}`,
    [...new Set(e.notices.map((n) => n.itemId))].join(', '),
    e.messageId ?? '—',
    deliveryVi(e, attempts),
  ]);
  return table(['Dự kiến', 'Gửi lúc', 'Gửi đến', 'Mục', 'Message-ID', 'Trạng thái'], rows);
}

export function registerRecordCommands(program: Command): void {
  blocYearCommand(program, 'timeline', 'Lịch của năm như hiện hành / the year’s dates as they now stand')
    .addOption(jsonOption())
    .action(async (opts) => {
      const { schedule, stage } = await withBlocYear(opts, async (h) => ({ schedule: await h.query(timelineQuery), stage: await h.query(stageQuery) }));
      emit(opts.json, schedule, () => timelineVi({ schedule, stage }, nowIso()));
    });

  blocYearCommand(program, 'log', 'Nhật ký thư đã gửi / the log of messages sent')
    .addOption(jsonOption())
    .action(async (opts) => {
      const record = await withBlocYear(opts, async (h) => {
        const entries = await h.query(logQuery);
        return { entries, attempts: entries.some((e) => e.status === 'sending') ? await attemptsOf(h) : undefined };
      });
      emit(opts.json, record.entries, () => logVi(record));
    });
}
