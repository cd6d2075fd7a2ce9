/**
 * The emulation titles a unit may aim for, as the plan states them (issue 25, "Registration of titles"): who
 * grants each (`grantor`), how many units the bloc may propose for it (`seats`), whether a unit must have
 * registered for it in Quý II (`requiresRegistration`), and the share of votes the conference's secret ballot
 * asks for (`ballot`). Each province sets these in its own rules, none is universal: they are data.
 *
 * They extend the scoring table's title rules (config/scoring.ts), which keep their rank rule unchanged. Every
 * field is optional and has no schema default, so that a plan file, or a year recorded, without them parses
 * to exactly what it parsed to before; `titleTerms` says what an absent field means.
 *
 * Imported by the workflow code through config/scoring.ts (no Node built-ins). Nothing in a workflow reads
 * these fields yet: the ranking proposes by places as before (workflows/ranking.ts).
 */
import { z } from 'zod';
import { LIMITS, REQUIRED, singleLineText } from './bounded-text';

/**
 * Whose votes the share counts: every member unit of the bloc ("tổng số đơn vị trong Khối"), or the units
 * that cast a ballot in the round ("số đơn vị tham gia bỏ phiếu").
 */
export type BallotBase = 'units' | 'voters';

/** In Vietnamese, as a province's rule words it; `bloc` is "Khối" or "Cụm". */
export function ballotBaseVi(base: BallotBase, bloc: string): string {
  return base === 'units' ? `tổng số đơn vị trong ${bloc}` : 'số đơn vị tham gia bỏ phiếu';
}

/** A decimal in the file is exact to this many places; a third is written '1/3'. */
const SHARE_DECIMALS = 4;
const FRACTION = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/**
 * A share of votes: a decimal (0.5) or a fraction as rules write it ('2/3'). A fraction is kept as text,
 * because 0.6667 is not two thirds: 6 votes of 9 reach '2/3' and miss 0.6667.
 */
const shareSchema = z.union([z.number(), z.string()], {
  error: "phải là số thập phân (0.5) hoặc phân số trong dấu nháy ('2/3') / must be a decimal (0.5) or a quoted fraction ('2/3')",
});
export type Share = z.infer<typeof shareSchema>;

/** A share as an exact fraction; undefined for text that is no fraction or a decimal with too many places. */
export function shareFraction(share: Share): { numerator: number; denominator: number } | undefined {
  if (typeof share === 'string') {
    const m = FRACTION.exec(share);
    const [numerator, denominator] = [Number(m?.[1]), Number(m?.[2])];
    return m && denominator > 0 ? { numerator, denominator } : undefined;
  }
  const denominator = 10 ** SHARE_DECIMALS;
  const numerator = Math.round(share * denominator);
  return Number.isFinite(share) && Math.abs(share * denominator - numerator) < 1e-6 ? { numerator, denominator } : undefined;
}

/**
 * The ballot's rule as data: `{ majorityOf: units, moreThan: 0.5 }` is "trên 50% tổng số đơn vị trong Khối";
 * `{ majorityOf: voters, atLeast: '2/3' }` is "từ 2/3 trở lên số đơn vị tham gia bỏ phiếu". Exactly one of
 * `moreThan` (strictly above) and `atLeast` (the share itself suffices) is given; the check is in
 * config/scoring.ts, with the title named.
 */
export const ballotRuleSchema = z.strictObject({
  majorityOf: z.enum(['units', 'voters'], {
    error: 'phải là units (tổng số đơn vị trong Khối, Cụm) hoặc voters (số đơn vị tham gia bỏ phiếu) / must be units (all the bloc\'s units) or voters (the units voting)',
  }),
  moreThan: shareSchema.optional(),
  atLeast: shareSchema.optional(),
});
export type BallotRule = z.infer<typeof ballotRuleSchema>;

/** The fields a title rule gains; config/scoring.ts adds them to its rank rule. */
export const titleAwardFields = {
  /** Who grants the title: "UBND tỉnh", "Chủ tịch UBND tỉnh". */
  grantor: singleLineText(LIMITS.nameLength).min(1, REQUIRED).optional(),
  /** How many units the bloc may propose for it; at least 1, at most the bloc's units (config/schema.ts). */
  seats: z.number({ error: 'phải là số / must be a number' }).int('phải là số nguyên / must be a whole number').optional(),
  /** A unit is proposed only if it registered for this title (the registration dossier of Quý II). */
  requiresRegistration: z.boolean({ error: 'phải là true hoặc false / must be true or false' }).optional(),
  /** The share of votes a candidate needs at the conference's secret ballot. */
  ballot: ballotRuleSchema.optional(),
};

/** What a title rule states, the rank rule aside. */
export interface TitleAward {
  id: string;
  ranks: { from: number; to: number };
  grantor?: string;
  seats?: number;
  requiresRegistration?: boolean;
  ballot?: BallotRule;
}

/** A title's terms with what an absent field means. */
export interface TitleTerms {
  grantor?: string;
  /** The seats stated, or else the places of the rank rule: what the ranking proposes today. */
  seats: number;
  seatsStated: boolean;
  /** False unless stated: before registrations were recorded, no proposal could ask for one. */
  requiresRegistration: boolean;
  /** Absent: the plan states no ballot rule, and the proposal is the ranking's alone. */
  ballot?: BallotRule;
}

/** The places a rank rule gives: ranks 2–3 are two. */
export function placesOf(ranks: { from: number; to: number }): number {
  return ranks.to - ranks.from + 1;
}

export function titleTerms(t: TitleAward): TitleTerms {
  return {
    ...(t.grantor !== undefined && { grantor: t.grantor }),
    seats: t.seats ?? placesOf(t.ranks),
    seatsStated: t.seats !== undefined,
    requiresRegistration: t.requiresRegistration ?? false,
    ...(t.ballot && { ballot: t.ballot }),
  };
}

type Issue = (path: (string | number)[], message: string) => void;

/** A share's problem, said with the title and the field; undefined when it lies where the rule needs it. */
function shareProblem(id: string, field: 'moreThan' | 'atLeast', share: Share): string | undefined {
  const f = shareFraction(share);
  const name = `danh hiệu "${id}": ballot.${field}`;
  const en = `title "${id}": ballot.${field}`;
  if (!f) {
    return typeof share === 'string'
      ? `${name} "${share}" không phải phân số, ví dụ '2/3' / ${en} is not a fraction, e.g. '2/3'`
      : `${name} lấy tối đa ${SHARE_DECIMALS} chữ số thập phân; một phần ba viết '1/3' / ${en} has at most ${SHARE_DECIMALS} decimals; write a third as '1/3'`;
  }
  const ratio = f.numerator / f.denominator;
  // "Trên 100%" can never be met and "trên 0%" is no rule; "từ 100% trở lên" is a unanimous vote.
  if (field === 'moreThan' && !(ratio > 0 && ratio < 1)) {
    return `${name} phải lớn hơn 0 và nhỏ hơn 1, ví dụ 0.5 là quá bán / ${en} must lie strictly between 0 and 1, e.g. 0.5 for a majority`;
  }
  if (field === 'atLeast' && !(ratio > 0 && ratio <= 1)) {
    return `${name} phải lớn hơn 0 và không quá 1, ví dụ '2/3' / ${en} must be more than 0 and at most 1, e.g. '2/3'`;
  }
  return undefined;
}

/** The checks of config/scoring.ts for one title's new fields; the seats against the units are config/schema.ts's. */
export function checkTitleAward(t: TitleAward, at: (...rest: (string | number)[]) => (string | number)[], issue: Issue): void {
  if (t.seats !== undefined && Number.isInteger(t.seats) && t.seats < 1) {
    issue(at('seats'), `danh hiệu "${t.id}": số suất (seats) phải từ 1 trở lên / title "${t.id}": seats must be at least 1`);
  }
  const ballot = t.ballot;
  if (!ballot) return;
  if ((ballot.moreThan === undefined) === (ballot.atLeast === undefined)) {
    issue(
      at('ballot'),
      `danh hiệu "${t.id}": ballot cần đúng một trong moreThan (trên …) hoặc atLeast (từ … trở lên) / title "${t.id}": ballot needs exactly one of moreThan or atLeast`,
    );
    return;
  }
  for (const field of ['moreThan', 'atLeast'] as const) {
    const share = ballot[field];
    const problem = share === undefined ? undefined : shareProblem(t.id, field, share);
    if (problem) issue(at('ballot', field), problem);
  }
}

/** Seats no bloc can fill: more than its units. `bloc` is "Khối" or "Cụm", as the plan calls it. */
export function checkSeatsAgainstUnits(titles: readonly Pick<TitleAward, 'id' | 'seats'>[], units: number, bloc: { vi: string; en: string }, issue: Issue): void {
  titles.forEach((t, i) => {
    if (t.seats !== undefined && t.seats > units) {
      issue(
        ['scoring', 'titles', i, 'seats'],
        `danh hiệu "${t.id}": ${t.seats} suất nhưng ${bloc.vi} chỉ có ${units} đơn vị / title "${t.id}": ${t.seats} seats but the ${bloc.en} has only ${units} units`,
      );
    }
  });
}

// --- Wording --------------------------------------------------------------------------------------

/** "50%", "66,67%" for a decimal; a fraction as the file writes it, "2/3". */
export function shareVi(share: Share): string {
  if (typeof share === 'string') return share.replace(/\s+/g, '');
  return `${String(Math.round(share * 1e6) / 1e4).replace('.', ',')}%`;
}

/** "trên 50% tổng số đơn vị trong Khối bỏ phiếu đồng ý", "từ 2/3 trở lên số đơn vị tham gia bỏ phiếu đồng ý". */
export function ballotRuleVi(rule: BallotRule, bloc: string): string {
  const base = ballotBaseVi(rule.majorityOf, bloc);
  if (rule.atLeast !== undefined) return `từ ${shareVi(rule.atLeast)} trở lên ${base} đồng ý`;
  // A valid rule has one of the two (checkTitleAward).
  return rule.moreThan !== undefined ? `trên ${shareVi(rule.moreThan)} ${base} đồng ý` : base;
}

/**
 * A rank rule that gives more places than the title has seats: not an error (the conference chooses among
 * them by its ballot), but worth a word before the year starts.
 */
export function titleWarnings(titles: readonly TitleAward[]): string[] {
  return titles.flatMap((t) => {
    const places = placesOf(t.ranks);
    if (t.seats === undefined || places <= t.seats) return [];
    const ranks = t.ranks.from === t.ranks.to ? `hạng ${t.ranks.from}` : `hạng ${t.ranks.from}–${t.ranks.to}`;
    return [
      `Cảnh báo: danh hiệu "${t.id}": quy tắc xếp hạng đề nghị ${ranks} (${places} đơn vị) nhưng chỉ có ${t.seats} suất; ` +
        `Hội nghị bình xét chọn trong số đó / warning: title "${t.id}": its ranks give ${places} places but it has ${t.seats} seat${t.seats === 1 ? '' : 's'}\n`,
    ];
  });
}
