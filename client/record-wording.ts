/** What the year's record says of an item and of a message, in words: `bloc timeline`, `bloc log` and the console. */
import type { LogEntry } from '../workflows/model';
import type { StageView } from '../workflows/messages';
import { stampEn, stampVi } from './cell-wording';

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

/** How the mail activity is faring with the batch out now, from the server's view of it. */
export interface Attempts {
  attempt: number;
  error?: string;
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
