/** After a missed deadline: how late ("đã quá hạn 4 ngày"), and a request to send it now. */
import type { Notice } from '../../types';
import { deadlineFacts } from './deadline-facts';
import type { Section } from './layout';
import { scoringNotes, scoringSent } from './scoring';
import { headingOf, pick, titleOf, type RenderContext } from './words';

/** On the scoring item, a unit that sent its sheet is told what it still lacks rather than that it sent nothing. */
export function followUpSection(notice: Notice, ctx: RenderContext): Section {
  const title = titleOf(notice, ctx.lang);
  const ask = scoringSent(notice)
    ? pick(ctx.lang, {
        vi: 'Đề nghị Quý đơn vị khẩn trương bổ sung và gửi về nơi nhận nêu trên.',
        en: 'Please complete it and send it to the recipients above as soon as possible.',
      })
    : pick(ctx.lang, {
        vi: `Đến thời điểm này, Quý đơn vị chưa gửi ${title}. Đề nghị Quý đơn vị khẩn trương hoàn thành và gửi về nơi nhận nêu trên.`,
        en: `Your unit has not yet sent ${title}. Please complete it and send it to the recipients above as soon as possible.`,
      });
  return { heading: headingOf(notice, ctx.lang), facts: deadlineFacts(notice, ctx), notes: [...scoringNotes(notice, ctx), ask] };
}
