/**
 * The scoring table as data (config/scoring.ts): the sample's illustrative table loads, and each invalid
 * form is refused with the criterion named and the reason, at its line in a YAML file.
 */
import { loadBlocConfig, parseBlocConfig } from '../../config/load';
import { criteriaOf, maxTotal } from '../../config/scoring';
import { expectOneRefusal, problemInYaml, SEED, seedData, type Doc } from '../support/seed-file';

/** The seed's criterion by code, to mutate. */
const criterion = (data: Doc, code: string): Doc => data.scoring.groups.flatMap((g: Doc) => g.criteria).find((c: Doc) => c.code === code);

describe('the sample bloc\'s scoring table', () => {
  it('loads, marked illustrative, its maxima adding up to its stated total', () => {
    const table = loadBlocConfig(SEED).scoring;
    expect(table).toMatchObject({ item: 'cham-diem', illustrative: true, total: 100 });
    expect(table?.reference).toMatch(/^Minh họa/);
    expect(maxTotal(table ?? { groups: [] })).toBe(100);
    expect(criteriaOf(table ?? { groups: [] }).filter((c) => c.kind === 'qualitative').every((c) => c.bonus === undefined)).toBe(true);
    expect(table?.titles.map((t) => [t.id, t.ranks])).toEqual([['co-thi-dua', { from: 1, to: 1 }], ['bang-khen', { from: 2, to: 3 }]]);
  });

  it('is optional: a plan without one loads as before', () => {
    const data = seedData();
    delete data.scoring;
    expect(parseBlocConfig(data, 'bloc.yaml').scoring).toBeUndefined();
  });
});

describe('an invalid table is refused, the criterion named with the reason', () => {
  const cases: [string, (d: Doc) => void, string][] = [
    ['a maximum of 0', (d) => (criterion(d, 'I.3').max = 0), 'bloc.yaml: scoring.groups[0].criteria[2].max = 0: tiêu chí "I.3": điểm tối đa phải lớn hơn 0 / criterion "I.3": its maximum must be more than 0'],
    ['a negative maximum', (d) => (criterion(d, 'II.1').max = -5), 'tiêu chí "II.1": điểm tối đa phải lớn hơn 0'],
    ['a maximum in thousandths', (d) => (criterion(d, 'II.1').max = 4.999), 'tiêu chí "II.1": điểm tối đa lấy tối đa hai chữ số thập phân'],
    [
      'bonus on a qualitative criterion',
      (d) => (criterion(d, 'I.3').bonus = { max: 2 }),
      'bloc.yaml: scoring.groups[0].criteria[2].bonus: tiêu chí "I.3" là tiêu chí định tính: không cộng điểm thưởng đối với tiêu chí định tính / criterion "I.3" is qualitative: bonus points are never given on qualitative criteria',
    ],
    ['a bonus cap of 0', (d) => (criterion(d, 'I.2').bonus = { max: 0 }), 'scoring.groups[0].criteria[1].bonus.max = 0: tiêu chí "I.2": điểm thưởng tối đa phải lớn hơn 0'],
    ['a deduction above the maximum', (d) => (criterion(d, 'II.2').deduction.max = 12), 'tiêu chí "II.2": điểm trừ tối đa 12 lớn hơn điểm tối đa 10 của tiêu chí'],
    ['a duplicate code', (d) => (criterion(d, 'II.3').code = 'II.2'), 'scoring.groups[1].criteria[2].code = "II.2": mã tiêu chí trùng: "II.2" / duplicate criterion code'],
    ['a code YAML reads as a number', (d) => (criterion(d, 'I.1').code = 1.1), "scoring.groups[0].criteria[0].code = 1.1: phải là chuỗi ký tự; số thì đặt trong dấu nháy, ví dụ '1.1'"],
    ['a kind that is neither', (d) => (criterion(d, 'I.1').kind = 'dinh-luong'), 'phải là quantitative (định lượng) hoặc qualitative (định tính)'],
    ['a stated total the maxima do not reach', (d) => (d.scoring.total = 95), 'scoring.total = 95: tổng điểm tối đa của các tiêu chí là 100, không phải 95'],
    ['a group without criteria', (d) => (d.scoring.groups[2].criteria = []), 'scoring.groups[2].criteria: nhóm cần ít nhất một tiêu chí'],
    ['ranks that run backwards', (d) => (d.scoring.titles[1].ranks = { from: 3, to: 2 }), 'danh hiệu "bang-khen": hạng từ 3 đến 2'],
    ['a minimum above the table\'s total', (d) => (d.scoring.titles[0].minTotal = 120), 'danh hiệu "co-thi-dua": điểm tối thiểu phải từ 0 đến 100'],
    ['an unknown item', (d) => (d.scoring.item = 'cham-diem-2'), 'scoring.item = "cham-diem-2": không có mục cham-diem-2 / unknown item'],
    ['an item that is not a deadline', (d) => (d.scoring.item = 'hoi-nghi-tong-ket'), 'bảng tự chấm điểm phải gắn với một hạn nộp của các đơn vị'],
    ['an unknown key', (d) => (criterion(d, 'I.1').bonusMax = 5), 'khóa không được phép: "bonusMax"'],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => expectOneRefusal(mutate, expected));

  it('in a YAML file, at its line, the group and the criterion called by their codes', () => {
    const data = seedData();
    criterion(data, 'III.2').bonus = { max: 1 };
    const { problem, lineText } = problemInYaml(data);
    expect(lineText).toMatch(/^\s*bonus:/);
    expect(problem).toContain(': nhóm "III" (thứ 3), tiêu chí "III.2" (thứ 2), bonus: tiêu chí "III.2" là tiêu chí định tính');
  });
});
