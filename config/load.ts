/**
 * Reading a bloc file. Every problem is reported at once, each as `FILE: path.in.doc: reason`, so that
 * whoever edits the file fixes it in one pass rather than one error per run.
 */
import { readFileSync } from 'fs';
import { extname } from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { blocConfigSchema, type BlocConfig } from './schema';

export interface ConfigProblem {
  file: string;
  /** Where in the document: `units[2].emails[0]`, or a line for a syntax error; empty for the file itself. */
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** A bloc file that cannot be used; `problems` lists everything wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
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
    return `khóa không được phép: ${issue.keys.join(', ')} / unknown key`;
  }
  return undefined;
};

export function parseBlocConfig(data: unknown, sourceName: string): BlocConfig {
  const result = blocConfigSchema.safeParse(data, { error: localized });
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

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'không tìm thấy tệp / file not found' : `không đọc được tệp / cannot read file (${code ?? String(err)})`;
    throw new ConfigError([{ file: path, path: '', message }]);
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
  return doc.toJS();
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
