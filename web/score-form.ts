/**
 * A unit's self-score as its page's form carries it, one field per figure (`diem.I.1`, `tru.II.2`,
 * `thuong.I.1`, `giai-trinh.I.1`), read into the `submitScore` Update's input. Whether the figures are
 * allowed is the workflow's to say (workflows/scoring.ts); this only makes sure that every figure sent is
 * a number the person typed, so that an empty field is named here rather than reaching the workflow as NaN.
 */
import { criteriaOf, parsePoints, type ScoringTable } from '../config/scoring';
import { InputError } from '../config/errors';
import type { RefusalSource } from '../client/workflow-handle';
import type { ScoreInput } from '../workflows/messages';
import type { ScoreVersion } from '../workflows/model';
import type { Lang } from './lang';

export type ScoreField = 'points' | 'deduction' | 'bonus' | 'justification';

const PREFIX: Record<ScoreField, string> = { points: 'diem', deduction: 'tru', bonus: 'thuong', justification: 'giai-trinh' };

/** The form field of one criterion's figure. */
export function scoreField(field: ScoreField, code: string): string {
  return `${PREFIX[field]}.${code}`;
}

const LABEL_VI: Record<Exclude<ScoreField, 'justification'>, string> = { points: 'Điểm', deduction: 'Điểm trừ', bonus: 'Điểm thưởng' };

/** The workflow's fields as the form labels them, for its refusals. */
const FIELD_VI: Record<string, string> = {
  points: 'Điểm tự chấm',
  deductions: 'Điểm trừ',
  bonus: 'Điểm thưởng',
  justification: 'Giải trình điểm thưởng',
  reference: 'Số văn bản',
  by: 'Người gửi',
  consent: 'Sửa sau hạn',
  scoring: 'Thang điểm',
  unitId: 'Đơn vị',
  receivedAt: 'Thời điểm nhận',
};
export const scoreRefusal: RefusalSource = (field, reason) => `${FIELD_VI[field] ?? field}: ${reason}`;

/** The notices after a sheet is sent (`da=` of the page it leads back to). */
export const SCORE_NOTICES: Record<Lang, Record<string, string>> = {
  vi: {
    'cham-diem': 'Đã ghi nhận bảng tự chấm điểm của đơn vị; mỗi lần gửi đều được lưu lại.',
    'cham-diem-khong-doi': 'Bảng tự chấm điểm giống hệt lần gửi trước: không ghi thêm lần gửi mới.',
  },
  en: {
    'cham-diem': "The unit's self-score sheet is recorded; every sheet sent is kept.",
    'cham-diem-khong-doi': 'The self-score sheet is the same as the last one sent: no new version recorded.',
  },
};

function text(form: Record<string, string>, name: string): string | undefined {
  const value = form[name]?.trim();
  return value ? value : undefined;
}

/** A figure typed in a field, or undefined for a field left empty. */
function figure(form: Record<string, string>, field: Exclude<ScoreField, 'justification'>, code: string): number | undefined {
  const typed = text(form, scoreField(field, code));
  if (typed === undefined) return undefined;
  const points = parsePoints(typed);
  if (points === undefined) throw new InputError(`${LABEL_VI[field]} tiêu chí ${code}: "${typed}" không phải là số, ví dụ 7,5 / not a number`);
  return points;
}

/**
 * The sheet the form describes, for the unit the signed link names (never a field of the form). A bonus
 * field left empty or at 0 claims nothing, and its justification goes with it; a bonus or a deduction on a
 * criterion that allows none is sent as typed, for the workflow to refuse in the words of the rule.
 */
export function scoreInputOf(table: Pick<ScoringTable, 'groups'>, unitId: string, form: Record<string, string>): ScoreInput {
  const points: Record<string, number> = {};
  const deductions: Record<string, number> = {};
  const bonus: NonNullable<ScoreInput['bonus']> = [];
  const missing: string[] = [];
  for (const { code } of criteriaOf(table)) {
    const own = figure(form, 'points', code);
    if (own === undefined) missing.push(code);
    else points[code] = own;
    const deducted = figure(form, 'deduction', code);
    if (deducted !== undefined) deductions[code] = deducted;
    const claimed = figure(form, 'bonus', code);
    const justification = text(form, scoreField('justification', code));
    if (claimed) bonus.push({ criterion: code, points: claimed, ...(justification && { justification }) });
  }
  if (missing.length > 0) {
    throw new InputError(`Điểm ${missing.length > 1 ? 'các tiêu chí' : 'tiêu chí'} ${missing.join(', ')}: cần số / a number is required`);
  }
  const reference = text(form, 'reference');
  const by = text(form, 'by');
  return {
    unitId,
    points,
    ...(Object.keys(deductions).length > 0 && { deductions }),
    ...(bonus.length > 0 && { bonus }),
    ...(reference && { reference }),
    ...(by && { by }),
  };
}

/** The form filled with a version already sent, so that a correction starts from it. */
export function scoreFormOf(version: ScoreVersion): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(version.points).map(([code, p]) => [scoreField('points', code), String(p)])),
    ...Object.fromEntries(Object.entries(version.deductions ?? {}).map(([code, p]) => [scoreField('deduction', code), String(p)])),
    ...Object.fromEntries(version.bonus.flatMap((b) => [[scoreField('bonus', b.criterion), String(b.points)], [scoreField('justification', b.criterion), b.justification ?? '']])),
    ...(version.reference && { reference: version.reference }),
    ...(version.by && { by: version.by }),
  };
}
