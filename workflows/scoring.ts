/**
 * Self-scoring, the leader's compilation and the conference's decision on bonus points (plan 277/KH-KTĐ4,
 * section III), as the year's Updates. As in workflows/changes.ts, each `accept…` reads an Update's raw input
 * against the scoring table and the record and returns exactly what will be applied, or refuses with the
 * field and the reason, in the words of the rule; each `apply…` changes the record.
 *
 * - A unit's sheet scores every criterion of the table, none above its maximum; bonus goes only on a
 *   quantitative criterion that carries it, within its cap, and never on a qualitative one. Every version
 *   is kept with who sent it and when. Until the item's cut-off (the unit's extension included) a unit
 *   corrects freely; later only with the secretariat's consent, or when corrections were asked of it.
 * - The leader or the secretariat may adjust a criterion with a stated reason: the unit's own figure stays
 *   on record beside it. They may ask a unit for corrections: its reminders then say what is asked.
 * - The conference agrees some bonus claims and refuses the rest; only agreed bonus enters the total. Once it
 *   has decided, the claims no longer change.
 */
import { isoDateSchema } from '../config/schema';
import { criteriaOf, criterionOf, criterionVi, isHundredths, NO_BONUS_ON_QUALITATIVE, pointsVi, type Criterion, type ScoringTable } from '../config/scoring';
import { cutOffEn, cutOffVi, dayMonthYearEn, dayMonthYearVi } from '../calendar/wording';
import { issueInWords } from '../config/issue-words';
import type { PlannedItem, YearPlan } from '../calendar/types';
import { DateTime } from 'luxon';
import { acceptSubmission, applySubmission, checkUnit, optionalText, toIso, type AcceptedSubmission } from './changes';
import type { AdjustScoreInput, BonusDecisionInput, CorrectionRequestInput, ScoreInput, ScoreResult, ScoresView } from './messages';
import { acceptOrigin } from './link-origin';
import type { BonusClaim, BonusDecision, LinkOrigin, ScoreAdjustment, ScoreVersion, UnitScores, YearState } from './model';
import { adjustedCriteria, claimsOf, decisionInForce, latestVersion, openCorrection, rankingOf, scoreStatus, unitTotals, type Ranking, rank } from './ranking';
import { reject } from './refusal';
import { effectiveCutoff, isRetired } from './status';
import { LIMITS, multiLineText, singleLineText } from '../config/bounded-text';
import { blocTerms } from '../config/terms';

const nameLine = singleLineText(LIMITS.nameLength);
const referenceLine = singleLineText(LIMITS.referenceLength);
const paragraphs = multiLineText(LIMITS.descriptionLength);

export function tableOf(state: YearState): ScoringTable {
  const table = state.config.scoring;
  if (!table) {
    const t = blocTerms(state.config.bloc);
    reject('scoring', `kế hoạch của ${t.vi.bloc} chưa có thang bảng điểm (mục scoring) / the plan has no scoring table`);
  }
  return table;
}

function scoringItem(plan: YearPlan, table: ScoringTable): PlannedItem {
  const item = plan.items.find((i) => i.id === table.item);
  if (!item) reject('scoring', `không có mục "${table.item}" trong kế hoạch / unknown item`);
  return item;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function criterionIn(table: ScoringTable, field: string, code: unknown): Criterion {
  const criterion = typeof code === 'string' ? criterionOf(table, code) : undefined;
  if (!criterion) reject(field, `không có tiêu chí "${String(code)}" trong thang bảng điểm / no such criterion in the scoring table`);
  return criterion;
}

/** A figure for a criterion: a number from 0 to `max`, to the hundredth. */
function checkPoints(field: string, code: string, value: unknown, max: number, what = { vi: 'điểm', en: 'points' }): number {
  const name = criterionVi(code);
  if (typeof value !== 'number' || !Number.isFinite(value)) reject(field, `${name}: "${String(value)}" không phải là số / not a number`);
  if (value < 0) reject(field, `${name}: ${what.vi} không được âm / ${what.en} cannot be negative`);
  if (!isHundredths(value)) reject(field, `${name}: ${what.vi} lấy tối đa hai chữ số thập phân / at most two decimals`);
  if (value > max) {
    reject(field, `${name}: ${pointsVi(value)} ${what.vi} vượt mức tối đa ${pointsVi(max)} / ${value} ${what.en} exceed the maximum of ${max}`);
  }
  return value;
}

// --- the unit's sheet ---------------------------------------------------------------------------

export interface AcceptedScore {
  submission: AcceptedSubmission;
  points: Record<string, number>;
  deductions?: Record<string, number>;
  bonus: BonusClaim[];
  by?: string;
  via?: LinkOrigin;
  consent?: string;
  /** The same sheet as the latest, sent again. */
  unchanged: boolean;
}

function acceptPoints(table: ScoringTable, input: unknown): Record<string, number> {
  if (!isRecord(input)) reject('points', 'bắt buộc: điểm của từng tiêu chí / required: points per criterion');
  const criteria = criteriaOf(table);
  for (const code of Object.keys(input)) criterionIn(table, 'points', code);
  const missing = criteria.filter((c) => input[c.code] === undefined).map((c) => c.code);
  if (missing.length > 0) {
    reject('points', `thiếu điểm ${missing.length > 1 ? 'các tiêu chí' : 'tiêu chí'} ${missing.map((c) => `"${c}"`).join(', ')} / no score for ${missing.join(', ')}`);
  }
  return Object.fromEntries(criteria.map((c) => [c.code, checkPoints('points', c.code, input[c.code], c.max)]));
}

function acceptDeductions(table: ScoringTable, input: unknown, points: Record<string, number>): Record<string, number> | undefined {
  if (input === undefined) return undefined;
  if (!isRecord(input)) reject('deductions', 'phải là điểm trừ theo từng tiêu chí / must be deductions per criterion');
  const result: Record<string, number> = {};
  for (const [code, value] of Object.entries(input)) {
    const c = criterionIn(table, 'deductions', code);
    if (!c.deduction) reject('deductions', `${criterionVi(c.code)} không có điểm trừ trong thang bảng điểm / the table has no deductions on this criterion`);
    const deducted = checkPoints('deductions', c.code, value, c.deduction.max, { vi: 'điểm trừ', en: 'points deducted' });
    const own = points[c.code] ?? 0;
    if (deducted > own) reject('deductions', `${criterionVi(c.code)}: điểm trừ ${pointsVi(deducted)} lớn hơn điểm của tiêu chí ${pointsVi(own)} / more deducted than scored`);
    if (deducted > 0) result[c.code] = deducted;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function acceptBonus(table: ScoringTable, input: unknown): BonusClaim[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) reject('bonus', 'phải là danh sách đề nghị điểm thưởng / must be a list of bonus claims');
  const criteria = criteriaOf(table);
  if (input.length > criteria.length) reject('bonus', `có ${input.length} đề nghị điểm thưởng, nhiều hơn số tiêu chí (${criteria.length}) / more claims than criteria`);
  const seen = new Set<string>();
  return input.map((claim: unknown): BonusClaim => {
    if (!isRecord(claim)) reject('bonus', 'mỗi đề nghị cần tiêu chí và số điểm / each claim needs a criterion and points');
    const c = criterionIn(table, 'bonus', claim.criterion);
    const name = criterionVi(c.code);
    if (c.kind === 'qualitative') {
      reject('bonus', `${name} là tiêu chí định tính: ${NO_BONUS_ON_QUALITATIVE.vi} / criterion "${c.code}" is qualitative: ${NO_BONUS_ON_QUALITATIVE.en}`);
    }
    if (!c.bonus) reject('bonus', `${name} không có điểm thưởng trong thang bảng điểm / the table gives no bonus on this criterion`);
    if (seen.has(c.code)) reject('bonus', `${name}: đề nghị điểm thưởng hai lần / claimed twice`);
    seen.add(c.code);
    const points = checkPoints('bonus', c.code, claim.points, c.bonus.max, { vi: 'điểm thưởng', en: 'bonus points' });
    if (points === 0) reject('bonus', `${name}: điểm thưởng phải lớn hơn 0 / a claim must be more than 0`);
    const justification = optionalText('justification', claim.justification, paragraphs)?.trim();
    return { criterion: c.code, points, ...(justification && { justification }) };
  });
}

const sameNumbers = (a: Record<string, number> | undefined, b: Record<string, number> | undefined) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
const claimKey = (b: BonusClaim) => `${b.criterion}=${b.points}`;
const sameClaims = (a: BonusClaim[], b: BonusClaim[]) => JSON.stringify(a.map(claimKey).sort()) === JSON.stringify(b.map(claimKey).sort());

function sameSheet(v: ScoreVersion, s: Omit<AcceptedScore, 'unchanged' | 'consent' | 'by' | 'via'>): boolean {
  return (
    sameNumbers(v.points, s.points) &&
    sameNumbers(v.deductions, s.deductions) &&
    sameClaims(v.bonus, s.bonus) &&
    JSON.stringify(v.bonus.map((b) => b.justification ?? '')) === JSON.stringify(s.bonus.map((b) => b.justification ?? '')) &&
    v.reference === s.submission.reference
  );
}

function decidedVi(decision: BonusDecision, zone: string): string {
  return `Hội nghị đã quyết định điểm thưởng ngày ${dayMonthYearVi(decision.conferenceDate, zone)} (biên bản ${decision.minutes})`;
}

export function acceptScore(plan: YearPlan, state: YearState, input: ScoreInput, nowMs: number): AcceptedScore {
  const table = tableOf(state);
  const item = scoringItem(plan, table);
  const submission = acceptSubmission(plan, state, { unitId: input?.unitId, itemId: item.id, receivedAt: input.receivedAt, reference: input.reference }, nowMs);
  const points = acceptPoints(table, input.points);
  const deductions = acceptDeductions(table, input.deductions, points);
  const bonus = acceptBonus(table, input.bonus);
  const by = optionalText('by', input.by, nameLine);
  const consent = optionalText('consent', input.consent, referenceLine);
  const via = acceptOrigin('via', input.via);
  const own = state.scores?.[submission.unitId];
  const latest = latestVersion(own);
  const sheet = { submission, points, ...(deductions && { deductions }), bonus };
  if (latest && sameSheet(latest, sheet)) return { ...sheet, unchanged: true };

  const zone = plan.timeZone;
  const decision = decisionInForce(state);
  if (decision && !sameClaims(bonus, latest?.bonus ?? [])) {
    reject('bonus', `${decidedVi(decision, zone)}: không thêm, bớt hay sửa đề nghị điểm thưởng được nữa / the conference decided on bonus points on ${dayMonthYearEn(decision.conferenceDate, zone)}; claims can no longer change`);
  }
  const cutoff = effectiveCutoff(state, item, submission.unitId);
  const late = cutoff !== undefined && Date.parse(submission.receivedAt) > Date.parse(cutoff);
  if (latest && late && !openCorrection(own) && !consent) {
    const t = blocTerms(state.config.bloc);
    reject(
      'consent',
      `đã qua hạn chấm điểm (${cutOffVi(cutoff, zone)}): sửa bảng tự chấm điểm cần ${t.vi.secretariat} đồng ý; ghi lý do hoặc số văn bản đồng ý / ` +
        `past the cut-off (${cutOffEn(cutoff, zone)}): a correction needs the ${t.en.secretariat}'s consent`,
    );
  }
  return { ...sheet, ...(by && { by }), ...(via && { via }), ...(consent && { consent }), unchanged: false };
}

function unitScoresOf(state: YearState, unitId: string): UnitScores {
  const scores = (state.scores ??= {});
  return (scores[unitId] ??= { versions: [], adjustments: [], corrections: [] });
}

/** What a change did to the unit's score, for the CLI's answer. */
function resultOf(state: YearState, unitId: string, outcome: ScoreResult['outcome']): ScoreResult {
  const own = state.scores?.[unitId];
  const latest = latestVersion(own);
  const totals = own && state.config.scoring ? unitTotals(state.config.scoring, unitId, own, decisionInForce(state)) : undefined;
  return {
    outcome,
    version: latest?.version ?? 0,
    status: scoreStatus(state, unitId),
    criteriaTotal: totals?.criteriaTotal ?? 0,
    bonusClaimed: (latest?.bonus ?? []).reduce((sum, b) => sum + Math.round(b.points * 100), 0) / 100,
  };
}

/** Keeps the sheet as a new version; the first also records the item's submission, whose first receipt stands. */
export function applyScore(plan: YearPlan, state: YearState, accepted: AcceptedScore, nowMs: number): ScoreResult {
  const { unitId, receivedAt, reference } = accepted.submission;
  if (accepted.unchanged) return resultOf(state, unitId, 'unchanged');
  applySubmission(plan, state, accepted.submission, nowMs);
  const own = unitScoresOf(state, unitId);
  const version: ScoreVersion = {
    version: own.versions.length + 1,
    receivedAt,
    recordedAt: toIso(nowMs, plan.timeZone),
    ...(accepted.by && { by: accepted.by }),
    ...(accepted.via && { via: accepted.via }),
    ...(reference && { reference }),
    points: accepted.points,
    ...(accepted.deductions && { deductions: accepted.deductions }),
    bonus: accepted.bonus,
    ...(accepted.consent && { consent: accepted.consent }),
    unitName: state.config.units.find((u) => u.id === unitId)?.name,
  };
  const asked = openCorrection(own);
  own.versions.push(version);
  if (asked) asked.answeredBy = version.version;
  return resultOf(state, unitId, version.version === 1 ? 'recorded' : 'corrected');
}

// --- the leader's compilation -------------------------------------------------------------------

function unitWithSheet(state: YearState, unitId: unknown): { unitId: string; own: UnitScores; latest: ScoreVersion } {
  const id = checkUnit(state, unitId);
  const own = state.scores?.[id];
  const latest = latestVersion(own);
  if (!own || !latest) reject('unitId', `đơn vị "${id}" chưa gửi bảng tự chấm điểm / the unit has sent no scoring sheet`);
  return { unitId: id, own, latest };
}

function requiredReason(value: unknown, vi: string): string {
  const reason = optionalText('reason', value)?.trim();
  if (!reason) reject('reason', `cần nêu lý do ${vi} / a reason is required`);
  return reason;
}

export type AcceptedAdjustment = Omit<ScoreAdjustment, 'at' | 'unitPoints'> & { unitId: string };

export function acceptAdjustment(state: YearState, input: AdjustScoreInput): AcceptedAdjustment {
  const table = tableOf(state);
  const { unitId, latest } = unitWithSheet(state, input?.unitId);
  const c = criterionIn(table, 'criterion', input.criterion);
  const points = checkPoints('points', c.code, input.points, c.max);
  let deducted: number | undefined;
  if (input.deducted !== undefined) {
    if (!c.deduction) reject('deducted', `${criterionVi(c.code)} không có điểm trừ trong thang bảng điểm / the table has no deductions on this criterion`);
    deducted = checkPoints('deducted', c.code, input.deducted, c.deduction.max, { vi: 'điểm trừ', en: 'points deducted' });
  }
  const counted = deducted ?? latest.deductions?.[c.code] ?? 0;
  if (counted > points) reject('points', `${criterionVi(c.code)}: ${pointsVi(points)} điểm nhỏ hơn điểm trừ ${pointsVi(counted)} / fewer points than deducted`);
  const reason = requiredReason(input.reason, 'điều chỉnh');
  const by = optionalText('by', input.by, nameLine);
  return { unitId, criterion: c.code, points, ...(deducted !== undefined && { deducted }), reason, ...(by && { by }) };
}

export function applyAdjustment(state: YearState, accepted: AcceptedAdjustment, nowMs: number): ScoreResult {
  const { unitId, ...adjustment } = accepted;
  const own = unitScoresOf(state, unitId);
  const unitPoints = latestVersion(own)?.points[accepted.criterion] ?? 0;
  own.adjustments.push({ ...adjustment, at: toIso(nowMs, state.config.bloc.timeZone), unitPoints });
  return resultOf(state, unitId, 'unchanged');
}

export interface AcceptedCorrectionRequest {
  unitId: string;
  reason: string;
  criteria?: string[];
}

export function acceptCorrectionRequest(state: YearState, input: CorrectionRequestInput): AcceptedCorrectionRequest {
  const table = tableOf(state);
  const { unitId } = unitWithSheet(state, input?.unitId);
  const reason = requiredReason(input.reason, 'đề nghị chỉnh sửa');
  let criteria: string[] | undefined;
  if (input.criteria !== undefined) {
    if (!Array.isArray(input.criteria)) reject('criteria', 'phải là danh sách mã tiêu chí / must be a list of criterion codes');
    if (input.criteria.length > criteriaOf(table).length) reject('criteria', 'nhiều hơn số tiêu chí của thang bảng điểm / more than the table has');
    criteria = [...new Set(input.criteria.map((code) => criterionIn(table, 'criteria', code).code))];
  }
  return { unitId, reason, ...(criteria && criteria.length > 0 && { criteria }) };
}

export function applyCorrectionRequest(state: YearState, accepted: AcceptedCorrectionRequest, nowMs: number): ScoreResult {
  const { unitId, ...request } = accepted;
  unitScoresOf(state, unitId).corrections.push({ at: toIso(nowMs, state.config.bloc.timeZone), ...request });
  return resultOf(state, unitId, 'unchanged');
}

// --- the conference -----------------------------------------------------------------------------

export type AcceptedBonusDecision = Omit<BonusDecision, 'at'> & { apply: boolean };

export function acceptBonusDecision(plan: YearPlan, state: YearState, input: BonusDecisionInput, nowMs: number): AcceptedBonusDecision {
  tableOf(state);
  if (typeof input?.apply !== 'boolean') reject('apply', 'phải là true hoặc false / must be true or false');
  const date = isoDateSchema.safeParse(input.conferenceDate, { error: issueInWords });
  if (!date.success) reject('conferenceDate', date.error.issues[0]?.message ?? 'không hợp lệ / invalid');
  const day = date.data;
  const zone = plan.timeZone;
  const dayVi = `ngày ${dayMonthYearVi(day, zone)}`;
  const year = Number(day.slice(0, 4));
  if (year < plan.year || year > plan.year + 1) {
    reject('conferenceDate', `${dayVi} nằm ngoài chu kỳ ${plan.year}–${plan.year + 1} / ${dayMonthYearEn(day, zone)} is outside the cycle ${plan.year}–${plan.year + 1}`);
  }
  const today = DateTime.fromMillis(nowMs, { zone }).toISODate() ?? '';
  if (day > today) reject('conferenceDate', `${dayVi} chưa đến: ghi quyết định sau khi Hội nghị họp / ${dayMonthYearEn(day, zone)} has not come: the conference has not met yet`);
  const minutes = optionalText('minutes', input.minutes, referenceLine)?.trim();
  if (!minutes) reject('minutes', 'bắt buộc: số biên bản Hội nghị / required: the number of the conference’s minutes');
  if (!Array.isArray(input.agreed)) reject('agreed', 'phải là danh sách đề nghị được thống nhất / must be a list of the claims agreed');
  const claims = claimsOf(state);
  if (input.agreed.length > claims.length) reject('agreed', `có ${input.agreed.length} đề nghị được thống nhất, chỉ có ${claims.length} đề nghị / more agreed than claimed`);
  const agreed = new Set<string>();
  for (const a of input.agreed as unknown[]) {
    const unitId = isRecord(a) ? a.unitId : undefined;
    const criterion = isRecord(a) ? a.criterion : undefined;
    const claim = claims.find((c) => c.unitId === unitId && c.criterion === criterion);
    if (!claim) reject('agreed', `đơn vị "${String(unitId)}" không đề nghị điểm thưởng ở tiêu chí "${String(criterion)}" / no such bonus claim`);
    const key = `${claim.unitId}|${claim.criterion}`;
    if (agreed.has(key)) reject('agreed', `đơn vị "${claim.unitId}", ${criterionVi(claim.criterion)}: nêu hai lần / given twice`);
    agreed.add(key);
  }
  const pick = (isAgreed: boolean) =>
    claims.filter((c) => agreed.has(`${c.unitId}|${c.criterion}`) === isAgreed).map((c) => ({ unitId: c.unitId, criterion: c.criterion, points: c.points }));
  return { conferenceDate: day, minutes, agreed: pick(true), refused: pick(false), apply: input.apply };
}

export function applyBonusDecision(state: YearState, accepted: AcceptedBonusDecision, nowMs: number): BonusDecision {
  const { conferenceDate, minutes, agreed, refused } = accepted;
  const decision = { at: toIso(nowMs, state.config.bloc.timeZone), conferenceDate, minutes, agreed, refused };
  (state.bonusDecisions ??= []).push(decision);
  return decision;
}

/** The ranking as it would stand with a decision not yet recorded. */
export function rankingWith(state: YearState, decision: BonusDecision): Ranking {
  const table = tableOf(state);
  return rank({
    table,
    units: state.config.units.map((u) => ({ id: u.id, name: u.name, retired: isRetired(state, u.id) })),
    scores: state.scores ?? {},
    decision,
  });
}

// --- the view -----------------------------------------------------------------------------------

export function scoresView(plan: YearPlan, state: YearState, atMs: number): ScoresView {
  const table = tableOf(state);
  const item = plan.items.find((i) => i.id === table.item);
  return {
    blocId: plan.blocId,
    year: plan.year,
    at: toIso(atMs, plan.timeZone),
    terms: blocTerms(state.config.bloc),
    table,
    ...(item?.at && { dueAt: item.at }),
    units: state.config.units.map((u) => {
      const record = state.scores?.[u.id];
      const dueAt = item ? effectiveCutoff(state, item, u.id) : undefined;
      return {
        unitId: u.id,
        name: u.name,
        status: scoreStatus(state, u.id),
        retired: isRetired(state, u.id),
        ...(dueAt && { dueAt }),
        adjusted: adjustedCriteria(record),
        ...(record && { record }),
      };
    }),
    claims: claimsOf(state),
    decisions: state.bonusDecisions ?? [],
    ranking: rankingOf(state) as Ranking,
  };
}
