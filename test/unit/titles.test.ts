/**
 * The titles a unit may aim for, as plan data (config/titles.ts, issue 25): who grants each, its seats,
 * whether registration is required, the ballot's rule. The sample's illustrative set loads; a plan written
 * before these fields parses to exactly what it parsed to before, and reads with the defaults; each invalid
 * form is refused with the title, the field and the reason; `bloc config check` prints the titles in
 * Vietnamese and warns of a rank rule wider than its seats.
 */
import { loadBlocConfig, parseBlocConfig } from '../../config/load';
import { ballotRuleVi, shareFraction, titleTerms, titleWarnings } from '../../config/titles';
import { bloc } from '../support/cli';
import { expectOneRefusal, problemInYaml, SEED, seedData, yamlFile, type Doc } from '../support/seed-file';

const NEW_FIELDS = ['grantor', 'seats', 'requiresRegistration', 'ballot'];

/** The sample as a plan written before the titles carried anything but their rank rule. */
function oldStyle(): Doc {
  const data = seedData();
  for (const t of data.scoring.titles) for (const field of NEW_FIELDS) delete t[field];
  return data;
}

describe('the sample\'s titles', () => {
  it('load with who grants each, the seats, registration and the ballot\'s rule, in an illustrative table', () => {
    const table = loadBlocConfig(SEED).scoring;
    expect(table?.illustrative).toBe(true);
    expect(table?.titles.map(({ id, grantor, seats, requiresRegistration, ballot }) => ({ id, grantor, seats, requiresRegistration, ballot }))).toEqual([
      { id: 'co-thi-dua', grantor: 'UBND tỉnh', seats: 1, requiresRegistration: true, ballot: { majorityOf: 'units', moreThan: 0.5 } },
      { id: 'bang-khen', grantor: 'Chủ tịch UBND tỉnh', seats: 2, requiresRegistration: false, ballot: { majorityOf: 'voters', atLeast: '2/3' } },
    ]);
    // The rank rule is what it was.
    expect(table?.titles.map((t) => [t.ranks, t.minTotal])).toEqual([[{ from: 1, to: 1 }, 90], [{ from: 2, to: 3 }, 80]]);
  });

  it('say their ballot rule in Vietnamese', () => {
    const [flag, merit] = loadBlocConfig(SEED).scoring?.titles ?? [];
    expect(flag?.ballot && ballotRuleVi(flag.ballot, 'Khối')).toBe('trên 50% tổng số đơn vị trong Khối đồng ý');
    expect(merit?.ballot && ballotRuleVi(merit.ballot, 'Cụm')).toBe('từ 2/3 trở lên số đơn vị tham gia bỏ phiếu đồng ý');
    expect(ballotRuleVi({ majorityOf: 'units', atLeast: 0.6667 }, 'Khối')).toBe('từ 66,67% trở lên tổng số đơn vị trong Khối đồng ý');
  });

  it('keep a share exact: two thirds as a fraction, a decimal to its fourth place', () => {
    expect(shareFraction('2/3')).toEqual({ numerator: 2, denominator: 3 });
    expect(shareFraction(0.5)).toEqual({ numerator: 5000, denominator: 10000 });
    // 6 votes of 9 reach '2/3' and miss 0.6667: why a third is written as a fraction.
    expect(6 * 3 >= 9 * 2).toBe(true);
    expect(6 * 10000 >= 9 * 6667).toBe(false);
  });
});

describe('a plan written before the titles\' new fields', () => {
  it('parses to exactly the titles it parsed to before: no field added', () => {
    const titles = parseBlocConfig(oldStyle(), 'bloc.yaml').scoring?.titles;
    expect(titles).toEqual([
      { id: 'co-thi-dua', title: 'Cờ thi đua của Ủy ban nhân dân tỉnh', titleEn: "Emulation flag of the Provincial People's Committee", ranks: { from: 1, to: 1 }, minTotal: 90 },
      {
        id: 'bang-khen',
        title: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
        titleEn: "Certificate of merit of the Chairman of the Provincial People's Committee",
        ranks: { from: 2, to: 3 },
        minTotal: 80,
      },
    ]);
    expect(titles?.flatMap((t) => Object.keys(t)).filter((k) => NEW_FIELDS.includes(k))).toEqual([]);
  });

  it('reads with the defaults: the seats of its ranks, no registration, no grantor, no ballot rule', () => {
    const titles = parseBlocConfig(oldStyle(), 'bloc.yaml').scoring?.titles ?? [];
    expect(titles.map(titleTerms)).toEqual([
      { seats: 1, seatsStated: false, requiresRegistration: false },
      { seats: 2, seatsStated: false, requiresRegistration: false },
    ]);
  });
});

describe('an invalid title is refused, with the title, the field and the reason', () => {
  const title = (d: Doc, i: number): Doc => d.scoring.titles[i];
  const cases: [string, (d: Doc) => void, string][] = [
    ['no seat', (d) => (title(d, 0).seats = 0), 'bloc.yaml: scoring.titles[0].seats = 0: danh hiệu "co-thi-dua": số suất (seats) phải từ 1 trở lên / title "co-thi-dua": seats must be at least 1'],
    ['a negative number of seats', (d) => (title(d, 1).seats = -2), 'scoring.titles[1].seats = -2: danh hiệu "bang-khen": số suất (seats) phải từ 1 trở lên'],
    ['half a seat', (d) => (title(d, 1).seats = 1.5), 'scoring.titles[1].seats = 1.5: phải là số nguyên / must be a whole number'],
    ['seats as text', (d) => (title(d, 1).seats = 'hai'), 'scoring.titles[1].seats = "hai": phải là số / must be a number'],
    [
      'more seats than the bloc has units',
      (d) => (title(d, 1).seats = 10),
      'scoring.titles[1].seats = 10: danh hiệu "bang-khen": 10 suất nhưng Khối chỉ có 9 đơn vị / title "bang-khen": 10 seats but the bloc has only 9 units',
    ],
    [
      'more than all the votes',
      (d) => (title(d, 0).ballot.moreThan = 1),
      'scoring.titles[0].ballot.moreThan = 1: danh hiệu "co-thi-dua": ballot.moreThan phải lớn hơn 0 và nhỏ hơn 1, ví dụ 0.5 là quá bán / title "co-thi-dua": ballot.moreThan must lie strictly between 0 and 1',
    ],
    ['more than no vote', (d) => (title(d, 0).ballot.moreThan = 0), 'scoring.titles[0].ballot.moreThan = 0: danh hiệu "co-thi-dua": ballot.moreThan phải lớn hơn 0 và nhỏ hơn 1'],
    ['a percentage for a share', (d) => (title(d, 0).ballot.moreThan = 50), 'ballot.moreThan phải lớn hơn 0 và nhỏ hơn 1'],
    ['a third as a decimal', (d) => (title(d, 0).ballot.moreThan = 0.33333), "ballot.moreThan lấy tối đa 4 chữ số thập phân; một phần ba viết '1/3'"],
    ['a fraction above one', (d) => (title(d, 1).ballot.atLeast = '3/2'), 'scoring.titles[1].ballot.atLeast = "3/2": danh hiệu "bang-khen": ballot.atLeast phải lớn hơn 0 và không quá 1'],
    ['a share in words', (d) => (title(d, 1).ballot.atLeast = 'hai phần ba'), 'danh hiệu "bang-khen": ballot.atLeast "hai phần ba" không phải phân số'],
    ['a share that is neither', (d) => (title(d, 1).ballot.atLeast = true), "ballot.atLeast = true: phải là số thập phân (0.5) hoặc phân số trong dấu nháy ('2/3')"],
    [
      'both moreThan and atLeast',
      (d) => (title(d, 0).ballot.atLeast = '2/3'),
      'scoring.titles[0].ballot: danh hiệu "co-thi-dua": ballot cần đúng một trong moreThan (trên …) hoặc atLeast (từ … trở lên) / title "co-thi-dua": ballot needs exactly one of moreThan or atLeast',
    ],
    ['neither moreThan nor atLeast', (d) => (title(d, 0).ballot = { majorityOf: 'units' }), 'danh hiệu "co-thi-dua": ballot cần đúng một trong moreThan'],
    ['whose votes, unknown', (d) => (title(d, 0).ballot.majorityOf = 'members'), 'scoring.titles[0].ballot.majorityOf = "members": phải là units (tổng số đơn vị trong Khối, Cụm) hoặc voters (số đơn vị tham gia bỏ phiếu)'],
    ['whose votes, missing', (d) => delete title(d, 0).ballot.majorityOf, 'scoring.titles[0].ballot.majorityOf'],
    ['an unknown key in the rule', (d) => (title(d, 0).ballot.quorum = 0.5), 'khóa không được phép: "quorum"'],
    ['registration in words', (d) => (title(d, 0).requiresRegistration = 'có'), 'scoring.titles[0].requiresRegistration = "có": phải là true hoặc false / must be true or false'],
    ['an empty grantor', (d) => (title(d, 0).grantor = ''), 'scoring.titles[0].grantor = "": bắt buộc / required'],
    ['a grantor on two lines', (d) => (title(d, 0).grantor = 'UBND\ntỉnh'), 'scoring.titles[0].grantor = "UBND\\ntỉnh": chỉ được viết trên một dòng'],
    ['a duplicate id, as before', (d) => (title(d, 1).id = 'co-thi-dua'), 'scoring.titles[1].id = "co-thi-dua": mã danh hiệu trùng: "co-thi-dua" / duplicate title id'],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => expectOneRefusal(mutate, expected));

  it('in a YAML file, at its line, the title called by its id; a cluster\'s words for a cluster', () => {
    const data = seedData();
    data.bloc.kind = 'cum';
    data.bloc.name = 'Cụm thi đua số 4';
    data.scoring.titles[0].seats = 12;
    const { problem, lineText } = problemInYaml(data, 'cum.yaml');
    expect(lineText).toMatch(/^\s*seats: 12$/);
    expect(problem).toContain(': danh hiệu "co-thi-dua" (thứ 1), seats = 12: danh hiệu "co-thi-dua": 12 suất nhưng Cụm chỉ có 9 đơn vị / title "co-thi-dua": 12 seats but the cluster has only 9 units');
  });
});

describe('fewer seats than the rank rule\'s places', () => {
  it('is no error, but a warning naming the title, its ranks and its seats', () => {
    const data = seedData();
    data.scoring.titles[1].seats = 1;
    const titles = parseBlocConfig(data, 'bloc.yaml').scoring?.titles ?? [];
    expect(titleWarnings(titles)).toEqual([
      'Cảnh báo: danh hiệu "bang-khen": quy tắc xếp hạng đề nghị hạng 2–3 (2 đơn vị) nhưng chỉ có 1 suất; Hội nghị bình xét chọn trong số đó / warning: title "bang-khen": its ranks give 2 places but it has 1 seat\n',
    ]);
  });

  it('is silent where the seats are not stated or cover the places', () => {
    expect(titleWarnings(parseBlocConfig(seedData(), 'bloc.yaml').scoring?.titles ?? [])).toEqual([]);
    expect(titleWarnings(parseBlocConfig(oldStyle(), 'bloc.yaml').scoring?.titles ?? [])).toEqual([]);
  });
});

/** What `bloc config check` prints after its first line, and its warnings. */
async function checked(file: string): Promise<{ titles: string[]; stderr: string }> {
  const r = await bloc(['config', 'check', file]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^OK: /);
  return { titles: r.stdout.split('\n').slice(1, -1), stderr: r.stderr };
}

describe('bloc config check', () => {
  it('prints the sample\'s titles in Vietnamese, marked illustrative, and warns of nothing', async () => {
    expect(await checked(SEED)).toEqual({
      titles: [
        'Danh hiệu (MINH HỌA, số liệu không phải của tỉnh) / titles (illustrative):',
        '  - Cờ thi đua của Ủy ban nhân dân tỉnh (co-thi-dua): do UBND tỉnh tặng; 1 suất; phải đăng ký thi đua; bình xét: trên 50% tổng số đơn vị trong Khối đồng ý; xếp hạng: hạng 1, từ 90 điểm',
        '  - Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (bang-khen): do Chủ tịch UBND tỉnh tặng; 2 suất; không cần đăng ký thi đua; bình xét: từ 2/3 trở lên số đơn vị tham gia bỏ phiếu đồng ý; xếp hạng: hạng 2–3, từ 80 điểm',
      ],
      stderr: '',
    });
  });

  it('says what a plan without the new fields will be read as', async () => {
    const data = oldStyle();
    data.scoring.illustrative = false;
    expect((await checked(yamlFile(data, 'cu.yaml'))).titles).toEqual([
      'Danh hiệu / titles:',
      '  - Cờ thi đua của Ủy ban nhân dân tỉnh (co-thi-dua): chưa ghi cấp tặng; 1 suất (theo số hạng); không cần đăng ký thi đua; chưa ghi tỷ lệ phiếu bình xét; xếp hạng: hạng 1, từ 90 điểm',
      '  - Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (bang-khen): chưa ghi cấp tặng; 2 suất (theo số hạng); không cần đăng ký thi đua; chưa ghi tỷ lệ phiếu bình xét; xếp hạng: hạng 2–3, từ 80 điểm',
    ]);
  });

  it('warns on stderr, exit 0, of a rank rule wider than its seats', async () => {
    const data = seedData();
    data.scoring.titles[1].seats = 1;
    expect((await checked(yamlFile(data, 'mot-suat.yaml'))).stderr).toBe(
      'Cảnh báo: danh hiệu "bang-khen": quy tắc xếp hạng đề nghị hạng 2–3 (2 đơn vị) nhưng chỉ có 1 suất; Hội nghị bình xét chọn trong số đó / warning: title "bang-khen": its ranks give 2 places but it has 1 seat\n',
    );
  });

  it('prints no titles for a plan without a scoring table', async () => {
    const data = seedData();
    delete data.scoring;
    expect((await checked(yamlFile(data, 'khong-thang-diem.yaml'))).titles).toEqual([]);
  });
});
