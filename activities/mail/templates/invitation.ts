/** Before an event: when, where, who organises. */
import type { Notice } from '../../types';
import type { Section } from './layout';
import { dateTime, eventStatus, headingOf, pick, recipientsOf, type RenderContext } from './words';

export function invitationSection(notice: Notice, ctx: RenderContext): Section {
  const w = pick(ctx.lang, {
    vi: {
      when: 'Thời gian',
      where: 'Địa điểm',
      place: 'sẽ thông báo sau',
      host: 'Đơn vị tổ chức',
      status: 'Tình trạng',
      ask: 'Kính mời đại diện lãnh đạo Quý đơn vị tham dự.',
    },
    en: {
      when: 'Time',
      where: 'Place',
      place: 'to be announced',
      host: 'Organised by',
      status: 'Status',
      ask: 'The head of your unit, or a representative, is kindly invited to attend.',
    },
  });
  const host = recipientsOf(notice, ctx);
  return {
    heading: headingOf(notice, ctx.lang),
    facts: [
      { label: w.when, value: dateTime(notice.at, ctx) },
      { label: w.where, value: notice.location ?? w.place },
      ...(host ? [{ label: w.host, value: host }] : []),
      { label: w.status, value: eventStatus(notice.at, ctx), strong: true },
    ],
    notes: [w.ask],
  };
}
