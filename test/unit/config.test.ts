import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { ConfigError, loadBlocConfig, parseBlocConfig, type ConfigProblem } from '../../config/load';

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

  it('gives the line of a YAML syntax error', () => {
    const path = write('broken.yaml', 'bloc:\n  id: x\n  name: [unclosed\nunits: 3\n');
    const problems = problemsOf(() => loadBlocConfig(path));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.path).toMatch(/^dòng \d+, cột \d+ \/ line \d+, column \d+$/);
    expect(problems[0]?.message).toMatch(/^lỗi cú pháp YAML/);
  });

  it('gives the line of a JSON syntax error', () => {
    const path = write('broken.json', '{\n  "bloc": {\n    "id": "x",\n  }\n}\n');
    expect(problemsOf(() => loadBlocConfig(path))[0]?.path).toMatch(/^dòng 4,/);
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
        'bloc.yaml: items[0]: khóa không được phép: colour / unknown key',
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
