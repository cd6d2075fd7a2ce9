/**
 * The January evaluation as pure functions of the record: where each unit's score stands, its total, the
 * ranking with its ties stated, and the emulation titles the bloc's rule proposes. The workflow answers its
 * queries with them, the next year keeps their summary, and the CLI's exports print them.
 *
 * The rules of plan 277/KH-KTĐ4, section III:
 * - a criterion counts the leader's figure where the leader adjusted it, else the unit's own, less its
 *   deductions;
 * - the total is the sum of the criteria plus the bonus points the conference agreed, and only those: before
 *   the conference decides, bonus claims are shown as pending and left out of the total;
 * - units with equal totals share a rank (1, 1, 3): a tie is stated, never broken by the order of a list.
 * Points are added in hundredths, so that 0.1 + 0.2 is 0.3.
 */
import { criteriaOf, inHundredths, maxTotal, type CriterionKind, type ScoringTable, type TitleRule } from '../config/scoring';
import type { BonusClaim, BonusDecision, CorrectionRequest, RankingSummary, ScoreAdjustment, ScoreVersion, UnitScores, YearState } from './model';

/**
 * Where a unit's score stands: not sent; sent, with bonus claimed without a justification (while the
 * conference has not decided); sent, with corrections asked and not yet made; or complete.
 */
export type ScoreStatus = 'not-sent' | 'bonus-unjustified' | 'corrections-asked' | 'complete';

export function latestVersion(scores: UnitScores | undefined): ScoreVersion | undefined {
  return scores?.versions[scores.versions.length - 1];
}

export function openCorrection(scores: UnitScores | undefined): CorrectionRequest | undefined {
  const last = scores?.corrections[scores.corrections.length - 1];
  return last && last.answeredBy === undefined ? last : undefined;
}

export function decisionInForce(state: Pick<YearState, 'bonusDecisions'>): BonusDecision | undefined {
  const decisions = state.bonusDecisions ?? [];
  return decisions[decisions.length - 1];
}

/** The criteria whose bonus claim has no justification. */
export function unjustifiedClaims(version: Pick<ScoreVersion, 'bonus'> | undefined): string[] {
  return (version?.bonus ?? []).filter((b) => !b.justification?.trim()).map((b) => b.criterion);
}

export function scoreStatusOf(scores: UnitScores | undefined, decided: boolean): ScoreStatus {
  const latest = latestVersion(scores);
  if (!latest) return 'not-sent';
  if (openCorrection(scores)) return 'corrections-asked';
  if (!decided && unjustifiedClaims(latest).length > 0) return 'bonus-unjustified';
  return 'complete';
}

export function scoreStatus(state: YearState, unitId: string): ScoreStatus {
  return scoreStatusOf(state.scores?.[unitId], decisionInForce(state) !== undefined);
}

/**
 * A unit that sent its sheet but still owes something on it (a justification, a correction): for the scoring
 * item it is reminded as if it had not submitted. Always false in a year without scores.
 */
export function scoreOutstanding(state: YearState, itemId: string, unitId: string): boolean {
  if (state.config.scoring?.item !== itemId || !state.scores?.[unitId]) return false;
  const status = scoreStatus(state, unitId);
  return status === 'bonus-unjustified' || status === 'corrections-asked';
}

/** Sent, but in dispute: a justification or a correction owed, or the leader's figure differs from the unit's. */
export function scoreDisputed(state: YearState, unitId: string): boolean {
  return scoreOutstanding(state, state.config.scoring?.item ?? '', unitId) || adjustedCriteria(state.scores?.[unitId]).length > 0;
}

// --- totals -------------------------------------------------------------------------------------

export interface CriterionLine {
  code: string;
  title: string;
  kind: CriterionKind;
  max: number;
  /** The unit's own figure and deduction, from its latest sheet. */
  unit: number;
  unitDeducted: number;
  /** The leader's figure, when the leader adjusted this criterion. */
  adjusted?: ScoreAdjustment;
  /** What counts: the leader's figure or the unit's, less the deduction. */
  counted: number;
}

export interface UnitTotals {
  lines: CriterionLine[];
  /** The sum of the criteria as counted. */
  criteriaTotal: number;
  bonusAgreed: number;
  /** Claimed, the conference not having decided yet. */
  bonusPending: number;
  bonusRefused: number;
  /** The criteria plus the agreed bonus. */
  total: number;
}

/** The adjustment in force for each criterion: the last one made. */
function adjustmentsInForce(scores: UnitScores): Map<string, ScoreAdjustment> {
  return new Map(scores.adjustments.map((a) => [a.criterion, a]));
}

/** Criteria where the leader's figure differs from the unit's latest. */
export function adjustedCriteria(scores: UnitScores | undefined): string[] {
  const latest = latestVersion(scores);
  if (!scores || !latest) return [];
  return [...adjustmentsInForce(scores).values()]
    .filter((a) => a.points !== latest.points[a.criterion] || (a.deducted !== undefined && a.deducted !== (latest.deductions?.[a.criterion] ?? 0)))
    .map((a) => a.criterion);
}

const sumOf = (values: number[]) => values.reduce((sum, v) => sum + inHundredths(v), 0) / 100;

export function unitTotals(table: Pick<ScoringTable, 'groups'>, unitId: string, scores: UnitScores, decision: BonusDecision | undefined): UnitTotals | undefined {
  const latest = latestVersion(scores);
  if (!latest) return undefined;
  const adjusted = adjustmentsInForce(scores);
  const lines = criteriaOf(table).map((c): CriterionLine => {
    const unit = latest.points[c.code] ?? 0;
    const unitDeducted = latest.deductions?.[c.code] ?? 0;
    const adjustment = adjusted.get(c.code);
    const points = adjustment?.points ?? unit;
    const deducted = adjustment?.deducted ?? unitDeducted;
    return {
      code: c.code,
      title: c.title,
      kind: c.kind,
      max: c.max,
      unit,
      unitDeducted,
      ...(adjustment && { adjusted: adjustment }),
      counted: (inHundredths(points) - inHundredths(deducted)) / 100,
    };
  });
  const mine = (list: BonusDecision['agreed']) => list.filter((a) => a.unitId === unitId).map((a) => a.points);
  const criteriaTotal = sumOf(lines.map((l) => l.counted));
  const bonusAgreed = decision ? sumOf(mine(decision.agreed)) : 0;
  return {
    lines,
    criteriaTotal,
    bonusAgreed,
    bonusPending: decision ? 0 : sumOf(latest.bonus.map((b) => b.points)),
    bonusRefused: decision ? sumOf(mine(decision.refused)) : 0,
    total: (inHundredths(criteriaTotal) + inHundredths(bonusAgreed)) / 100,
  };
}

// --- ranking ------------------------------------------------------------------------------------

export interface RankedRow {
  unitId: string;
  name: string;
  status: ScoreStatus;
  /** Competition ranking: units with equal totals share the rank, and the next rank skips (1, 1, 3). */
  rank?: number;
  /** The other units with the same total. */
  tiedWith: string[];
  totals?: UnitTotals;
  /** The unit left the bloc during the year: it keeps its record and is not ranked. */
  retired: boolean;
}

export interface Proposal {
  titleId: string;
  title: string;
  titleEn?: string;
  ranks: { from: number; to: number };
  places: number;
  minTotal?: number;
  /** The units the rule proposes, best first. */
  unitIds: string[];
  /** Units tied across the rule's last place: more candidates than places, for the conference to settle. */
  tie: boolean;
}

export interface Ranking {
  maxTotal: number;
  /** The conference's decision in force on the bonus claims. */
  decision?: BonusDecision;
  /** No bonus is pending: the conference decided, or nobody claimed any. */
  bonusSettled: boolean;
  /** Ranked units first, best first (a tie in the order of names); then those without a rank. */
  rows: RankedRow[];
  proposals: Proposal[];
}

export interface RankingInput {
  table: Pick<ScoringTable, 'groups' | 'titles'>;
  units: { id: string; name: string; retired?: boolean }[];
  scores: Record<string, UnitScores>;
  decision?: BonusDecision;
}

export function rank({ table, units, scores, decision }: RankingInput): Ranking {
  const rows: RankedRow[] = units.map((u) => {
    const own = scores[u.id];
    const totals = own ? unitTotals(table, u.id, own, decision) : undefined;
    return { unitId: u.id, name: u.name, status: scoreStatusOf(own, decision !== undefined), tiedWith: [], ...(totals && { totals }), retired: Boolean(u.retired) };
  });
  const ranked = rows.filter((r) => r.totals && !r.retired);
  const key = (r: RankedRow) => inHundredths(r.totals?.total ?? 0);
  ranked.sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'vi'));
  for (const row of ranked) {
    row.rank = 1 + ranked.filter((other) => key(other) > key(row)).length;
    row.tiedWith = ranked.filter((other) => other !== row && key(other) === key(row)).map((other) => other.unitId);
  }
  const unranked = rows.filter((r) => !ranked.includes(r));
  const claimed = ranked.some((r) => (r.totals?.bonusPending ?? 0) > 0);
  return {
    maxTotal: maxTotal(table),
    ...(decision && { decision }),
    bonusSettled: decision !== undefined || !claimed,
    rows: [...ranked, ...unranked],
    proposals: propose(table.titles, ranked.map((r) => ({ unitId: r.unitId, total: r.totals?.total ?? 0 }))),
  };
}

/**
 * The titles the rule proposes. The ranking's places are positions in the order of totals; a group of
 * tied units occupies as many positions as it has members, and a rule whose places it overlaps takes the
 * whole group. More candidates than places is a tie the rule states and the conference settles.
 */
export function propose(rules: readonly TitleRule[], ranked: readonly { unitId: string; total: number }[]): Proposal[] {
  const groups: { start: number; end: number; unitIds: string[]; total: number }[] = [];
  ranked.forEach((r, i) => {
    const last = groups[groups.length - 1];
    if (last && inHundredths(last.total) === inHundredths(r.total)) {
      last.end = i + 1;
      last.unitIds.push(r.unitId);
    } else {
      groups.push({ start: i + 1, end: i + 1, unitIds: [r.unitId], total: r.total });
    }
  });
  return rules.map((rule) => {
    const places = rule.ranks.to - rule.ranks.from + 1;
    const unitIds = groups
      .filter((g) => g.start <= rule.ranks.to && g.end >= rule.ranks.from)
      .filter((g) => rule.minTotal === undefined || inHundredths(g.total) >= inHundredths(rule.minTotal))
      .flatMap((g) => g.unitIds);
    return {
      titleId: rule.id,
      title: rule.title,
      ...(rule.titleEn && { titleEn: rule.titleEn }),
      ranks: rule.ranks,
      places,
      ...(rule.minTotal !== undefined && { minTotal: rule.minTotal }),
      unitIds,
      tie: unitIds.length > places,
    };
  });
}

/** The ranking of a year that has a scoring table; undefined otherwise. */
export function rankingOf(state: YearState): Ranking | undefined {
  const table = state.config.scoring;
  if (!table) return undefined;
  return rank({
    table,
    units: state.config.units.map((u) => ({ id: u.id, name: u.name, retired: Boolean(state.retired?.[u.id]) })),
    scores: state.scores ?? {},
    decision: decisionInForce(state),
  });
}

/** What the next year keeps of the ranking; absent in a year in which no unit scored itself. */
export function rankingSummary(state: YearState): RankingSummary | undefined {
  const ranking = rankingOf(state);
  if (!ranking || Object.keys(state.scores ?? {}).length === 0) return undefined;
  const decision = ranking.decision;
  return {
    bonusSettled: ranking.bonusSettled,
    ...(decision && { conference: { date: decision.conferenceDate, minutes: decision.minutes } }),
    maxTotal: ranking.maxTotal,
    rows: ranking.rows.map((r) => ({
      unitId: r.unitId,
      name: r.name,
      ...(r.rank !== undefined && { rank: r.rank }),
      tied: r.tiedWith.length > 0,
      ...(r.totals && { total: r.totals.total }),
      bonusAgreed: r.totals?.bonusAgreed ?? 0,
      bonusPending: r.totals?.bonusPending ?? 0,
    })),
    proposals: ranking.proposals.map((p) => ({ titleId: p.titleId, title: p.title, unitIds: p.unitIds, tie: p.tie })),
  };
}

// --- bonus claims -------------------------------------------------------------------------------

export interface ClaimView extends BonusClaim {
  unitId: string;
  name: string;
  decision: 'pending' | 'agreed' | 'refused';
}

/** Every unit's bonus claims on its latest sheet, with what the conference decided. */
export function claimsOf(state: YearState): ClaimView[] {
  const decision = decisionInForce(state);
  const same = (unitId: string, criterion: string) => (d: { unitId: string; criterion: string }) => d.unitId === unitId && d.criterion === criterion;
  return state.config.units.flatMap((u) =>
    (latestVersion(state.scores?.[u.id])?.bonus ?? []).map((claim): ClaimView => {
      const agreed = decision?.agreed.some(same(u.id, claim.criterion));
      const refused = decision?.refused.some(same(u.id, claim.criterion));
      return { unitId: u.id, name: u.name, ...claim, decision: agreed ? 'agreed' : refused ? 'refused' : 'pending' };
    }),
  );
}
