/**
 * The escalation digest for the leader and the secretariat: per item, the units still missing and
 * how late they are; then the reminders that could not be delivered, which nobody else would notice.
 */
import type { DigestRow, FailureRow } from '../../types';
import type { Section } from './layout';
import { disputeOf } from './scoring';
import { calendarDaysUntil, dateTime, deadlineStatus, type Lang, type RenderContext } from './words';

const WORDS: Record<Lang, { missing: string; scoring: string; noneMissing: string; missingHead: string[]; failed: string; noneFailed: string; failedHead: string[] }> = {
  vi: {
    missing: 'Đơn vị chưa nộp',
    scoring: 'Đơn vị chưa nộp hoặc điểm còn vướng mắc',
    noneMissing: 'Không có đơn vị nào chưa nộp quá hạn.',
    missingHead: ['STT', 'Đơn vị', 'Hạn cuối', 'Tình trạng'],
    failed: 'Thư nhắc không gửi được',
    noneFailed: 'Không có thư nhắc nào gửi không thành công kể từ lần tổng hợp trước.',
    failedHead: ['Thư nhắc gửi lúc', 'Đơn vị', 'Địa chỉ', 'Lý do'],
  },
  en: {
    missing: 'Units yet to submit',
    scoring: 'Scores missing or in dispute',
    noneMissing: 'No unit is late with any submission.',
    missingHead: ['No.', 'Unit', 'Deadline', 'Status'],
    failed: 'Reminders that could not be delivered',
    noneFailed: 'Every reminder since the last digest was delivered.',
    failedHead: ['Reminder of', 'Unit', 'Addresses', 'Reason'],
  },
};

function byItem(rows: DigestRow[]): DigestRow[][] {
  const groups = new Map<string, DigestRow[]>();
  for (const r of rows) groups.set(r.itemId, [...(groups.get(r.itemId) ?? []), r]);
  return [...groups.values()];
}

function missingSection(rows: DigestRow[], ctx: RenderContext): Section {
  const w = WORDS[ctx.lang];
  const mostOverdueFirst = [...rows].sort(
    (a, b) => calendarDaysUntil(a.dueAt, ctx) - calendarDaysUntil(b.dueAt, ctx) || a.unitName.localeCompare(b.unitName, ctx.lang),
  );
  // The scoring item also lists the sheets sent but in dispute, saying which way.
  const scoring = rows.some((r) => r.score !== undefined);
  const status = (r: DigestRow) => {
    const dispute = disputeOf(r, ctx);
    if (r.score === 'not-sent' || dispute === undefined) return [deadlineStatus(r.dueAt, ctx), ...(dispute ? [dispute] : [])].join('; ');
    return dispute;
  };
  return {
    heading: `${scoring ? w.scoring : w.missing}: ${rows[0]?.title ?? ''}`,
    facts: [],
    table: {
      head: w.missingHead,
      rows: mostOverdueFirst.map((r, i) => [String(i + 1), r.unitName, dateTime(r.dueAt, ctx), status(r)]),
    },
  };
}

function failureSection(failures: FailureRow[], ctx: RenderContext): Section {
  const w = WORDS[ctx.lang];
  if (failures.length === 0) return { heading: w.failed, facts: [], notes: [w.noneFailed] };
  return {
    heading: w.failed,
    facts: [],
    // The reminder's own time, as the unit would have read it; failures recorded before it was kept give theirs.
    table: { head: w.failedHead, rows: failures.map((f) => [dateTime(f.plannedAt ?? f.at, ctx), f.unitName ?? f.unitId ?? '—', f.addresses.join(', '), f.reason]) },
  };
}

export function digestSections(digest: { rows: DigestRow[]; failures: FailureRow[] }, ctx: RenderContext): Section[] {
  const w = WORDS[ctx.lang];
  const missing =
    digest.rows.length > 0
      ? byItem(digest.rows).map((rows) => missingSection(rows, ctx))
      : [{ heading: w.missing, facts: [], notes: [w.noneMissing] }];
  return [...missing, failureSection(digest.failures, ctx)];
}
