/** The yearly handover: the deputy becomes leader, a new deputy takes its seat. */
import type { Notice } from '../../types';
import type { Section } from './layout';
import { date, headingOf, pick, type RenderContext } from './words';

export function handoverSection(notice: Notice, ctx: RenderContext): Section {
  const h = ctx.message.handover;
  const year = h?.toYear ?? ctx.message.year + 1;
  const w = pick(ctx.lang, {
    vi: {
      from: 'Có hiệu lực từ',
      leader: `Khối trưởng năm ${year}`,
      deputy: `Khối phó năm ${year}`,
      duty: `Khối trưởng năm ${year} chủ trì xây dựng Giao ước thi đua năm ${year} và điều hành hoạt động của Khối từ nay.`,
    },
    en: {
      from: 'Takes effect',
      leader: `Bloc leader for ${year}`,
      deputy: `Deputy leader for ${year}`,
      duty: `The bloc leader for ${year} prepares the ${year} emulation covenant and runs the bloc from now on.`,
    },
  });
  return {
    heading: headingOf(notice, ctx.lang),
    facts: [
      { label: w.from, value: date(notice.at, ctx) },
      ...(h
        ? [
            { label: w.leader, value: h.newLeader.name, strong: true },
            { label: w.deputy, value: h.newDeputy.name },
          ]
        : []),
    ],
    notes: h ? [w.duty] : [],
  };
}
