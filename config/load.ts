/**
 * Reading a bloc file. Every problem is reported at once, each on one line a person can act on: in a YAML
 * file its line and column, where it lies in words (`đơn vị "so-tu-phap" (thứ 3), emails thứ 1`) and the
 * value written there; in a JSON file, which is written by programs, its path (`units[2].emails[0]`) and
 * the value. A YAML syntax error stops at the first: what the parser says after it is mostly its echo.
 */
import { closeSync, fstatSync, openSync, readSync } from 'fs';
import { extname } from 'path';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type ErrorCode } from 'yaml';
import { issueInWords } from './issue-words';
import { blocConfigSchema, blocConfigSizeSchema, type BlocConfig } from './schema';
import { describePath, escapeLineBreakers, formatPath, shownValue, valueAt } from './where';

export { formatPath } from './where';

/** The sample is 13 KiB: 1 MiB is room for a bloc far larger than any real one. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * A person fixes a file from the first problems; thousands of lines (a generated file, a wrong column)
 * would bury them. The count of the rest is still given.
 */
export const MAX_REPORTED_PROBLEMS = 50;
/** The `yaml` package's own default, stated: a few anchors are fine, a billion laughs is not. */
const MAX_YAML_ALIASES = 100;
/**
 * The top-level key that marks a template (the demonstration bloc), whose times are filled in when it
 * starts: loaded as it stands, it would fail on every placeholder instead of saying what it is.
 */
export const TEMPLATE_KEY = 'demonstration';

export interface ConfigProblem {
  file: string;
  /** Where in the document, as a program reads it: `units[2].emails[0]`; empty for the file itself. */
  path: string;
  /** The same place for a person, in a YAML file: `đơn vị "so-tu-phap" (thứ 3), emails thứ 1`. */
  where?: string;
  /** In a YAML file (and a JSON file's syntax error); both count from 1. */
  line?: number;
  column?: number;
  /** The offending value as written, when it is text, a number or true/false. */
  value?: string;
  message: string;
}

/**
 * `bloc.yaml:42:14: đơn vị "so-tu-phap" (thứ 3), emails thứ 1 = "vanthu.stp": <reason>`, the form that
 * editors and terminals turn into a link to the line. One line whatever the file holds: a key or a
 * parser's message may carry a line break.
 */
export function formatProblem(p: ConfigProblem): string {
  const at = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const place = `${p.where ?? p.path}${p.value === undefined ? '' : ` = ${p.value}`}`;
  return escapeLineBreakers(place ? `${at}: ${place}: ${p.message}` : `${at}: ${p.message}`);
}

/**
 * A bloc file that cannot be used. `problems` holds the first MAX_REPORTED_PROBLEMS of them, `total`
 * counts them all.
 */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  readonly total: number;
  constructor(problems: ConfigProblem[]) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    const more = problems.length - shown.length;
    super([...shown.map(formatProblem), ...(more > 0 ? [`… và ${more} lỗi khác / ${more} more`] : [])].join('\n'));
    this.name = 'ConfigError';
    this.problems = shown;
    this.total = problems.length;
  }
}

interface Position {
  line: number;
  column: number;
}

/** A file's data and, for YAML, where each of its nodes was written. */
interface Source {
  file: string;
  data: unknown;
  /** Where the node at `path` was written, or the key `key` of the mapping there. */
  positionOf?: (path: readonly PropertyKey[], key?: string) => Position;
}

function problemAt(src: Source, path: readonly PropertyKey[], message: string, key?: string): ConfigProblem {
  const value = key === undefined ? shownValue(valueAt(src.data, path)) : undefined;
  return {
    file: src.file,
    path: formatPath(path),
    ...(src.positionOf && { where: describePath(path, src.data), ...src.positionOf(path, key) }),
    ...(value !== undefined && { value }),
    message,
  };
}

const TEMPLATE_MESSAGE =
  'đây là bản mẫu: npm start điền các mốc {{…}} theo lúc khởi động, không dùng trực tiếp được / ' +
  'a template: npm start fills in its {{…}} times when it starts; it cannot be used as it stands';

function validate(src: Source): BlocConfig {
  if (typeof src.data === 'object' && src.data !== null && TEMPLATE_KEY in src.data) {
    throw new ConfigError([problemAt(src, [TEMPLATE_KEY], TEMPLATE_MESSAGE)]);
  }
  // Too many units or items is the whole story: say it in one line before reading each of them.
  const size = blocConfigSizeSchema.safeParse(src.data);
  const result = size.success ? blocConfigSchema.safeParse(src.data, { error: issueInWords }) : size;
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    // An unknown key is shown where it is written, not where its mapping begins.
    problemAt(src, issue.path, issue.message, issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined),
  );
  // In the order of the file, as its editor reads it; the schema checks fields before cross-references.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new ConfigError(problems);
}

/** A bloc given as data (a fixture, a file read elsewhere); `sourceName` names it in the problems. */
export function parseBlocConfig(data: unknown, sourceName: string): BlocConfig {
  return validate({ file: sourceName, data });
}

export interface LoadOptions {
  /**
   * Turns the data as read into the data to validate (a template's placeholders into values). Problems
   * still point into the file as written.
   */
  prepare?: (data: unknown) => unknown;
}

export function loadBlocConfig(path: string, opts: LoadOptions = {}): BlocConfig {
  const src = readSource(path);
  return validate(opts.prepare ? { ...src, data: opts.prepare(src.data) } : src);
}

/**
 * A problem at `path` of a file loaded before, found by someone else (a workflow refusing the file's
 * decisions), worded as the loader words its own; with the path alone if the file cannot be read again.
 */
export function problemInFile(file: string, path: readonly PropertyKey[], message: string): ConfigProblem {
  let src: Source = { file, data: undefined };
  try {
    src = readSource(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
  }
  return problemAt(src, path, message);
}

/**
 * YAML typed rather than read from a file (the web console's form): its data, and a problem at a path worded
 * as the loader words a file's, `name` standing for the file. A syntax error throws ConfigError, as for a file.
 */
export function readYamlText(text: string, name: string): { data: unknown; problemAt: (path: readonly PropertyKey[], message: string) => ConfigProblem } {
  const src = parseYaml(text, name);
  return { data: src.data, problemAt: (path, message) => problemAt(src, path, message) };
}

function readSource(path: string): Source {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new ConfigError([{ file: path, path: '', message: 'chỉ đọc tệp .yaml, .yml, .json / only .yaml, .yml and .json files' }]);
  }
  const text = readText(path);
  return ext === '.json' ? { file: path, data: parseJson(text, path) } : parseYaml(text, path);
}

/**
 * The file's text, refused unread when larger than MAX_FILE_BYTES. Reading stops at the limit even when
 * the size is not known beforehand (a pipe, a device), so nothing large is ever held in memory.
 */
function readText(path: string): string {
  const fail = (message: string): never => {
    throw new ConfigError([{ file: path, path: '', message }]);
  };
  const tooLarge = (vi: string, en: string) =>
    fail(`tệp quá lớn: ${vi} byte, tối đa ${MAX_FILE_BYTES} byte (1 MiB) / file too large: ${en} bytes, at most ${MAX_FILE_BYTES} (1 MiB)`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : `không đọc được tệp / cannot read file (${code ?? String(err)})`);
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) tooLarge(String(size), String(size));
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.toString('utf8', 0, length);
      length += n;
    }
    return tooLarge(`hơn ${MAX_FILE_BYTES}`, `more than ${MAX_FILE_BYTES}`);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`không đọc được tệp / cannot read file (${code ?? String(err)})`);
  } finally {
    closeSync(fd);
  }
}

function positionAt(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/**
 * What the parser's commonest complaints mean to someone who slipped on an indent or a colon; its own
 * words follow, in English.
 */
const YAML_HINTS: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'thụt lề lệch: các khóa cùng cấp phải bắt đầu ở cùng một cột',
  TAB_AS_INDENT: 'thụt lề bằng phím Tab; hãy dùng dấu cách',
  BLOCK_AS_IMPLICIT_KEY: 'thụt lề sai, hoặc thiếu dấu cách sau dấu hai chấm (khóa: giá trị)',
  MULTILINE_IMPLICIT_KEY: 'thụt lề sai, hoặc thiếu dấu cách sau dấu hai chấm (khóa: giá trị)',
  UNEXPECTED_TOKEN: 'nội dung không đúng chỗ, thường do thụt lề sai ở dòng này hoặc ở một dòng phía trên',
  MISSING_CHAR: 'thiếu dấu đóng (ngoặc hoặc dấu nháy)',
  DUPLICATE_KEY: 'một khóa được viết hai lần',
  MULTIPLE_DOCS: 'tệp chỉ được có một tài liệu YAML (bỏ dòng ---)',
  BAD_DQ_ESCAPE: 'ký tự thoát sai trong chuỗi đặt trong dấu nháy kép',
};

/**
 * The first syntax error, and a count of the rest: one slip (a key indented two spaces) makes the parser
 * complain about every line after it, hundreds of lines that all go once the slip is fixed. When the
 * slip is the file's first key indented, the parser only stumbles at the next key at column 1, so the
 * first key is named instead.
 */
function syntaxProblems(doc: Document, lines: LineCounter, file: string): ConfigProblem[] {
  const errors = doc.errors;
  const root = isMap(doc.contents) ? doc.contents.range?.[0] : undefined;
  const indentedRoot = root !== undefined && positionAt(lines, root).column > 1 ? root : undefined;
  const [first] = errors;
  if (!first) return [];
  const hint = YAML_HINTS[first.code];
  const problems: ConfigProblem[] = [
    indentedRoot === undefined
      ? {
          file,
          path: '',
          ...positionAt(lines, first.pos[0]),
          message: `lỗi cú pháp YAML${hint ? `: ${hint}` : ''} / YAML syntax error: ${first.message}`,
        }
      : {
          file,
          path: '',
          ...positionAt(lines, indentedRoot),
          message:
            'lỗi cú pháp YAML: khóa đầu tiên bị thụt lề, mà các khóa ngoài cùng (bloc, units, items…) phải bắt đầu ở cột 1 / ' +
            'YAML syntax error: the first key is indented; top-level keys (bloc, units, items…) start at column 1',
        },
  ];
  const n = indentedRoot === undefined ? errors.length - 1 : errors.length;
  if (n > 0) {
    problems.push({
      file,
      path: '',
      message: `còn ${n} lỗi cú pháp sau lỗi này, thường chỉ do nó mà ra: sửa nó rồi kiểm tra lại / ${n} more syntax errors after it, usually its echo: fix it and check again`,
    });
  }
  return problems;
}

/**
 * Where the node at `path` was written. A value is shown where it stands; a list, a mapping, an empty
 * value or a refused key, by its key; what is missing, by the mapping that lacks it.
 */
function yamlPositions(doc: Document, lines: LineCounter): NonNullable<Source['positionOf']> {
  return (path, key) => {
    const steps = key === undefined ? path : [...path, key];
    let node: unknown = doc.contents;
    let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
    for (const [i, seg] of steps.entries()) {
      if (isAlias(node)) node = node.resolve(doc);
      let keyOffset: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
      } else {
        break;
      }
      const refusedKey = key !== undefined && i === steps.length - 1;
      const byKey = refusedKey || !isScalar(node) || node.value === null;
      offset = (byKey ? keyOffset : undefined) ?? (isNode(node) ? node.range?.[0] : undefined) ?? offset;
    }
    return positionAt(lines, offset);
  };
}

function parseYaml(text: string, file: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) throw new ConfigError(syntaxProblems(doc, lines, file));
  // toJS() expands aliases and throws a plain Error when they multiply (a "billion laughs"), or when one
  // points nowhere; either way it is the file's fault, and the person must hear which file.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const reason = (err as Error).message ?? String(err);
    const message = /alias count/i.test(reason)
      ? `bí danh YAML (*alias) được dùng quá nhiều lần, tối đa ${MAX_YAML_ALIASES} / too many YAML alias expansions, at most ${MAX_YAML_ALIASES}`
      : `không đọc được YAML / cannot read YAML: ${reason}`;
    throw new ConfigError([{ file, path: '', message }]);
  }
  return { file, data, positionOf: yamlPositions(doc, lines) };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const position = /at position (\d+)/.exec(message);
    let where: Position | undefined;
    if (position) {
      const lines = new LineCounter();
      lines.addNewLine(0);
      [...text.matchAll(/\n/g)].forEach((m) => lines.addNewLine(m.index + 1));
      where = positionAt(lines, Number(position[1]));
    }
    throw new ConfigError([{ file, path: '', ...where, message: `lỗi cú pháp JSON / JSON syntax error: ${message}` }]);
  }
}
