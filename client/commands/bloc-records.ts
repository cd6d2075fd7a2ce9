/** `bloc timeline` and `bloc log`: the year's plan as it now stands, and every message sent or being sent. */
import type { Command } from '@commander-js/extra-typings';
import type { WorkflowHandle } from '@temporalio/client';
import type { YearSchedule } from '../../calendar/schedule';
import { dueVi, kindVi } from '../../calendar/wording';
import type { LogEntry } from '../../workflows/model';
import { logQuery, stageQuery, timelineQuery, type StageView } from '../../workflows/messages';
import { noInstantVi, stampEn, stampVi } from '../cell-wording';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption, nowIso } from '../options';
import { withBlocYear } from '../workflow-handle';

/** What became of an item: cancelled (with why), moved (from which day), as the record keeps it. */
export function fateVi(itemId: string, stage: StageView): string {
  const cancelled = stage.cancelled.find((c) => c.itemId === itemId);
  if (cancelled) return `ĐÃ HỦY ${stampVi(cancelled.at)}${cancelled.reason ? `: ${cancelled.reason}` : ''}`;
  const moves = stage.moves.filter((m) => m.itemId === itemId);
  const last = moves[moves.length - 1];
  if (!last) return '';
  const from = last.from ? last.from.date.split('-').reverse().join('/') : 'ngày của kế hoạch';
  return `dời từ ${from}${last.pastDated ? ' (ghi nhận sau)' : ''}`;
}

export function fateEn(itemId: string, stage: StageView): string {
  const cancelled = stage.cancelled.find((c) => c.itemId === itemId);
  if (cancelled) return `CANCELLED ${stampEn(cancelled.at)}${cancelled.reason ? `: ${cancelled.reason}` : ''}`;
  const last = stage.moves.filter((m) => m.itemId === itemId).at(-1);
  if (!last) return '';
  return `moved from ${last.from ? last.from.date : 'the plan\'s day'}${last.pastDated ? ' (recorded afterwards)' : ''}`;
}

/** The schedule in force, read at `at`: a window that ended without its day says so. */
export function timelineVi({ schedule, stage }: { schedule: YearSchedule; stage: StageView }, at: string): string {
  const rows = schedule.items.map((i) => [i.id, kindVi(i.kind), i.title, dueVi(i, schedule.timeZone), i.at ?? noInstantVi(i, at), fateVi(i.id, stage)]);
  return table(['Mã', 'Loại', 'Tên', 'Hạn', 'Thời điểm (ISO)', 'Ghi chú'], rows);
}

/** How the mail activity is faring with the batch out now, from the server's view of it. */
interface Attempts {
  attempt: number;
  error?: string;
}

async function attemptsOf(handle: WorkflowHandle): Promise<Attempts | undefined> {
  const pending = (await handle.describe()).raw.pendingActivities ?? [];
  const batches = pending.filter((a) => a.activityType?.name === 'sendBatch');
  if (batches.length === 0) return undefined;
  const worst = batches.reduce((a, b) => ((b.attempt ?? 1) > (a.attempt ?? 1) ? b : a));
  return { attempt: worst.attempt ?? 1, ...(worst.lastFailure?.message && { error: worst.lastFailure.message }) };
}

/** A message's fate in words; `attempts` tells how the mail activity fares with one still sending. */
export function deliveryVi(e: LogEntry, attempts?: Attempts): string {
  switch (e.status) {
    case 'delivered':
      return 'đã gửi';
    case 'partial':
      return `gửi một phần, bị từ chối: ${(e.rejected ?? []).join(', ')}`;
    case 'sending':
      if (attempts && attempts.attempt > 1) return `đang thử lại (lần ${attempts.attempt}, lỗi: ${attempts.error ?? 'không rõ'})`;
      return 'đang gửi';
    case 'failed':
      if (!e.transient) return `lỗi: ${e.error ?? ''}`;
      if (e.supersededBy === e.messageKey) return `lỗi tạm thời, đã gửi lại được: ${e.error ?? ''}`;
      if (e.supersededBy) return `lỗi tạm thời, không gửi lại: thư sau đã nhắc thay (${e.supersededBy}): ${e.error ?? ''}`;
      return `lỗi tạm thời (sẽ gửi lại): ${e.error ?? ''}`;
  }
}

export function deliveryEn(e: LogEntry): string {
  switch (e.status) {
    case 'delivered':
      return 'sent';
    case 'partial':
      return `partly sent, refused: ${(e.rejected ?? []).join(', ')}`;
    case 'sending':
      return 'sending';
    case 'failed':
      if (!e.transient) return `error: ${e.error ?? ''}`;
      if (e.supersededBy === e.messageKey) return `temporary error, sent again: ${e.error ?? ''}`;
      if (e.supersededBy) return `temporary error, not resent: a later message reminded instead (${e.supersededBy}): ${e.error ?? ''}`;
      return `temporary error (will be resent): ${e.error ?? ''}`;
  }
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
