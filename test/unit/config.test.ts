import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { ConfigError, formatProblem, loadBlocConfig, parseBlocConfig, TEMPLATE_KEY, type ConfigProblem } from '../../config/load';
import { describePath } from '../../config/where';

const SEED = 'config/blocs/dak-nong-khoi-4.yaml';
// Mutations reach anywhere into a document that has not been validated yet: it is deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const seedData = (): Doc => parse(readFileSync(SEED, 'utf8')) as Doc;
const dir = mkdtempSync(join(tmpdir(), 'bloc-config-'));

function problemsOf(fn: () => unknown): ConfigProblem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loading a bloc file', () => {
  it('loads the seed with its defaults filled in', () => {
    const cfg = loadBlocConfig(SEED);
    expect(cfg.bloc.id).toBe('dak-nong-khoi-4');
    expect(cfg.units).toHaveLength(9);
    expect(cfg.roles.leader).toBe('vp-ubnd');
    expect(cfg.items.find((i) => i.id === 'bao-cao-6-thang')?.due).toEqual({ before: '15/6', nextYear: false });
    expect(cfg.reminders.followUp).toEqual({ every: 'P3D', max: 3 });
    expect(cfg.calendar.decisions[0]?.year).toBe(2027);
  });

  it('loads the same data from JSON', () => {
    const path = write('bloc.json', JSON.stringify(seedData()));
    expect(loadBlocConfig(path)).toEqual(loadBlocConfig(SEED));
  });

  it('names a missing file', () => {
    expect(problemsOf(() => loadBlocConfig(join(dir, 'none.yaml')))).toEqual([
      { file: join(dir, 'none.yaml'), path: '', message: 'không tìm thấy tệp / file not found' },
    ]);
  });

  it('gives the line and column of a YAML syntax error', () => {
    const path = write('broken.yaml', 'bloc:\n  id: x\n  name: [unclosed\nunits: 3\n');
    const [first] = problemsOf(() => loadBlocConfig(path));
    expect(first).toMatchObject({ line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^lỗi cú pháp YAML/) });
    expect(formatProblem(first as ConfigProblem)).toMatch(new RegExp(`^${path}:\\d+:\\d+: lỗi cú pháp YAML`));
  });

  it('gives the line and column of a JSON syntax error', () => {
    const path = write('broken.json', '{\n  "bloc": {\n    "id": "x",\n  }\n}\n');
    expect(problemsOf(() => loadBlocConfig(path))[0]).toMatchObject({ line: 4, column: 3 });
  });

  it('reports every schema error at once, each with its path', () => {
    const data = seedData();
    data.units[2].emails[0] = 'not-an-email';
    data.units[3].id = data.units[1].id;
    data.roles.deputy = 'khong-co';
    data.reminders.before = ['P7D', '7 ngày'];
    data.items[4].due = { before: '31/2' };
    data.items[0].colour = 'red';
    const text = problemsOf(() => parseBlocConfig(data, 'bloc.yaml')).map((p) => `${p.file}: ${p.path}: ${p.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        'bloc.yaml: units[2].emails[0]: địa chỉ email không hợp lệ / invalid email address',
        'bloc.yaml: units[3].id: mã đơn vị trùng: so-noi-vu / duplicate unit id',
        'bloc.yaml: roles.deputy: không có đơn vị khong-co / unknown unit',
        expect.stringMatching(/^bloc\.yaml: reminders\.before\[1\]: thời lượng ISO-8601 không hợp lệ/),
        'bloc.yaml: items[4].due.before: ngày không có trong mọi năm / no such day every year',
        'bloc.yaml: items[0]: khóa không được phép: "colour" / unknown key',
      ]),
    );
  });

  it('refuses items that follow each other in a cycle, and placeholders it does not know', () => {
    const data = seedData();
    const conference = data.items.find((i: { id: string }) => i.id === 'hoi-nghi-tong-ket');
    conference.due = { after: 'ban-giao' };
    data.items[0].title = 'Hội nghị {nam}';
    const paths = problemsOf(() => parseBlocConfig(data, 'bloc.yaml')).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['items[0].title', `items[${data.items.indexOf(conference)}].due.after`]));
  });
});

type Mutation = [string, (d: Doc, n: number) => string];
/** Each breaks a valid file in one way and returns the path the error must name. */
const mutations: Mutation[] = [
  ['unknown unit in a role', (d) => ((d.roles.leader = 'khong-ton-tai'), 'roles.leader')],
  ['unknown unit in the rotation', (d, n) => ((d.roles.rotation[n % d.roles.rotation.length] = 'x-y'), `roles.rotation[${n % d.roles.rotation.length}]`)],
  ['duplicate unit id', (d, n) => {
    const i = 1 + (n % (d.units.length - 1));
    d.units[i].id = d.units[0].id;
    return `units[${i}].id`;
  }],
  ['invalid email', (d, n) => {
    const i = n % d.units.length;
    d.units[i].emails = ['vanthu.at.example.vn'];
    return `units[${i}].emails[0]`;
  }],
  ['decision date outside its year', (d, n) => {
    const j = n % d.calendar.decisions[0].daysOff.length;
    d.calendar.decisions[0].daysOff[j].date = '2026-12-31';
    return `calendar.decisions[0].daysOff[${j}].date`;
  }],
  ['bad duration', (d, n) => {
    const j = n % d.reminders.before.length;
    d.reminders.before[j] = ['P1M', 'P1Y', '7D', 'P', 'PT'][n % 5];
    return `reminders.before[${j}]`;
  }],
  ['bad follow-up duration', (d) => ((d.reminders.followUp.every = 'ba ngày'), 'reminders.followUp.every')],
  ['unknown item in after', (d) => {
    const i = d.items.findIndex((x: { id: string }) => x.id === 'ban-giao');
    d.items[i].due.after = 'khong-co';
    return `items[${i}].due.after`;
  }],
];

describe('invalid bloc files, property-based', () => {
  it('rejects every mutation with a message naming the field path', () => {
    fc.assert(
      fc.property(fc.subarray(mutations, { minLength: 1 }), fc.nat(1000), (chosen, n) => {
        const data = seedData();
        const expected = chosen.map(([, mutate]) => mutate(data, n));
        const paths = problemsOf(() => parseBlocConfig(data, 'bloc.yaml')).map((p) => p.path);
        for (const path of expected) expect(paths).toContain(path);
      }),
      { numRuns: 150 },
    );
  });
});

describe('problems a person can act on', () => {
  const seedText = readFileSync(SEED, 'utf8');
  /** The seed with each `[from, to]` replaced once, written to a file. */
  const seedWith = (name: string, ...edits: [string, string][]): { path: string; text: string } => {
    const text = edits.reduce((t, [from, to]) => {
      if (!t.includes(from)) throw new Error(`the seed has no ${from}`);
      return t.replace(from, to);
    }, seedText);
    return { path: write(name, text), text };
  };
  /** Line and column (from 1) where `needle` first stands in `text`, after `after` if given. */
  const at = (text: string, needle: string, after = ''): string => {
    const offset = text.indexOf(needle, text.indexOf(after));
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  };
  const lines = (path: string) => problemsOf(() => loadBlocConfig(path)).map(formatProblem);

  it('gives three mistakes in three lines, each with its line, the unit or item by id and position, and the value', () => {
    const { path, text } = seedWith(
      'three.yaml',
      ['emails: [vanthu@stp.daknong.example.vn]', 'emails: [vanthu.stp.daknong.example.vn]'],
      ['    - thanh-tra-tinh\n', '    - thanh-tra\n'],
      ['due: { before: 15/6 }', 'due: { before: 31/6 }'],
    );
    expect(lines(path)).toEqual([
      `${path}:${at(text, 'vanthu.stp')}: đơn vị "so-tu-phap" (thứ 6), emails thứ 1 = "vanthu.stp.daknong.example.vn": địa chỉ email không hợp lệ / invalid email address`,
      `${path}:${at(text, 'thanh-tra\n')}: roles.rotation thứ 5 = "thanh-tra": không có đơn vị thanh-tra / unknown unit`,
      `${path}:${at(text, '31/6')}: mục "bao-cao-6-thang" (thứ 5), due.before = "31/6": ngày không có trong mọi năm / no such day every year`,
    ]);
  });

  it('points at an unknown key itself, at an empty value by its key, and at what lacks a key', () => {
    const { path, text } = seedWith(
      'keys.yaml',
      ['    kind: task\n', '    kind: task\n    colour: red\n'],
      ['    name: Sở Nội vụ tỉnh Đắk Nông\n', '    name:\n'],
      ['    head: Giám đốc Sở Tài chính\n    emails: [vanthu@stc.daknong.example.vn]\n', '    head: Giám đốc Sở Tài chính\n'],
    );
    expect(lines(path)).toEqual([
      `${path}:${at(text, 'name:\n')}: đơn vị "so-noi-vu" (thứ 2), name: bắt buộc / required`,
      `${path}:${at(text, 'id: so-tai-chinh')}: đơn vị "so-tai-chinh" (thứ 4), emails: bắt buộc / required`,
      `${path}:${at(text, 'colour')}: mục "tong-hop-6-thang" (thứ 6): khóa không được phép: "colour" / unknown key`,
    ]);
  });

  it('answers one slip of indentation with a handful of lines, not one per line after it', () => {
    const indented = seedWith('indented.yaml', ['\nbloc:\n', '\n  bloc:\n']);
    expect(lines(indented.path)).toEqual([
      `${indented.path}:${at(indented.text, 'bloc:')}: lỗi cú pháp YAML: khóa đầu tiên bị thụt lề, mà các khóa ngoài cùng (bloc, units, items…) phải bắt đầu ở cột 1 / ` +
        'YAML syntax error: the first key is indented; top-level keys (bloc, units, items…) start at column 1',
      expect.stringMatching(new RegExp(`^${indented.path}: còn \\d+ lỗi cú pháp sau lỗi này, thường chỉ do nó mà ra: sửa nó rồi kiểm tra lại / \\d+ more syntax errors after it`)),
    ]);

    const dedented = seedWith('dedented.yaml', ['    name: Sở Tư pháp tỉnh Đắk Nông\n', '  name: Sở Tư pháp tỉnh Đắk Nông\n']);
    const [first, ...rest] = lines(dedented.path);
    expect(first).toBe(
      `${dedented.path}:${at(dedented.text, 'name: Sở Tư pháp').split(':')[0]}:1: lỗi cú pháp YAML: thụt lề lệch: các khóa cùng cấp phải bắt đầu ở cùng một cột / ` +
        'YAML syntax error: All mapping items must start at the same column',
    );
    expect(rest).toHaveLength(1);
  });

  it('gives a JSON file\'s problems by path, with the value, and no line', () => {
    const data = seedData();
    data.units[5].emails = ['vanthu.stp'];
    const path = write('three.json', JSON.stringify(data, null, 2));
    expect(lines(path)).toEqual([`${path}: units[5].emails[0] = "vanthu.stp": địa chỉ email không hợp lệ / invalid email address`]);
  });

  it('says that a template is one, rather than failing on each of its placeholders', () => {
    const path = write('mau.yaml', `${seedText}\n${TEMPLATE_KEY}:\n  stepMinutes: 3\n`);
    expect(lines(path)).toEqual([
      `${path}:${seedText.split('\n').length + 1}:1: ${TEMPLATE_KEY}: đây là bản mẫu: npm start điền các mốc {{…}} theo lúc khởi động, không dùng trực tiếp được / ` +
        'a template: npm start fills in its {{…}} times when it starts; it cannot be used as it stands',
    ]);
  });
});

describe('where a problem lies, in words', () => {
  const data = {
    units: [{ id: 'vp-ubnd' }, { name: 'không mã' }, { id: 'so-tu-phap', emails: ['x'] }],
    items: [{ id: 'hoi-nghi', due: { before: '31/2' } }],
    calendar: { decisions: [{ year: 2027, daysOff: [{}, { date: '2026-12-31' }] }, { year: 'sai' }] },
  };
  it.each([
    [['units', 2, 'emails', 0], 'đơn vị "so-tu-phap" (thứ 3), emails thứ 1'],
    [['units', 1, 'id'], 'đơn vị thứ 2, id'],
    [['units'], 'units'],
    [['items', 0, 'due', 'before'], 'mục "hoi-nghi" (thứ 1), due.before'],
    [['calendar', 'decisions', 0, 'daysOff', 1, 'date'], 'quyết định năm 2027 (thứ 1), daysOff thứ 2, date'],
    [['calendar', 'decisions', 1, 'year'], 'quyết định thứ 2, year'],
    [['reminders', 'before', 1], 'reminders.before thứ 2'],
    [['roles', 'rotation', 4], 'roles.rotation thứ 5'],
  ])('%j reads %s', (path, words) => {
    expect(describePath(path, data)).toBe(words);
  });
});
