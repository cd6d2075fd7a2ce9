/** The yearly handover: the deputy becomes leader, a new deputy takes its seat. */
import type { Notice } from '../../types';
import type { Section } from './layout';
import { capitalised, date, headingOf, pick, termsOf, type RenderContext } from './words';

export function handoverSection(notice: Notice, ctx: RenderContext): Section {
  const h = ctx.message.handover;
  const year = h?.toYear ?? ctx.message.year + 1;
  const t = termsOf(ctx);
  const w = pick(ctx.lang, {
    vi: {
      from: 'Có hiệu lực từ',
      leader: `${t.leader} năm ${year}`,
      deputy: `${t.deputy} năm ${year}`,
      duty: `${t.leader} năm ${year} chủ trì xây dựng Giao ước thi đua năm ${year} và điều hành hoạt động của ${t.bloc} từ nay.`,
    },
    en: {
      from: 'Takes effect',
      leader: `${capitalised(t.leader)} for ${year}`,
      deputy: `${capitalised(t.deputy)} for ${year}`,
      duty: `The ${t.leader} for ${year} prepares the ${year} emulation covenant and runs the ${t.bloc} from now on.`,
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
