/**
 * A task that falls on one unit because of its role this year, e.g. the deputy compiling every
 * unit's mid-year report for the provincial board.
 */
import type { Notice } from '../../types';
import { deadlineFacts } from './deadline-facts';
import type { Section } from './layout';
import { headingOf, pick, type RenderContext } from './words';

export function taskReminderSection(notice: Notice, ctx: RenderContext): Section {
  const w = pick(ctx.lang, {
    vi: {
      labels: { due: 'Hạn hoàn thành', to: 'Báo cáo về' },
      why: 'Theo kế hoạch, Quý đơn vị chủ trì thực hiện nhiệm vụ này trong năm nay.',
    },
    en: {
      labels: { due: 'Due', to: 'Report to' },
      why: 'Under the plan, your unit is in charge of this task this year.',
    },
  });
  return { heading: headingOf(notice, ctx.lang), facts: deadlineFacts(notice, ctx, w.labels), notes: [w.why] };
}
