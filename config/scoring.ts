/**
 * The bloc's scoring table (thang bảng điểm) as data: groups of criteria, each with a code, a title, its
 * maximum, whether it is quantitative (định lượng) or qualitative (định tính), the bonus points it may carry
 * and their cap, and the deductions the table allows; and the rule by which the ranking proposes emulation
 * titles, with who grants each title, its seats, registration and ballot rule (config/titles.ts). For Đắk Nông the table is Appendix III of Decision 354/QĐ-UBND of 12/3/2018; the plan file keeps
 * it under `scoring:`.
 *
 * The rules of plan 277/KH-KTĐ4, section III, that the data must already respect: bonus points are never
 * given on qualitative criteria, and each criterion's figures stay within its maximum. Every refusal names
 * the criterion by its code, so that a secretariat finds it in a table of dozens.
 *
 * Imported by the workflow code (no Node built-ins). config/schema.ts includes this schema in the bloc file's;
 * both take the text schemas from config/bounded-text.ts.
 */
import { z } from 'zod';
import { idSchema, LIMITS, listOf, multiLineText, REQUIRED, singleLineText } from './bounded-text';
import { checkTitleAward, titleAwardFields, type TitleAward } from './titles';

/** Bounds far above any real table (Appendix III has a few dozen criteria). */
export const SCORING_LIMITS = {
  groups: 50,
  criteria: 300,
  titles: 20,
  codeLength: 16,
  /** No criterion, bonus or deduction is worth more. */
  points: 1000,
} as const;

export type CriterionKind = 'quantitative' | 'qualitative';

/** In Vietnamese, as the table says it. */
export const KIND_VI: Record<CriterionKind, string> = { quantitative: 'định lượng', qualitative: 'định tính' };

const CODE = /^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$/;

/** Points are written to the hundredth at most (tables give halves and quarters); totals are kept exact in hundredths. */
export function inHundredths(points: number): number {
  return Math.round(points * 100);
}

export function isHundredths(points: number): boolean {
  return Number.isFinite(points) && Math.abs(points * 100 - Math.round(points * 100)) < 1e-6;
}

/** The rule of section III in the table's own words, quoted wherever it is applied. */
export const NO_BONUS_ON_QUALITATIVE = {
  vi: 'không cộng điểm thưởng đối với tiêu chí định tính',
  en: 'bonus points are never given on qualitative criteria',
};

function build() {
  const code = z
    .string({
      // YAML reads `code: 1.1` as a number.
      error: (iss) => (iss.input == null ? REQUIRED : "phải là chuỗi ký tự; số thì đặt trong dấu nháy, ví dụ '1.1' / must be text; quote a number, e.g. '1.1'"),
    })
    .min(1, REQUIRED)
    .max(SCORING_LIMITS.codeLength, `dài quá ${SCORING_LIMITS.codeLength} ký tự / longer than ${SCORING_LIMITS.codeLength} characters`)
    .regex(CODE, 'mã chỉ gồm chữ, số, dấu chấm và gạch ngang, ví dụ I.1 / letters, digits, dots and hyphens only, e.g. I.1');
  const title = singleLineText(LIMITS.titleLength).min(1, REQUIRED);
  // Whether a figure is positive and within bounds is said with the criterion's code, below.
  const points = z.number({ error: 'phải là số / must be a number' });
  const kind = z.enum(['quantitative', 'qualitative'], {
    error: 'phải là quantitative (định lượng) hoặc qualitative (định tính) / must be quantitative or qualitative',
  });
  const criterion = z.strictObject({
    code,
    title,
    titleEn: title.optional(),
    kind,
    max: points,
    /** Bonus points the criterion may carry, up to `max`; only a quantitative criterion has them. */
    bonus: z.strictObject({ max: points }).optional(),
    /** Points the table deducts within the criterion (a late report, an absence), up to `max`. */
    deduction: z.strictObject({ max: points, rule: singleLineText(LIMITS.titleLength).optional() }).optional(),
    note: multiLineText(LIMITS.descriptionLength).optional(),
  });
  const group = z.strictObject({
    code,
    title,
    titleEn: title.optional(),
    criteria: listOf(criterion, SCORING_LIMITS.criteria, 'tiêu chí', 'criteria').min(1, 'nhóm cần ít nhất một tiêu chí / a group needs at least one criterion'),
  });
  const rank = z.number({ error: 'phải là số / must be a number' }).int('phải là số nguyên / must be a whole number').min(1, 'thứ hạng bắt đầu từ 1 / ranks start at 1');
  /**
   * "The first unit is proposed for the province's emulation flag": the places of the ranking a title goes to;
   * and, optionally, who grants it, its seats, registration and ballot rule (config/titles.ts).
   */
  const titleRule = z.strictObject({
    id: idSchema,
    title,
    titleEn: title.optional(),
    ranks: z.strictObject({ from: rank, to: rank }),
    /** A unit below this total is not proposed, whatever its place. */
    minTotal: points.optional(),
    ...titleAwardFields,
  });
  return z
    .strictObject({
      /** The plan's item whose submissions are the units' self-scores ("cham-diem"). */
      item: idSchema,
      /** The instrument the table comes from, e.g. "Phụ lục III, Quyết định số 354/QĐ-UBND ngày 12/3/2018". */
      reference: singleLineText(LIMITS.referenceLength).optional(),
      /** True for a table made up to show the form, not the province's own: every view and export says so. */
      illustrative: z.boolean().default(false),
      /** The table's stated total, checked against its criteria's maxima. */
      total: points.optional(),
      groups: listOf(group, SCORING_LIMITS.groups, 'nhóm tiêu chí', 'groups').min(1, 'thang điểm cần ít nhất một nhóm / the table needs at least one group'),
      titles: listOf(titleRule, SCORING_LIMITS.titles, 'danh hiệu', 'titles').default([]),
    })
    .superRefine((table, ctx) => checkTable(table, (path, message) => ctx.addIssue({ code: 'custom', path, message })));
}

type Built = ReturnType<typeof build>;
export type ScoringTable = z.output<Built>;
export type ScoringTableInput = z.input<Built>;
export type ScoringGroup = ScoringTable['groups'][number];
export type Criterion = ScoringGroup['criteria'][number];
export type TitleRule = ScoringTable['titles'][number];

/** The schema of `scoring:`. */
export const scoringTableSchema = build();

/** `tiêu chí "I.3"`: how every message names a criterion. */
export function criterionVi(code: string): string {
  return `tiêu chí "${code}"`;
}

/** "4", "9,5": Vietnamese writes a decimal comma. */
export function pointsVi(points: number): string {
  return String(inHundredths(points) / 100).replace('.', ',');
}

const POINTS_TEXT = /^\d+([.,]\d+)?$/;

/** "9,5" or "9.5", as a person types a figure (Vietnamese writes a decimal comma); undefined for anything else. */
export function parsePoints(text: string): number | undefined {
  return POINTS_TEXT.test(text) ? Number(text.replace(',', '.')) : undefined;
}

/** Positive, within the bound every table keeps, to the hundredth. */
function pointsProblem(value: number, what: { vi: string; en: string }): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return `${what.vi} phải lớn hơn 0 / ${what.en} must be more than 0`;
  if (value > SCORING_LIMITS.points) return `${what.vi} tối đa ${SCORING_LIMITS.points} / ${what.en} at most ${SCORING_LIMITS.points}`;
  if (!isHundredths(value)) return `${what.vi} lấy tối đa hai chữ số thập phân / ${what.en} has at most two decimals`;
  return undefined;
}

type Issue = (path: (string | number)[], message: string) => void;

/** What the checks read of a table, stated apart from the schema so that the schema's type does not depend on them. */
interface TableFacts {
  groups: { code: string; criteria: { code: string; kind: CriterionKind; max: number; bonus?: { max: number }; deduction?: { max: number } }[] }[];
  titles: (TitleAward & { minTotal?: number })[];
  total?: number;
}

function checkTable(table: TableFacts, issue: Issue): void {
  const groupCodes = new Set<string>();
  const codes = new Set<string>();
  let sum = 0;
  // The total is checked only when every maximum is there to add up: one error, not its echo.
  let summed = true;
  table.groups.forEach((group, g) => {
    if (groupCodes.has(group.code)) issue(['groups', g, 'code'], `mã nhóm trùng: "${group.code}" / duplicate group code`);
    groupCodes.add(group.code);
    if (group.criteria.length === 0) summed = false;
    group.criteria.forEach((c, i) => {
      const at = (...rest: (string | number)[]) => ['groups', g, 'criteria', i, ...rest];
      const name = criterionVi(c.code);
      const en = `criterion "${c.code}"`;
      if (codes.has(c.code)) issue(at('code'), `mã tiêu chí trùng: "${c.code}" / duplicate criterion code`);
      codes.add(c.code);
      const maxProblem = pointsProblem(c.max, { vi: 'điểm tối đa', en: 'its maximum' });
      if (maxProblem) {
        issue(at('max'), `${name}: ${maxProblem.replace(' / ', ` / ${en}: `)}`);
        summed = false;
      } else {
        sum += inHundredths(c.max);
      }
      if (c.bonus) {
        if (c.kind === 'qualitative') {
          issue(at('bonus'), `${name} là tiêu chí định tính: ${NO_BONUS_ON_QUALITATIVE.vi} / ${en} is qualitative: ${NO_BONUS_ON_QUALITATIVE.en}`);
        }
        const bonusProblem = pointsProblem(c.bonus.max, { vi: 'điểm thưởng tối đa', en: 'its bonus cap' });
        if (bonusProblem) issue(at('bonus', 'max'), `${name}: ${bonusProblem.replace(' / ', ` / ${en}: `)}`);
      }
      if (c.deduction) {
        const deductionProblem = pointsProblem(c.deduction.max, { vi: 'điểm trừ tối đa', en: 'its deduction cap' });
        if (deductionProblem) issue(at('deduction', 'max'), `${name}: ${deductionProblem.replace(' / ', ` / ${en}: `)}`);
        else if (!maxProblem && c.deduction.max > c.max) {
          issue(
            at('deduction', 'max'),
            `${name}: điểm trừ tối đa ${pointsVi(c.deduction.max)} lớn hơn điểm tối đa ${pointsVi(c.max)} của tiêu chí / ${en}: its deduction cap exceeds its maximum`,
          );
        }
      }
    });
  });
  if (summed && table.total !== undefined && inHundredths(table.total) !== sum) {
    issue(['total'], `tổng điểm tối đa của các tiêu chí là ${pointsVi(sum / 100)}, không phải ${pointsVi(table.total)} / the criteria's maxima add up to ${sum / 100}, not ${table.total}`);
  }
  const titleIds = new Set<string>();
  table.titles.forEach((t, i) => {
    if (titleIds.has(t.id)) issue(['titles', i, 'id'], `mã danh hiệu trùng: "${t.id}" / duplicate title id`);
    titleIds.add(t.id);
    if (t.ranks.from > t.ranks.to) issue(['titles', i, 'ranks'], `danh hiệu "${t.id}": hạng từ ${t.ranks.from} đến ${t.ranks.to} / ranks run backwards`);
    if (summed && t.minTotal !== undefined && (t.minTotal < 0 || inHundredths(t.minTotal) > sum)) {
      issue(['titles', i, 'minTotal'], `danh hiệu "${t.id}": điểm tối thiểu phải từ 0 đến ${pointsVi(sum / 100)} / minTotal must lie between 0 and the table's total`);
    }
    checkTitleAward(t, (...rest) => ['titles', i, ...rest], issue);
  });
}

/** Every criterion of the table, in its order. */
export function criteriaOf(table: Pick<ScoringTable, 'groups'>): Criterion[] {
  return table.groups.flatMap((g) => g.criteria);
}

export function criterionOf(table: Pick<ScoringTable, 'groups'>, code: string): Criterion | undefined {
  return criteriaOf(table).find((c) => c.code === code);
}

/** The sum of the criteria's maxima, bonus aside. */
export function maxTotal(table: Pick<ScoringTable, 'groups'>): number {
  return criteriaOf(table).reduce((sum, c) => sum + inHundredths(c.max), 0) / 100;
}
