/**
 * What a bloc file may not hold: control characters in its text, more than a real bloc ever has, and
 * YAML or files built to exhaust memory. Each refusal names the file, the field and the reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { ConfigError, formatProblem, loadBlocConfig, MAX_FILE_BYTES, parseBlocConfig, type ConfigProblem } from '../../config/load';
import { multiLineText, singleLineText } from '../../config/bounded-text';

const SEED = 'config/blocs/dak-nong-khoi-4.yaml';
// Mutations reach anywhere into a document that has not been validated yet: it is deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const seedText = readFileSync(SEED, 'utf8');
const seedData = (): Doc => parse(seedText) as Doc;
const dir = mkdtempSync(join(tmpdir(), 'bloc-limits-'));

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
const problemsOf = (fn: () => unknown): ConfigProblem[] => errorOf(fn).problems;
/** The lines a person reads. */
const linesOf = (data: Doc): string[] => problemsOf(() => parseBlocConfig(data, 'bloc.yaml')).map(formatProblem);

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const unit = (i: number) => ({ id: `u-${i}`, name: `Đơn vị ${i}`, emails: [`u${i}@khoi.example.vn`] });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const offsets = (n: number) => many(n, (i) => `P${i + 1}D`);
const days = (n: number) => many(n, (i) => ({ date: `2027-03-${String((i % 28) + 1).padStart(2, '0')}`, name: 'Nghỉ' }));

describe('control characters in the text of a bloc file', () => {
  const oneLineMessage = (char: string, at: number) =>
    `chỉ được viết trên một dòng, không có ký tự điều khiển: ${char} ở ký tự thứ ${at} / must be one line without control characters: ${char} at character ${at}`;

  it('refuses a CR/LF that would start a "Bcc:" line, naming the field and the character', () => {
    const data = seedData();
    data.units[2].name = 'Sở KHĐT\r\nBcc: ke-gian@example.com';
    expect(linesOf(data)).toEqual([`bloc.yaml: units[2].name = "Sở KHĐT\\r\\nBcc: ke-gian@example.com": ${oneLineMessage('U+000D (CR)', 8)}`]);
  });

  const fields: [string, string, (d: Doc, text: string) => void][] = [
    ['bloc.name', 'LF', (d, t) => (d.bloc.name = t)],
    ['bloc.province', 'TAB', (d, t) => (d.bloc.province = t)],
    ['bloc.planReference', 'DEL', (d, t) => (d.bloc.planReference = t)],
    ['secretariat.name', 'LINE SEPARATOR', (d, t) => (d.secretariat.name = t)],
    ['board.name', 'PARAGRAPH SEPARATOR', (d, t) => (d.board.name = t)],
    ['units[0].head', 'NEL', (d, t) => (d.units[0].head = t)],
    ['items[1].title', 'CR', (d, t) => (d.items[1].title = t)],
    ['items[1].titleEn', 'LF', (d, t) => (d.items[1].titleEn = t)],
    ['items[7].location', 'TAB', (d, t) => (d.items[7].location = t)],
    ['calendar.decisions[0].source', 'LF', (d, t) => (d.calendar.decisions[0].source = t)],
    ['calendar.decisions[0].daysOff[3].name', 'CR', (d, t) => (d.calendar.decisions[0].daysOff[3].name = t)],
    ['calendar.decisions[0].workingDays[0].name', 'LF', (d, t) => (d.calendar.decisions[0].workingDays[0].name = t)],
  ];
  const chars: Record<string, string> = {
    CR: '\r', LF: '\n', TAB: '\t', DEL: '\u007f', NEL: '\u0085', 'LINE SEPARATOR': '\u2028', 'PARAGRAPH SEPARATOR': '\u2029',
  };
  /** How the value shows in the message: the character escaped, so that the message stays one line. */
  const escaped: Record<string, string> = {
    CR: '\\r', LF: '\\n', TAB: '\\t', DEL: '\\u007f', NEL: '\\u0085', 'LINE SEPARATOR': '\\u2028', 'PARAGRAPH SEPARATOR': '\\u2029',
  };

  it.each(fields)('refuses %s holding a %s', (path, name, set) => {
    const data = seedData();
    const char = chars[name] ?? '';
    set(data, `Tên${char}tiếp`);
    const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (${name})`;
    expect(linesOf(data)).toEqual([`bloc.yaml: ${path} = "Tên${escaped[name]}tiếp": ${oneLineMessage(code, 4)}`]);
  });

  it('refuses other C0 controls, such as NUL and ESC, by their code', () => {
    const data = seedData();
    data.units[0].name = 'A\u0000';
    data.units[1].name = '\u001b[31mĐỏ';
    expect(linesOf(data)).toEqual([
      `bloc.yaml: units[0].name = "A\\u0000": ${oneLineMessage('U+0000', 2)}`,
      `bloc.yaml: units[1].name = "\\u001b[31mĐỏ": ${oneLineMessage('U+001B', 1)}`,
    ]);
  });

  it('keeps the line breaks of a description, and refuses its other control characters', () => {
    const data = seedData();
    data.items[0].description = 'Dòng một.\nDòng hai.';
    expect(parseBlocConfig(data, 'bloc.yaml').items[0]?.description).toBe('Dòng một.\nDòng hai.');
    data.items[0].description = 'Dòng một.\r\nDòng hai.';
    data.items[1].description = 'Cột\tcột';
    expect(linesOf(data)).toEqual([
      'bloc.yaml: items[0].description = "Dòng một.\\r\\nDòng hai.": có ký tự điều khiển (chỉ được xuống dòng bằng LF): U+000D (CR) ở ký tự thứ 10 / contains a control character (only LF may break lines): U+000D (CR) at character 10',
      'bloc.yaml: items[1].description = "Cột\\tcột": có ký tự điều khiển (chỉ được xuống dòng bằng LF): U+0009 (TAB) ở ký tự thứ 4 / contains a control character (only LF may break lines): U+0009 (TAB) at character 4',
    ]);
  });

  it('refuses an email address that carries a CR or LF, in emails and cc alike', () => {
    const data = seedData();
    data.units[0].emails = ['vanthu@vpubnd.daknong.example.vn\r\nBcc: ke-gian@example.com'];
    data.units[1].cc = ['vanthu@snv.daknong.example.vn\n'];
    data.secretariat.emails = ['\nthuky@khoi.example.vn'];
    expect(linesOf(data)).toEqual(
      expect.arrayContaining([
        'bloc.yaml: units[0].emails[0] = "vanthu@vpubnd.daknong.example.vn\\r\\nBcc: ke-gian@example.com": địa chỉ email không hợp lệ / invalid email address',
        'bloc.yaml: units[1].cc[0] = "vanthu@snv.daknong.example.vn\\n": địa chỉ email không hợp lệ / invalid email address',
        'bloc.yaml: secretariat.emails[0] = "\\nthuky@khoi.example.vn": địa chỉ email không hợp lệ / invalid email address',
      ]),
    );
  });

  it('still calls a missing name required, and an empty one too, whether "" or a YAML key with no value', () => {
    const data = seedData();
    delete data.units[0].name;
    data.units[1].name = '';
    data.units[2].name = null;
    data.board.name = 7;
    expect(linesOf(data)).toEqual([
      'bloc.yaml: board.name = 7: phải là chuỗi ký tự / must be text',
      'bloc.yaml: units[0].name: bắt buộc / required',
      'bloc.yaml: units[1].name = "": bắt buộc / required',
      'bloc.yaml: units[2].name: bắt buộc / required',
    ]);
  });

  it('writes every problem on one line, even an unknown key that holds a line break', () => {
    const data = seedData();
    data.items[0]['màu\nBcc: x@example.com'] = 'đỏ';
    expect(linesOf(data)).toEqual(['bloc.yaml: items[0]: khóa không được phép: \"màu\\nBcc: x@example.com\" / unknown key']);
  });
});

describe('the text building blocks the Update validators share', () => {
  it('singleLineText(max) takes Vietnamese up to max characters and refuses a line break or one more character', () => {
    const schema = singleLineText(12);
    expect(schema.parse('Số 85/BC-STP')).toBe('Số 85/BC-STP');
    expect(schema.safeParse('Số 85/BC-STPx').error?.issues.map((i) => i.message)).toEqual([
      'dài 13 ký tự, tối đa 12 / 13 characters long, at most 12',
    ]);
    expect(schema.safeParse('Hoãn\ndo mưa').error?.issues.map((i) => i.message)).toEqual([
      'chỉ được viết trên một dòng, không có ký tự điều khiển: U+000A (LF) ở ký tự thứ 5 / must be one line without control characters: U+000A (LF) at character 5',
    ]);
    expect(schema.safeParse(85).error?.issues.map((i) => i.message)).toEqual(['phải là chuỗi ký tự / must be text']);
    expect(schema.safeParse(undefined).error?.issues.map((i) => i.message)).toEqual(['bắt buộc / required']);
  });

  it('multiLineText(max) keeps LF and refuses CR', () => {
    const schema = multiLineText(100);
    expect(schema.parse('Một\nHai')).toBe('Một\nHai');
    expect(schema.safeParse('Một\rHai').success).toBe(false);
  });
});

describe('limits a real bloc never reaches', () => {
  const withUnits = (n: number): Doc => {
    const data = seedData();
    data.units = many(n, unit);
    data.roles = { leader: 'u-0', deputy: 'u-1' };
    data.items = data.items.map((item: Doc) => ({ ...item, from: Array.isArray(item.from) ? ['u-0'] : item.from }));
    return data;
  };

  it('takes 500 units', () => {
    expect(parseBlocConfig(withUnits(500), 'bloc.yaml').units).toHaveLength(500);
  });

  it('refuses 501 units in one line with the count and the limit', () => {
    expect(linesOf(withUnits(501))).toEqual(['bloc.yaml: units: có 501 đơn vị, tối đa 500 / 501 units, at most 500']);
  });

  it('refuses 150,000 units in one line, whatever the units hold', () => {
    const data = seedData();
    data.units = many(150_000, (i) => ({ id: `U ${i}`, emails: ['sai'] }));
    expect(linesOf(data)).toEqual(['bloc.yaml: units: có 150000 đơn vị, tối đa 500 / 150000 units, at most 500']);
  });

  it('refuses more than 200 items, and 50 decisions, in one line each', () => {
    const data = seedData();
    data.items = many(201, (i) => ({ ...data.items[0], id: `muc-${i}` }));
    data.calendar.decisions = many(51, (i) => ({ year: 2000 + i }));
    expect(linesOf(data)).toEqual([
      'bloc.yaml: items: có 201 mục, tối đa 200 / 201 items, at most 200',
      'bloc.yaml: calendar.decisions: có 51 quyết định, tối đa 50 / 51 decisions, at most 50',
    ]);
  });

  it('takes 200 items', () => {
    const data = seedData();
    // The scoring table's item stays among them.
    data.items = [...many(199, (i) => ({ ...data.items[0], id: `muc-${i}` })), data.items.find((i: Doc) => i.id === data.scoring.item)];
    expect(parseBlocConfig(data, 'bloc.yaml').items).toHaveLength(200);
  });

  it('refuses more than 20 reminder offsets in a rule, 20 addresses in a list, 100 days in a decision', () => {
    const data = seedData();
    data.reminders.before = offsets(21);
    data.items[4].reminders = { before: offsets(25) };
    data.units[0].emails = many(21, (i) => `a${i}@khoi.example.vn`);
    data.units[1].cc = many(22, (i) => `b${i}@khoi.example.vn`);
    data.board.emails = many(21, (i) => `c${i}@khoi.example.vn`);
    data.calendar.decisions[0].daysOff = days(101);
    data.calendar.decisions[0].workingDays = days(102);
    expect(linesOf(data)).toEqual(
      expect.arrayContaining([
        'bloc.yaml: reminders.before: có 21 mốc nhắc hạn, tối đa 20 / 21 reminder offsets, at most 20',
        'bloc.yaml: items[4].reminders.before: có 25 mốc nhắc hạn, tối đa 20 / 25 reminder offsets, at most 20',
        'bloc.yaml: units[0].emails: có 21 địa chỉ email, tối đa 20 / 21 email addresses, at most 20',
        'bloc.yaml: units[1].cc: có 22 địa chỉ email, tối đa 20 / 22 email addresses, at most 20',
        'bloc.yaml: board.emails: có 21 địa chỉ email, tối đa 20 / 21 email addresses, at most 20',
        'bloc.yaml: calendar.decisions[0].daysOff: có 101 ngày, tối đa 100 / 101 days, at most 100',
        'bloc.yaml: calendar.decisions[0].workingDays: có 102 ngày, tối đa 100 / 102 days, at most 100',
      ]),
    );
  });

  it('takes text at its limit and refuses one character more, saying both lengths', () => {
    const data = seedData();
    data.units[0].name = 'a'.repeat(300);
    data.items[0].title = 'a'.repeat(1000);
    data.items[0].description = 'a'.repeat(5000);
    data.bloc.planReference = 'a'.repeat(500);
    expect(() => parseBlocConfig(data, 'bloc.yaml')).not.toThrow();
    data.units[0].name += 'a';
    data.units[1].head = 'a'.repeat(301);
    data.items[0].title += 'a';
    data.items[0].description += 'a';
    data.bloc.planReference += 'a';
    data.units[2].id = 'a'.repeat(65);
    data.units[3].emails = [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.vn`];
    // The value is cut to its first 60 characters: enough to find it, too short to bury the reason.
    const a60 = 'a'.repeat(60);
    expect(linesOf(data)).toEqual(
      expect.arrayContaining([
        `bloc.yaml: units[0].name = "${a60}…": dài 301 ký tự, tối đa 300 / 301 characters long, at most 300`,
        `bloc.yaml: units[1].head = "${a60}…": dài 301 ký tự, tối đa 300 / 301 characters long, at most 300`,
        `bloc.yaml: items[0].title = "${a60}…": dài 1001 ký tự, tối đa 1000 / 1001 characters long, at most 1000`,
        `bloc.yaml: items[0].description = "${a60}…": dài 5001 ký tự, tối đa 5000 / 5001 characters long, at most 5000`,
        `bloc.yaml: bloc.planReference = "${a60}…": dài 501 ký tự, tối đa 500 / 501 characters long, at most 500`,
        `bloc.yaml: units[2].id = "${a60}…": dài 65 ký tự, tối đa 64 / 65 characters long, at most 64`,
        `bloc.yaml: units[3].emails[0] = "${'a'.repeat(60)}…": dài 255 ký tự, tối đa 254 / 255 characters long, at most 254`,
      ]),
    );
  });

  it('reports the first 50 problems and counts the rest', () => {
    const data = withUnits(300);
    for (const u of data.units) u.emails = ['sai'];
    const err = errorOf(() => parseBlocConfig(data, 'bloc.yaml'));
    expect(err.total).toBe(300);
    expect(err.problems).toHaveLength(50);
    expect(err.problems[49]?.path).toBe('units[49].emails[0]');
    expect(err.message.split('\n')).toHaveLength(51);
    expect(err.message).toMatch(/\n… và 250 lỗi khác \/ 250 more$/);
  });
});

describe('files built to exhaust memory', () => {
  /** Nine "lol"s, nine times nine, ... nine to the ninth: a few hundred bytes that expand to a billion. */
  const billionLaughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((k, i) => {
      const prev = 'abcdefghi'[i];
      return `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]`;
    }),
  ].join('\n');

  it('refuses a billion laughs as a problem of the file, naming it', () => {
    const path = write('laughs.yaml', billionLaughs);
    expect(problemsOf(() => loadBlocConfig(path))).toEqual([
      { file: path, path: '', message: 'bí danh YAML (*alias) được dùng quá nhiều lần, tối đa 100 / too many YAML alias expansions, at most 100' },
    ]);
  });

  it('still reads a file that uses an anchor or two', () => {
    const path = write(
      'anchors.yaml',
      seedText
        .replace('emails: [thuky.ktd4@vpubnd.daknong.example.vn]', 'emails: &thuky [thuky.ktd4@vpubnd.daknong.example.vn]')
        .replace('cc: [thiduakhenthuong@vpubnd.daknong.example.vn]', 'cc: *thuky'),
    );
    expect(loadBlocConfig(path).units[0]?.cc).toEqual(['thuky.ktd4@vpubnd.daknong.example.vn']);
  });

  it('refuses a file over 1 MiB before reading it, with its size and the limit', () => {
    const path = write('big.yaml', seedText + '#'.repeat(MAX_FILE_BYTES + 1 - Buffer.byteLength(seedText)));
    expect(problemsOf(() => loadBlocConfig(path))).toEqual([
      {
        file: path,
        path: '',
        message: 'tệp quá lớn: 1048577 byte, tối đa 1048576 byte (1 MiB) / file too large: 1048577 bytes, at most 1048576 (1 MiB)',
      },
    ]);
  });

  it('reads a file of exactly 1 MiB', () => {
    const path = write('full.yaml', seedText + '#'.repeat(MAX_FILE_BYTES - Buffer.byteLength(seedText)));
    expect(loadBlocConfig(path).items).toHaveLength(15);
  });
});
