/**
 * The scoring item's reminder tells each unit what its self-score still lacks: the sheet itself, the
 * justification of a bonus claim, or the corrections asked of it. Words only: the workflow says which
 * (activities/types.ts, ScoringGap).
 */
import type { DigestRow, Notice, ScoringGap } from '../../types';
import { pick, shortDate, termsOf, type Lang, type RenderContext } from './words';

function list(codes: string[]): string {
  return codes.map((c) => `"${c}"`).join(', ');
}

function receivedOf(gap: ScoringGap, ctx: RenderContext): string {
  const r = gap.received;
  if (!r) return '';
  return pick(ctx.lang, {
    vi: `Đã nhận bảng tự chấm điểm lần ${r.version}${r.reference ? ` (số ${r.reference})` : ''} ngày ${shortDate(r.at, ctx)}. `,
    en: `Scoring sheet no. ${r.version}${r.reference ? ` (${r.reference})` : ''} received on ${shortDate(r.at, ctx)}. `,
  });
}

/** The lines a reminder or follow-up adds on the scoring item: what is missing, and what to do. */
export function scoringNotes(notice: Notice, ctx: RenderContext): string[] {
  const gap = notice.scoring;
  if (!gap) return [];
  const t = termsOf(ctx);
  const received = receivedOf(gap, ctx);
  const notes: string[] = [];
  if (gap.status === 'not-sent') {
    notes.push(
      pick(ctx.lang, {
        vi: 'Còn thiếu: bảng tự chấm điểm của Quý đơn vị (chưa gửi).',
        en: 'Missing: your unit’s self-scoring sheet (not yet sent).',
      }),
    );
  }
  if (gap.correction) {
    const c = gap.correction;
    const which = c.criteria?.length ? pick(ctx.lang, { vi: ` (tiêu chí ${list(c.criteria)})`, en: ` (criteria ${list(c.criteria)})` }) : '';
    notes.push(
      pick(ctx.lang, {
        vi: `${received}Còn thiếu: bảng đã chỉnh sửa theo đề nghị của ${t.leader}, ${t.secretariat}${which}: ${c.reason}. Đề nghị Quý đơn vị gửi lại bảng tự chấm điểm đã chỉnh sửa.`,
        en: `${received}Missing: the corrections the ${t.leader} and the ${t.secretariat} asked for${which}: ${c.reason}. Please send the corrected sheet.`,
      }),
    );
  }
  if (gap.unjustified?.length) {
    notes.push(
      pick(ctx.lang, {
        vi:
          `${gap.correction ? '' : received}Còn thiếu: giải trình điểm thưởng ở ${gap.unjustified.length > 1 ? 'các tiêu chí' : 'tiêu chí'} ${list(gap.unjustified)}. ` +
          `Điểm thưởng cần có giải trình, không áp dụng cho tiêu chí định tính, và chỉ cộng vào tổng điểm khi Hội nghị tổng kết của ${t.bloc} thống nhất.`,
        en:
          `${gap.correction ? '' : received}Missing: the justification of the bonus claimed on ${gap.unjustified.length > 1 ? 'criteria' : 'criterion'} ${list(gap.unjustified)}. ` +
          `Bonus points need a justification, are never given on qualitative criteria, and count only once the ${t.bloc}’s year-end conference agrees.`,
      }),
    );
  }
  return notes;
}

/** The follow-up's request, where the unit did send its sheet: what is asked is in the notes, not "you have not sent it". */
export function scoringSent(notice: Notice): boolean {
  return notice.scoring !== undefined && notice.scoring.status !== 'not-sent';
}

const DISPUTE: Record<Lang, Record<NonNullable<DigestRow['score']>, string>> = {
  vi: {
    'not-sent': 'chưa gửi bảng tự chấm điểm',
    'bonus-unjustified': 'đã gửi; điểm thưởng chưa có giải trình',
    'corrections-asked': 'đã gửi; đã đề nghị chỉnh sửa, chưa nhận bảng sửa',
    adjusted: 'đã gửi; điểm đã điều chỉnh, khác điểm đơn vị tự chấm',
  },
  en: {
    'not-sent': 'no self-scoring sheet',
    'bonus-unjustified': 'sent; bonus claimed without justification',
    'corrections-asked': 'sent; corrections asked, none received',
    adjusted: 'sent; adjusted, differing from the unit’s own score',
  },
};

/** The digest's status cell for a row of the scoring item. */
export function disputeOf(row: DigestRow, ctx: RenderContext): string | undefined {
  return row.score ? DISPUTE[ctx.lang][row.score] : undefined;
}
