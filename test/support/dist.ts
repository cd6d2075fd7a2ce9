/** The built engine, for tests that run its programs as separate processes (as people do). */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Sender } from '../../activities/mail/compose';
import { createComposer, type Composer } from '../../activities/mail/composer';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'client', 'cli.js');
export const WORKER = join(ROOT, 'dist', 'worker', 'main.js');
/** What `npm start` runs once it has built. */
export const START = join(ROOT, 'dist', 'scripts', 'start.js');
/** A thread runs compiled JavaScript only: the mail activity's composer thread, as `npm run build` writes it. */
export const COMPOSER_THREAD = join(ROOT, 'dist', 'activities', 'mail', 'composer-thread.js');

/** `npm test` builds before jest; a single test file run by hand builds here if it must. */
export async function ensureBuilt(): Promise<void> {
  if (![CLI, WORKER, START, COMPOSER_THREAD].every((file) => existsSync(file))) await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
}

/**
 * The environment for a program that talks to the dev server: without `faketime`'s variables, since the dev
 * server keeps real time and the program must judge "now" as the server does.
 */
export function realClockEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
}

const composers = new Map<string, Composer>();

/**
 * The composer for mail activities created in a test file, one thread per sender. Its thread, idle between
 * tests, never holds the test process open (composer.ts).
 */
export function builtComposer(from: Sender): Composer {
  const key = `${from.name} <${from.address}>`;
  const known = composers.get(key) ?? createComposer({ from, threadFile: COMPOSER_THREAD });
  composers.set(key, known);
  return known;
}
