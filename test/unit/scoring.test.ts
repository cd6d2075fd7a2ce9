/**
 * Self-scores, adjustments, the conference's decision and the ranking, as pure functions of the record
 * (workflows/scoring.ts, workflows/ranking.ts); and what the scoring reminder and the digest say.
 * Property tests: totals are the sum of the criteria plus only agreed bonus; no score above its maximum is
 * ever accepted.
 */
import { ApplicationFailure } from '@temporalio/common';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { renderMessage } from '../../activities/mail/templates';
import { planYear } from '../../calendar/schedule';
import type { YearPlan } from '../../calendar/types';
import { loadBlocConfig } from '../../config/load';
import { criteriaOf, inHundredths, scoringTableSchema, type ScoringTable, type ScoringTableInput } from '../../config/scoring';
import { agenda } from '../../workflows/agenda';
import type { ScoreInput } from '../../workflows/messages';
import { initialState, type BonusDecision, type UnitScores, type YearState } from '../../workflows/model';
import { buildMessage } from '../../workflows/outgoing';
import { planRequestOf } from '../../workflows/plan';
import { propose, rank, rankingOf, scoreOutstanding, unitTotals } from '../../workflows/ranking';
import * as scoring from '../../workflows/scoring';
import { summarise } from '../../workflows/status';
import { FIXTURE_YEAR as Y } from '../support/fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const SEED = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');
const TABLE = SEED.scoring as ScoringTable;
const PLAN: YearPlan = planYear(planRequestOf(initialState({ config: SEED, year: Y }, `${Y - 1}-12-01T00:00:00.000+07:00`)));

function fresh(table: ScoringTable = TABLE): YearState {
  return initialState({ config: { ...structuredClone(SEED), scoring: table }, year: Y }, `${Y - 1}-12-01T00:00:00.000+07:00`);
}

/** A full sheet: every criterion at its maximum less `minus`. */
function sheet(unitId: string, minus = 0, extra: Partial<ScoreInput> = {}): ScoreInput {
  return { unitId, points: Object.fromEntries(criteriaOf(TABLE).map((c) => [c.code, Math.max(0, c.max - minus)])), ...extra };
}

function submit(state: YearState, input: ScoreInput, when: string) {
  return scoring.applyScore(PLAN, state, scoring.acceptScore(PLAN, state, input, at(when)), at(when));
}

/** The refusal's field and reason, as the CLI reads them. */
function refusal(work: () => unknown): { field: string; reason: string } {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(ApplicationFailure);
    return (err as ApplicationFailure).details?.[0] as { field: string; reason: string };
  }
  throw new Error('expected a refusal');
}

describe('a unit\'s sheet', () => {
  it('is refused without a scoring table in the plan', () => {
    const state = initialState({ config: { ...SEED, scoring: undefined }, year: Y }, `${Y - 1}-12-01T00:00:00.000+07:00`);
    expect(refusal(() => scoring.acceptScore(PLAN, state, sheet('so-tu-phap'), at(`${Y}-12-10T09:00`)))).toEqual({
      field: 'scoring',
      reason: 'kế hoạch của Khối chưa có thang bảng điểm (mục scoring) / the plan has no scoring table',
    });
  });

  it('scores every criterion, none above its maximum', () => {
    const state = fresh();
    const { points } = sheet('so-tu-phap');
    expect(refusal(() => scoring.acceptScore(PLAN, state, { unitId: 'so-tu-phap', points: { ...points, 'I.1': 41 } }, at(`${Y}-12-10T09:00`)))).toEqual({
      field: 'points',
      reason: 'tiêu chí "I.1": 41 điểm vượt mức tối đa 40 / 41 points exceed the maximum of 40',
    });
    const short = Object.fromEntries(Object.entries(points).filter(([code]) => code !== 'II.3'));
    expect(refusal(() => scoring.acceptScore(PLAN, state, { unitId: 'so-tu-phap', points: short }, at(`${Y}-12-10T09:00`))).reason).toMatch(/^thiếu điểm tiêu chí "II.3"/);
    expect(refusal(() => scoring.acceptScore(PLAN, state, { unitId: 'so-tu-phap', points: { ...points, 'IV.1': 1 } }, at(`${Y}-12-10T09:00`))).reason).toMatch(/^không có tiêu chí "IV.1"/);
    expect(refusal(() => scoring.acceptScore(PLAN, state, { unitId: 'so-tu-phap', points: { ...points, 'I.2': 9.555 } }, at(`${Y}-12-10T09:00`))).reason).toMatch(/hai chữ số thập phân/);
  });

  it('claims bonus only on a quantitative criterion that carries it, within its cap, refusing a qualitative one in the words of the rule', () => {
    const state = fresh();
    const claim = (criterion: string, points: number) => () => scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 0, { bonus: [{ criterion, points, justification: 'x' }] }), at(`${Y}-12-10T09:00`));
    expect(refusal(claim('I.3', 1))).toEqual({
      field: 'bonus',
      reason: 'tiêu chí "I.3" là tiêu chí định tính: không cộng điểm thưởng đối với tiêu chí định tính / criterion "I.3" is qualitative: bonus points are never given on qualitative criteria',
    });
    expect(refusal(claim('II.1', 1)).reason).toMatch(/^tiêu chí "II.1" không có điểm thưởng trong thang bảng điểm/);
    expect(refusal(claim('I.1', 6)).reason).toBe('tiêu chí "I.1": 6 điểm thưởng vượt mức tối đa 5 / 6 bonus points exceed the maximum of 5');
    expect(scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 0, { bonus: [{ criterion: 'I.1', points: 5 }] }), at(`${Y}-12-10T09:00`)).bonus).toEqual([{ criterion: 'I.1', points: 5 }]);
  });

  it('deducts only where the table deducts, never more than scored', () => {
    const state = fresh();
    expect(refusal(() => scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 0, { deductions: { 'I.1': 1 } }), at(`${Y}-12-10T09:00`))).field).toBe('deductions');
    expect(refusal(() => scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 0, { deductions: { 'II.2': 6 } }), at(`${Y}-12-10T09:00`))).reason).toMatch(/6 điểm trừ vượt mức tối đa 5/);
    const accepted = scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 0, { deductions: { 'II.2': 2 } }), at(`${Y}-12-10T09:00`));
    expect(accepted.deductions).toEqual({ 'II.2': 2 });
  });

  it('keeps every version; corrects freely before the cut-off, after it only with consent or when asked', () => {
    const state = fresh();
    expect(submit(state, sheet('so-tu-phap', 1, { reference: '12/BC-STP', by: 'Văn thư Sở Tư pháp' }), `${Y}-12-10T09:00`)).toMatchObject({ outcome: 'recorded', version: 1, status: 'complete' });
    expect(state.submissions['cham-diem']?.['so-tu-phap']?.reference).toBe('12/BC-STP');
    expect(submit(state, sheet('so-tu-phap', 1, { reference: '12/BC-STP' }), `${Y}-12-11T09:00`).outcome).toBe('unchanged');
    expect(submit(state, sheet('so-tu-phap', 0, { reference: '13/BC-STP' }), `${Y}-12-20T09:00`)).toMatchObject({ outcome: 'corrected', version: 2 });
    // The cut-off: the end of 30/12 (31/12 is "trước ngày 31/12").
    const late = () => scoring.acceptScore(PLAN, state, sheet('so-tu-phap', 2), at(`${Y + 1}-01-03T09:00`));
    expect(refusal(late)).toEqual({
      field: 'consent',
      reason: `đã qua hạn chấm điểm (hết thứ Năm, ngày 30/12/${Y}): sửa bảng tự chấm điểm cần Thư ký Khối đồng ý; ghi lý do hoặc số văn bản đồng ý / past the cut-off (the end of Thursday, 30 December ${Y}): a correction needs the bloc secretariat's consent`,
    });
    expect(submit(state, sheet('so-tu-phap', 2, { consent: 'Công văn 5/TK' }), `${Y + 1}-01-03T09:00`)).toMatchObject({ outcome: 'corrected', version: 3 });
    scoring.applyCorrectionRequest(state, scoring.acceptCorrectionRequest(state, { unitId: 'so-tu-phap', reason: 'Thiếu minh chứng tiêu chí I.1', criteria: ['I.1'] }), at(`${Y + 1}-01-04T09:00`));
    expect(submit(state, sheet('so-tu-phap', 3), `${Y + 1}-01-05T09:00`)).toMatchObject({ outcome: 'corrected', version: 4, status: 'complete' });
    const record = state.scores?.['so-tu-phap'] as UnitScores;
    expect(record.versions.map((v) => [v.version, v.reference ?? '', v.consent ?? ''])).toEqual([
      [1, '12/BC-STP', ''],
      [2, '13/BC-STP', ''],
      [3, '', 'Công văn 5/TK'],
      [4, '', ''],
    ]);
    expect(record.versions[0]?.by).toBe('Văn thư Sở Tư pháp');
    expect(record.corrections[0]?.answeredBy).toBe(4);
  });
});

describe('the leader\'s compilation and the conference', () => {
  function year(): YearState {
    const state = fresh();
    submit(state, sheet('so-tu-phap', 0, { bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 20% chỉ tiêu' }] }), `${Y}-12-10T09:00`);
    submit(state, sheet('so-noi-vu', 1, { bonus: [{ criterion: 'I.2', points: 2 }] }), `${Y}-12-10T09:00`);
    submit(state, sheet('so-tai-chinh', 1), `${Y}-12-10T09:00`);
    return state;
  }

  it('an adjustment keeps the unit\'s own figure beside the leader\'s, with the reason', () => {
    const state = year();
    expect(refusal(() => scoring.acceptAdjustment(state, { unitId: 'so-tai-chinh', criterion: 'I.1', points: 30, reason: ' ' }))).toMatchObject({ field: 'reason' });
    expect(refusal(() => scoring.acceptAdjustment(state, { unitId: 'so-ngoai-vu', criterion: 'I.1', points: 30, reason: 'x' })).reason).toMatch(/chưa gửi bảng tự chấm điểm/);
    scoring.applyAdjustment(state, scoring.acceptAdjustment(state, { unitId: 'so-tai-chinh', criterion: 'I.1', points: 30, reason: 'Chỉ tiêu thu ngân sách đạt 95%' }), at(`${Y}-12-12T09:00`));
    const totals = unitTotals(TABLE, 'so-tai-chinh', state.scores?.['so-tai-chinh'] as UnitScores, undefined);
    const line = totals?.lines.find((l) => l.code === 'I.1');
    expect(line).toMatchObject({ unit: 39, counted: 30, adjusted: { points: 30, reason: 'Chỉ tiêu thu ngân sách đạt 95%', unitPoints: 39 } });
  });

  it('ranks by total without bonus before the decision, marking it pending, and with the agreed bonus only after', () => {
    const state = year();
    const before = rankingOf(state);
    expect(before?.bonusSettled).toBe(false);
    const row = (id: string) => before?.rows.find((r) => r.unitId === id);
    expect(row('so-tu-phap')?.totals).toMatchObject({ criteriaTotal: 100, bonusPending: 3, bonusAgreed: 0, total: 100 });
    // Sở Nội vụ and Sở Tài chính scored alike: a tie, stated.
    expect([row('so-noi-vu')?.rank, row('so-tai-chinh')?.rank]).toEqual([2, 2]);
    expect(row('so-noi-vu')?.tiedWith).toEqual(['so-tai-chinh']);
    expect(row('so-ngoai-vu')?.status).toBe('not-sent');
    expect(row('so-ngoai-vu')?.rank).toBeUndefined();
    expect(row('so-noi-vu')?.status).toBe('bonus-unjustified');

    expect(refusal(() => scoring.acceptBonusDecision(PLAN, state, { conferenceDate: `${Y + 1}-01-14`, minutes: '01/BB-KTĐ4', agreed: [{ unitId: 'so-tai-chinh', criterion: 'I.1' }], apply: true }, at(`${Y + 1}-01-14T17:00`))).reason).toBe(
      'đơn vị "so-tai-chinh" không đề nghị điểm thưởng ở tiêu chí "I.1" / no such bonus claim',
    );
    expect(refusal(() => scoring.acceptBonusDecision(PLAN, state, { conferenceDate: `${Y + 1}-01-15`, minutes: '01/BB-KTĐ4', agreed: [], apply: true }, at(`${Y + 1}-01-14T17:00`))).field).toBe('conferenceDate');
    expect(refusal(() => scoring.acceptBonusDecision(PLAN, state, { conferenceDate: `${Y + 1}-01-14`, minutes: '', agreed: [], apply: true }, at(`${Y + 1}-01-14T17:00`))).field).toBe('minutes');
    const accepted = scoring.acceptBonusDecision(PLAN, state, { conferenceDate: `${Y + 1}-01-14`, minutes: '01/BB-KTĐ4', agreed: [{ unitId: 'so-tu-phap', criterion: 'I.1' }], apply: true }, at(`${Y + 1}-01-14T17:00`));
    expect(accepted.refused).toEqual([{ unitId: 'so-noi-vu', criterion: 'I.2', points: 2 }]);
    scoring.applyBonusDecision(state, accepted, at(`${Y + 1}-01-14T17:00`));

    const after = rankingOf(state);
    expect(after?.bonusSettled).toBe(true);
    expect(after?.rows.find((r) => r.unitId === 'so-tu-phap')?.totals).toMatchObject({ bonusAgreed: 3, bonusPending: 0, total: 103 });
    expect(after?.rows.find((r) => r.unitId === 'so-noi-vu')?.totals).toMatchObject({ bonusAgreed: 0, bonusRefused: 2, total: 92 });
    // Once decided, the claims no longer change; the figures still may, with consent after the cut-off.
    expect(refusal(() => scoring.acceptScore(PLAN, state, sheet('so-noi-vu', 1, { bonus: [{ criterion: 'I.2', points: 1 }], consent: 'x' }), at(`${Y + 1}-01-15T09:00`))).reason).toMatch(
      /^Hội nghị đã quyết định điểm thưởng ngày 14\/1\/2050 \(biên bản 01\/BB-KTĐ4\): không thêm, bớt hay sửa đề nghị điểm thưởng được nữa/,
    );

    const summary = summarise(state, PLAN, `${Y + 1}-01-15T09:00:00.000+07:00`);
    expect(summary.ranking).toMatchObject({ bonusSettled: true, conference: { date: `${Y + 1}-01-14`, minutes: '01/BB-KTĐ4' }, maxTotal: 100 });
    expect(summary.ranking?.rows.slice(0, 3).map((r) => [r.unitId, r.rank, r.tied, r.total])).toEqual([
      ['so-tu-phap', 1, false, 103],
      ['so-noi-vu', 2, true, 92],
      ['so-tai-chinh', 2, true, 92],
    ]);
    // Sở Tư pháp is first with 103 ≥ 90: the flag; 92 ≥ 80: both tied units for the two certificates.
    expect(summary.ranking?.proposals).toEqual([
      { titleId: 'co-thi-dua', title: 'Cờ thi đua của Ủy ban nhân dân tỉnh', unitIds: ['so-tu-phap'], tie: false },
      { titleId: 'bang-khen', title: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', unitIds: ['so-noi-vu', 'so-tai-chinh'], tie: false },
    ]);
  });

  it('a year without scores leaves the summary it always did', () => {
    const state = fresh();
    expect(summarise(state, PLAN, `${Y + 1}-01-15T09:00:00.000+07:00`)).not.toHaveProperty('ranking');
  });
});

describe('titles by the bloc\'s rule', () => {
  const rules = [
    { id: 'co', title: 'Cờ', ranks: { from: 1, to: 1 } },
    { id: 'bk', title: 'Bằng khen', ranks: { from: 2, to: 3 }, minTotal: 80 },
  ];
  const ranked = (...totals: number[]) => totals.map((total, i) => ({ unitId: `u${i + 1}`, total }));

  it('gives each title its places, a tie across the last place stated for the conference', () => {
    expect(propose(rules, ranked(95, 90, 85, 70)).map((p) => [p.titleId, p.unitIds, p.tie])).toEqual([['co', ['u1'], false], ['bk', ['u2', 'u3'], false]]);
    expect(propose(rules, ranked(95, 95, 85)).map((p) => [p.titleId, p.unitIds, p.tie])).toEqual([['co', ['u1', 'u2'], true], ['bk', ['u1', 'u2', 'u3'], true]]);
    expect(propose(rules, ranked(95, 90, 85, 85)).map((p) => [p.titleId, p.unitIds, p.tie])).toEqual([['co', ['u1'], false], ['bk', ['u2', 'u3', 'u4'], true]]);
    expect(propose(rules, ranked(95, 79, 70)).map((p) => [p.titleId, p.unitIds])).toEqual([['co', ['u1']], ['bk', []]]);
  });
});

// --- properties ---------------------------------------------------------------------------------

const hundredths = (max: number) => fc.integer({ min: 0, max: Math.round(max * 100) }).map((n) => n / 100);

/** A table of one to four groups, each of one to four criteria, valid by construction. */
const tableArb: fc.Arbitrary<ScoringTable> = fc
  .array(
    fc.array(
      fc.record({
        kind: fc.constantFrom('quantitative' as const, 'qualitative' as const),
        max: fc.integer({ min: 1, max: 5000 }).map((n) => n / 100),
        bonus: fc.option(fc.integer({ min: 1, max: 500 }).map((n) => n / 100), { nil: undefined }),
        deduction: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((groups): ScoringTable => {
    const input: ScoringTableInput = {
      item: 'cham-diem',
      groups: groups.map((criteria, g) => ({
        code: `G${g + 1}`,
        title: `Nhóm ${g + 1}`,
        criteria: criteria.map((c, i) => ({
          code: `G${g + 1}.${i + 1}`,
          title: `Tiêu chí ${i + 1}`,
          kind: c.kind,
          max: c.max,
          ...(c.bonus !== undefined && c.kind === 'quantitative' && { bonus: { max: c.bonus } }),
          ...(c.deduction !== undefined && { deduction: { max: Math.max(0.01, Math.min(c.max, c.deduction / 100)) } }),
        })),
      })),
    };
    return scoringTableSchema.parse(input);
  });

/** A valid sheet for the table, and which of its claims the conference agrees. */
const sheetArb = (table: ScoringTable) =>
  fc.record({
    points: fc.record(Object.fromEntries(criteriaOf(table).map((c) => [c.code, hundredths(c.max)]))),
    deducted: fc.array(fc.nat(100), { minLength: criteriaOf(table).length, maxLength: criteriaOf(table).length }),
    claims: fc.array(fc.tuple(fc.boolean(), fc.nat(1000), fc.boolean()), { minLength: criteriaOf(table).length, maxLength: criteriaOf(table).length }),
  });

describe('properties', () => {
  it('the total is the sum of the criteria as counted plus the agreed bonus, and only that', () => {
    fc.assert(
      fc.property(
        tableArb.chain((table) => fc.tuple(fc.constant(table), sheetArb(table), fc.boolean())),
        ([table, s, decided]) => {
          const criteria = criteriaOf(table);
          const deductions: Record<string, number> = {};
          const bonus: { criterion: string; points: number }[] = [];
          const agreed: BonusDecision['agreed'] = [];
          const refused: BonusDecision['refused'] = [];
          criteria.forEach((c, i) => {
            const points = s.points[c.code] ?? 0;
            if (c.deduction) deductions[c.code] = Math.min(points, c.deduction.max, (s.deducted[i] ?? 0) / 100);
            const [claims, n, agree] = s.claims[i] ?? [false, 0, false];
            if (c.bonus && claims) {
              const claim = { criterion: c.code, points: Math.max(0.01, Math.min(c.bonus.max, n / 100)) };
              bonus.push(claim);
              (agree ? agreed : refused).push({ unitId: 'u', ...claim });
            }
          });
          const scores: UnitScores = {
            versions: [{ version: 1, receivedAt: '', recordedAt: '', points: s.points, deductions, bonus }],
            adjustments: [],
            corrections: [],
          };
          const decision = decided ? { at: '', conferenceDate: '', minutes: '', agreed, refused } : undefined;
          const totals = unitTotals(table, 'u', scores, decision);
          const counted = criteria.reduce((sum, c) => sum + inHundredths(s.points[c.code] ?? 0) - inHundredths(deductions[c.code] ?? 0), 0);
          const agreedBonus = decided ? agreed.reduce((sum, b) => sum + inHundredths(b.points), 0) : 0;
          expect(inHundredths(totals?.criteriaTotal ?? NaN)).toBe(counted);
          expect(inHundredths(totals?.total ?? NaN)).toBe(counted + agreedBonus);
          expect(inHundredths(totals?.bonusPending ?? NaN)).toBe(decided ? 0 : bonus.reduce((sum, b) => sum + inHundredths(b.points), 0));
          // No criterion counts more than its maximum.
          for (const line of totals?.lines ?? []) expect(line.counted).toBeLessThanOrEqual(line.max);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('no score above its maximum, no bonus above its cap, and none on a qualitative criterion is ever accepted', () => {
    const junk = fc.oneof(fc.double({ min: -10, max: 1200, noNaN: false }), fc.constant(Number.NaN), fc.constant(Infinity));
    /** Mostly figures within the bound, some just above it, a few that are no figure at all. */
    const figure = (max: number) =>
      fc.oneof(
        { arbitrary: hundredths(max), weight: 12 },
        { arbitrary: fc.integer({ min: 1, max: 500 }).map((n) => (Math.round(max * 100) + n) / 100), weight: 1 },
        { arbitrary: junk, weight: 1 },
      );
    let accepted = 0;
    fc.assert(
      fc.property(
        tableArb.chain((table) =>
          fc.tuple(
            fc.constant(table),
            fc.record(Object.fromEntries(criteriaOf(table).map((c) => [c.code, figure(c.max)]))),
            fc.array(fc.tuple(fc.constantFrom(...criteriaOf(table).map((c) => c.code)), figure(6)), { maxLength: 2 }),
          ),
        ),
        ([table, points, claims]) => {
          const state = fresh(table);
          const bonus = claims.map(([criterion, p]) => ({ criterion, points: p, justification: 'x' }));
          const tooHigh = criteriaOf(table).some((c) => (points[c.code] as number) > c.max);
          let result: ReturnType<typeof scoring.acceptScore>;
          try {
            result = scoring.acceptScore(PLAN, state, { unitId: 'so-tu-phap', points, bonus }, at(`${Y}-12-10T09:00`));
          } catch (err) {
            expect(err).toBeInstanceOf(ApplicationFailure);
            return;
          }
          accepted++;
          expect(tooHigh).toBe(false);
          for (const c of criteriaOf(table)) {
            const p = result.points[c.code] as number;
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(c.max);
          }
          for (const b of result.bonus) {
            const c = criteriaOf(table).find((x) => x.code === b.criterion);
            expect(c?.kind).toBe('quantitative');
            expect(b.points).toBeGreaterThan(0);
            expect(b.points).toBeLessThanOrEqual(c?.bonus?.max ?? -1);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property is not vacuous: many sheets pass.
    expect(accepted).toBeGreaterThan(30);
  });

  it('ranks are competition ranks: a higher total ranks higher, equal totals share the rank and say so', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), (minus) => {
        const units = minus.map((_, i) => ({ id: `u${i}`, name: `Đơn vị ${i}` }));
        const scores = Object.fromEntries(
          minus.map((m, i) => [
            `u${i}`,
            { versions: [{ version: 1, receivedAt: '', recordedAt: '', points: sheet('x', m).points, bonus: [] }], adjustments: [], corrections: [] } satisfies UnitScores,
          ]),
        );
        const { rows } = rank({ table: TABLE, units, scores });
        for (const a of rows) {
          for (const b of rows) {
            const [ta, tb] = [a.totals?.total ?? 0, b.totals?.total ?? 0];
            if (ta > tb) expect(a.rank).toBeLessThan(b.rank as number);
            if (ta === tb) expect(a.rank).toBe(b.rank);
            expect(a.tiedWith.includes(b.unitId)).toBe(a !== b && ta === tb);
          }
        }
        expect(rows[0]?.rank).toBe(1);
      }),
    );
  });
});

// --- the scoring reminder and the digest ----------------------------------------------------------

describe('the scoring reminder tells each unit what is missing; the digest lists missing and disputed scores', () => {
  const schedule = planYear(planRequestOf(fresh()));
  const scoringNotices = (state: YearState, nowMs: number) => {
    const due = agenda(schedule, state, nowMs);
    return due.messages.map((m) => buildMessage(state, schedule, m, nowMs)).map((m) => ({
      to: m.addressee.unitId ?? m.addressee.kind,
      notice: m.notices.find((n) => n.itemId === 'cham-diem'),
      message: m,
    }));
  };

  it('not sent, bonus unjustified, corrections asked; a complete sheet is left alone', () => {
    const state = fresh();
    submit(state, sheet('so-tu-phap'), `${Y}-12-10T09:00`);
    submit(state, sheet('so-noi-vu', 1, { bonus: [{ criterion: 'I.1', points: 2 }], reference: '30/BC-SNV' }), `${Y}-12-10T09:00`);
    submit(state, sheet('so-tai-chinh', 1), `${Y}-12-10T09:00`);
    scoring.applyCorrectionRequest(state, scoring.acceptCorrectionRequest(state, { unitId: 'so-tai-chinh', reason: 'Tiêu chí II.2 chưa trừ điểm báo cáo chậm', criteria: ['II.2'] }), at(`${Y}-12-11T09:00`));
    expect(scoreOutstanding(state, 'cham-diem', 'so-noi-vu')).toBe(true);
    expect(scoreOutstanding(state, 'cham-diem', 'so-tu-phap')).toBe(false);

    // 16/12 at 08:00: fourteen days before the cut-off at the end of 30/12.
    const sent = scoringNotices(state, at(`${Y}-12-16T08:00`));
    const of = (unitId: string) => sent.find((s) => s.to === unitId);
    // The other items of the day still go to Sở Tư pháp; the scoring item no longer does.
    expect(of('so-tu-phap')?.notice).toBeUndefined();
    expect(of('so-ngoai-vu')?.notice?.scoring).toEqual({ status: 'not-sent' });
    expect(of('so-noi-vu')?.notice?.scoring).toMatchObject({ status: 'bonus-unjustified', unjustified: ['I.1'], received: { version: 1, reference: '30/BC-SNV' } });
    expect(of('so-tai-chinh')?.notice?.scoring).toMatchObject({ status: 'corrections-asked', correction: { reason: 'Tiêu chí II.2 chưa trừ điểm báo cáo chậm', criteria: ['II.2'] } });

    const text = (unitId: string) => renderMessage(of(unitId)?.message as never, new Date(at(`${Y}-12-16T08:00`))).text;
    expect(text('so-ngoai-vu')).toContain('Còn thiếu: bảng tự chấm điểm của Quý đơn vị (chưa gửi).');
    expect(text('so-noi-vu')).toContain(`Đã nhận bảng tự chấm điểm lần 1 (số 30/BC-SNV) ngày 10/12/${Y}. Còn thiếu: giải trình điểm thưởng ở tiêu chí "I.1".`);
    expect(text('so-noi-vu')).toContain('chỉ cộng vào tổng điểm khi Hội nghị tổng kết của Khối thống nhất');
    expect(text('so-tai-chinh')).toContain('Còn thiếu: bảng đã chỉnh sửa theo đề nghị của Khối trưởng, Thư ký Khối (tiêu chí "II.2"): Tiêu chí II.2 chưa trừ điểm báo cáo chậm.');
  });

  it('after the cut-off, the digest lists the sheets missing and those in dispute', () => {
    const state = fresh();
    const units = SEED.units.map((u) => u.id);
    // Everybody sends but Ban Dân tộc; Sở Nội vụ claims bonus without a justification; Sở Tài chính is adjusted.
    for (const id of units.filter((u) => u !== 'ban-dan-toc' && u !== 'so-noi-vu')) submit(state, sheet(id, 1), `${Y}-12-10T09:00`);
    submit(state, sheet('so-noi-vu', 1, { bonus: [{ criterion: 'I.2', points: 1 }] }), `${Y}-12-10T09:00`);
    scoring.applyAdjustment(state, scoring.acceptAdjustment(state, { unitId: 'so-tai-chinh', criterion: 'I.1', points: 30, reason: 'Số liệu Cục Thống kê' }), at(`${Y}-12-12T09:00`));
    // The first follow-up day: three days after the cut-off (30/12), Sunday 2/1 — the day the schedule gives.
    const followUp = schedule.items.find((i) => i.id === 'cham-diem')?.followUps[0] as string;
    const digest = scoringNotices(state, Date.parse(followUp)).find((s) => s.to === 'digest')?.message;
    const rows = digest?.digest?.rows.filter((r) => r.itemId === 'cham-diem').map((r) => [r.unitId, r.score]);
    expect(rows).toEqual([['so-noi-vu', 'bonus-unjustified'], ['so-tai-chinh', 'adjusted'], ['ban-dan-toc', 'not-sent']]);
    const text = renderMessage(digest as never, new Date(Date.parse(followUp))).text;
    expect(text).toContain('Đơn vị chưa nộp hoặc điểm còn vướng mắc:');
    expect(text).toMatch(/Ban Dân tộc tỉnh Đắk Nông \| .* \| đã quá hạn \d+ ngày; chưa gửi bảng tự chấm điểm/);
    expect(text).toMatch(/Sở Nội vụ tỉnh Đắk Nông \| .* \| đã gửi; điểm thưởng chưa có giải trình/);
    expect(text).toMatch(/Sở Tài chính tỉnh Đắk Nông \| .* \| đã gửi; điểm đã điều chỉnh, khác điểm đơn vị tự chấm/);
  });
});
