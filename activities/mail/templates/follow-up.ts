/** After a missed deadline: how late ("đã quá hạn 4 ngày"), and a request to send it now. */
import type { Notice } from '../../types';
import { deadlineFacts } from './deadline-facts';
import type { Section } from './layout';
import { headingOf, pick, recipientsOf, titleOf, type RenderContext } from './words';

export function followUpSection(notice: Notice, ctx: RenderContext): Section {
  const title = titleOf(notice, ctx.lang);
  const to = recipientsOf(notice, ctx.lang);
  const ask = pick(ctx.lang, {
    vi: `Đến thời điểm này, ${to || 'nơi nhận'} chưa nhận được ${title} của Quý đơn vị. Đề nghị Quý đơn vị khẩn trương hoàn thành và gửi.`,
    en: `As of now, ${to || 'the recipient'} has not received ${title} from your unit. Please complete and send it as soon as possible.`,
  });
  return { heading: headingOf(notice, ctx.lang), facts: deadlineFacts(notice, ctx), notes: [ask] };
}
