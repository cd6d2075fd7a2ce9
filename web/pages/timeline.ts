/** The year's dates as they now stand: read-only, over the same query as `bloc timeline`. */
import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import type { StageView } from '../../workflows/messages';
import { t } from '../lang';
import { backToYear, layout, type Frame } from './layout';
import { itemsTable } from './year-items';

export function timelinePage(frame: Frame, context: { blocId: string; year: number; schedule: YearSchedule; stage: StageView; at: string }): ReturnType<typeof layout> {
  const { schedule, stage } = context;
  return layout(
    frame,
    `${t(frame, 'Lịch năm', 'The dates of')} ${context.year} — ${context.blocId}`,
    html`${backToYear(frame, context.blocId, context.year)}
<p class="muted">${t(frame, 'Các mốc của năm như đang áp dụng, sau mọi lần gia hạn, dời ngày, hủy và thay lịch nghỉ.', 'The year’s dates as they stand, after every extension, move, cancellation and calendar change.')}</p>
${itemsTable(frame, context, schedule, stage, schedule.items, context.at, 'timeline')}`,
  );
}

