/**
 * A unit's self-score form read into the `submitScore` input (web/score-form.ts): every criterion needs a
 * number, a decimal comma is read as Vietnamese writes it, an empty field is named rather than sent as NaN,
 * a bonus without points claims nothing, and the unit is the one given, whatever the form says.
 */
import { parsePoints, type ScoringTable } from '../../config/scoring';
import { InputError } from '../../config/errors';
import { scoreFormOf, scoreInputOf } from '../../web/score-form';
import type { ScoreVersion } from '../../workflows/model';

const table: Pick<ScoringTable, 'groups'> = {
  groups: [
    {
      code: 'I',
      title: 'Nhiệm vụ chính trị',
      criteria: [
        { code: 'I.1', title: 'Chỉ tiêu kế hoạch', kind: 'quantitative', max: 40, bonus: { max: 5 } },
        { code: 'I.2', title: 'Tham mưu', kind: 'qualitative', max: 10 },
      ],
    },
    { code: 'II', title: 'Thi đua', criteria: [{ code: 'II.1', title: 'Báo cáo đúng hạn', kind: 'quantitative', max: 10, deduction: { max: 3, rule: 'Trừ 1 điểm mỗi báo cáo chậm' } }] },
  ],
};

const full = { 'diem.I.1': '38', 'diem.I.2': '9', 'diem.II.1': '10' };

function refusalOf(form: Record<string, string>): string {
  try {
    scoreInputOf(table, 'so-b', form);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

test('every criterion’s points, the document number and the sender make the input; the unit is the one given', () => {
  expect(scoreInputOf(table, 'so-b', { ...full, unitId: 'so-c', reference: ' 12/BC-SB ', by: 'Văn thư Sở B' })).toEqual({
    unitId: 'so-b',
    points: { 'I.1': 38, 'I.2': 9, 'II.1': 10 },
    reference: '12/BC-SB',
    by: 'Văn thư Sở B',
  });
});

test('a decimal comma is read as Vietnamese writes it, a point too', () => {
  expect(scoreInputOf(table, 'so-b', { ...full, 'diem.I.1': '37,5', 'diem.I.2': '7.25' }).points).toEqual({ 'I.1': 37.5, 'I.2': 7.25, 'II.1': 10 });
  expect(parsePoints('7,5')).toBe(7.5);
  expect(parsePoints('7,5,1')).toBeUndefined();
});

test('an empty figure is refused naming its criterion, not sent as NaN', () => {
  expect(refusalOf({ ...full, 'diem.I.2': ' ' })).toBe('Điểm tiêu chí I.2: cần số / a number is required');
  expect(refusalOf({ 'diem.I.2': '9' })).toBe('Điểm các tiêu chí I.1, II.1: cần số / a number is required');
  expect(refusalOf({ ...full, 'diem.I.1': 'ba mươi' })).toBe('Điểm tiêu chí I.1: "ba mươi" không phải là số, ví dụ 7,5 / not a number');
  expect(refusalOf({ ...full, 'diem.I.1': '-3' })).toMatch(/^Điểm tiêu chí I.1: "-3" không phải là số/);
  expect(refusalOf({ ...full, 'tru.II.1': '1 điểm' })).toBe('Điểm trừ tiêu chí II.1: "1 điểm" không phải là số, ví dụ 7,5 / not a number');
});

test('a bonus claims its points with its justification; without points (or at 0) it claims nothing', () => {
  const input = scoreInputOf(table, 'so-b', { ...full, 'thuong.I.1': '2,5', 'giai-trinh.I.1': ' Vượt 20% chỉ tiêu ' });
  expect(input.bonus).toEqual([{ criterion: 'I.1', points: 2.5, justification: 'Vượt 20% chỉ tiêu' }]);
  expect(scoreInputOf(table, 'so-b', { ...full, 'thuong.I.1': '', 'giai-trinh.I.1': 'Vượt chỉ tiêu' })).not.toHaveProperty('bonus');
  expect(scoreInputOf(table, 'so-b', { ...full, 'thuong.I.1': '0' })).not.toHaveProperty('bonus');
  expect(refusalOf({ ...full, 'thuong.I.1': 'ba' })).toBe('Điểm thưởng tiêu chí I.1: "ba" không phải là số, ví dụ 7,5 / not a number');
});

test('a bonus or a deduction where the table allows none goes to the workflow as typed, for it to refuse by its rule', () => {
  const input = scoreInputOf(table, 'so-b', { ...full, 'thuong.I.2': '2', 'tru.I.1': '1', 'tru.II.1': '' });
  expect(input.bonus).toEqual([{ criterion: 'I.2', points: 2 }]);
  expect(input.deductions).toEqual({ 'I.1': 1 });
});

test('a sheet already sent fills the form back to the same input', () => {
  const version: ScoreVersion = {
    version: 2,
    receivedAt: '2049-12-01T10:00:00.000+07:00',
    recordedAt: '2049-12-01T10:00:00.000+07:00',
    by: 'Văn thư Sở B',
    reference: '12/BC-SB',
    points: { 'I.1': 37.5, 'I.2': 9, 'II.1': 8 },
    deductions: { 'II.1': 1 },
    bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu' }],
  };
  const form = scoreFormOf(version);
  expect(form['diem.I.1']).toBe('37.5');
  expect(scoreInputOf(table, 'so-b', form)).toEqual({
    unitId: 'so-b',
    points: version.points,
    deductions: version.deductions,
    bonus: version.bonus,
    reference: version.reference,
    by: version.by,
  });
});
