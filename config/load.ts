/**
 * Reading a bloc file. Every problem is reported at once, each as `FILE: path.in.doc: reason`, so that
 * whoever edits the file fixes it in one pass rather than one error per run.
 */
import { closeSync, fstatSync, openSync, readSync } from 'fs';
import { extname } from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { blocConfigSchema, blocConfigSizeSchema, type BlocConfig } from './schema';

/** The sample is 13 KiB: 1 MiB is room for a bloc far larger than any real one. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * A person fixes a file from the first problems; thousands of lines (a generated file, a wrong column)
 * would bury them. The count of the rest is still given.
 */
export const MAX_REPORTED_PROBLEMS = 50;
/** The `yaml` package's own default, stated: a few anchors are fine, a billion laughs is not. */
const MAX_YAML_ALIASES = 100;

export interface ConfigProblem {
  file: string;
  /** Where in the document: `units[2].emails[0]`, or a line for a syntax error; empty for the file itself. */
  path: string;
  message: string;
}

/** One line per problem whatever the file holds: a key or a parser's message may carry a line break. */
export function formatProblem(p: ConfigProblem): string {
  return oneLine(p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`);
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
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

/** `units[2].emails[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}

/** Vietnamese first for the messages the schema does not word itself. */
const localized: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'bắt buộc / required' : `sai kiểu, cần ${issue.expected} / expected ${issue.expected}`;
  }
  if (issue.code === 'unrecognized_keys') {
    // The keys are the file's own text: cut short, so that a pasted paragraph does not become the message.
    const keys = issue.keys.slice(0, 5).map((k) => (k.length > 60 ? `${k.slice(0, 60)}…` : k));
    const more = issue.keys.length > keys.length ? `, … (+${issue.keys.length - keys.length})` : '';
    return `khóa không được phép: ${keys.join(', ')}${more} / unknown key`;
  }
  return undefined;
};

export function parseBlocConfig(data: unknown, sourceName: string): BlocConfig {
  // Too many units or items is the whole story: say it in one line before reading each of them.
  const size = blocConfigSizeSchema.safeParse(data);
  const result = size.success ? blocConfigSchema.safeParse(data, { error: localized }) : size;
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({ file: sourceName, path: formatPath(issue.path), message: issue.message })),
  );
}

export function loadBlocConfig(path: string): BlocConfig {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new ConfigError([{ file: path, path: '', message: 'chỉ đọc tệp .yaml, .yml, .json / only .yaml, .yml and .json files' }]);
  }
  return parseBlocConfig(ext === '.json' ? parseJson(readText(path), path) : parseYaml(readText(path), path), path);
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

function lineAt(lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `dòng ${line}, cột ${col} / line ${line}, column ${col}`;
}

function parseYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({ file, path: lineAt(lines, e.pos[0]), message: `lỗi cú pháp YAML / YAML syntax error: ${e.message}` })),
    );
  }
  // toJS() expands aliases and throws a plain Error when they multiply (a "billion laughs"), or when one
  // points nowhere; either way it is the file's fault, and the person must hear which file.
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const reason = (err as Error).message ?? String(err);
    const message = /alias count/i.test(reason)
      ? `bí danh YAML (*alias) được dùng quá nhiều lần, tối đa ${MAX_YAML_ALIASES} / too many YAML alias expansions, at most ${MAX_YAML_ALIASES}`
      : `không đọc được YAML / cannot read YAML: ${reason}`;
    throw new ConfigError([{ file, path: '', message }]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = (err as Error).message;
    const position = /at position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const lines = new LineCounter();
      lines.addNewLine(0);
      [...text.matchAll(/\n/g)].forEach((m) => lines.addNewLine(m.index + 1));
      where = lineAt(lines, Number(position[1]));
    }
    throw new ConfigError([{ file, path: where, message: `lỗi cú pháp JSON / JSON syntax error: ${message}` }]);
  }
}
