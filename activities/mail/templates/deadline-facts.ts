/** The facts every deadline-like section lists under its heading, in one order, so reminders and follow-ups read alike. */
import type { Notice } from '../../types';
import type { Fact } from './layout';
import { dateTime, deadlineStatus, recipientsOf, type Lang, type RenderContext } from './words';

export interface DeadlineLabels {
  due: string;
  plan: string;
  status: string;
  to: string;
}

export const DEADLINE_LABELS: Record<Lang, DeadlineLabels> = {
  vi: { due: 'Hạn cuối', plan: 'Theo kế hoạch', status: 'Tình trạng', to: 'Gửi về' },
  en: { due: 'Deadline', plan: 'Plan wording', status: 'Status', to: 'Send to' },
};

const EXTENDED: Record<Lang, string> = { vi: ' (đã được gia hạn)', en: ' (extended)' };

export function deadlineFacts(notice: Notice, ctx: RenderContext, labels: Partial<DeadlineLabels> = {}): Fact[] {
  const l = { ...DEADLINE_LABELS[ctx.lang], ...labels };
  const to = recipientsOf(notice, ctx);
  return [
    { label: l.due, value: dateTime(notice.at, ctx) + (notice.extended ? EXTENDED[ctx.lang] : '') },
    { label: l.plan, value: notice.wording },
    { label: l.status, value: deadlineStatus(notice.at, ctx), strong: true },
    ...(to ? [{ label: l.to, value: to }] : []),
  ];
}
