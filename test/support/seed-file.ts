/**
 * The sample plan file as data to change, and what the loader says of a changed copy: the tests of the scoring
 * table and of its titles refuse one mistake at a time, and find a problem at its line in a YAML file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError, formatProblem, loadBlocConfig, parseBlocConfig } from '../../config/load';

export const SEED = 'config/blocs/dak-nong-khoi-4.yaml';
// Mutations reach anywhere into a document that has not been validated yet: it is deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

export const seedData = (): Doc => parse(readFileSync(SEED, 'utf8')) as Doc;

/** The problems of a document given as data, one line each; it must be refused. */
export function problemLines(data: Doc, file = 'bloc.yaml'): string[] {
  try {
    parseBlocConfig(data, file);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** The sample with one mistake is refused in exactly one line, which says `expected`. */
export function expectOneRefusal(mutate: (data: Doc) => void, expected: string): void {
  const data = seedData();
  mutate(data);
  const lines = problemLines(data);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(expected);
}

let dir: string | undefined;

/** The document written as YAML in a folder of its own: a file for the loader and the CLI. */
export function yamlFile(data: Doc, name: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'bloc-seed-'));
  const file = join(dir, name);
  writeFileSync(file, stringify(data));
  return file;
}

/** The problems of the document written as YAML, and the line of the file the first one points at. */
export function problemInYaml(data: Doc, name = 'bloc.yaml'): { problem: string; lineText: string | undefined } {
  const file = yamlFile(data, name);
  let problem = '';
  try {
    loadBlocConfig(file);
  } catch (err) {
    problem = (err as ConfigError).problems.map(formatProblem).join('\n');
  }
  const line = Number(/:(\d+):\d+: /.exec(problem)?.[1]);
  return { problem, lineText: readFileSync(file, 'utf8').split('\n')[line - 1] };
}
