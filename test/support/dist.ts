/** The built engine, for tests that run its programs as separate processes (as people do). */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'client', 'cli.js');
export const WORKER = join(ROOT, 'dist', 'worker', 'main.js');
/** What `npm start` runs once it has built. */
export const START = join(ROOT, 'dist', 'scripts', 'start.js');

/** `npm test` builds before jest; a single test file run by hand builds here if it must. */
export async function ensureBuilt(): Promise<void> {
  if (![CLI, WORKER, START].every((file) => existsSync(file))) await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
}

/**
 * The environment for a program that talks to the dev server: without `faketime`'s variables, since the dev
 * server keeps real time and the program must judge "now" as the server does.
 */
export function realClockEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
}
