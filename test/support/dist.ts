/** The built engine, for tests that run its programs as separate processes (as people do) or load its bundle. */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Sender } from '../../activities/mail/compose';
import { createComposer, type Composer } from '../../activities/mail/composer';
import { WORKFLOW_BUNDLE_FILE } from '../../worker/workflow-bundle';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'client', 'cli.js');
export const WORKER = join(ROOT, 'dist', 'worker', 'main.js');
/** What `npm start` runs once it has built. */
export const START = join(ROOT, 'dist', 'scripts', 'start.js');
/** A thread runs compiled JavaScript only: the mail activity's composer thread, as `npm run build` writes it. */
export const COMPOSER_THREAD = join(ROOT, 'dist', 'activities', 'mail', 'composer-thread.js');
/** The engine's workflows as every worker loads them (worker/workflow-bundle.ts). */
export const WORKFLOW_BUNDLE = join(ROOT, 'dist', WORKFLOW_BUNDLE_FILE);

/** The folders `npm run build` compiles (tsconfig.build.json), whose sources the built files must postdate. */
const SOURCES = ['activities', 'calendar', 'client', 'config', 'documents', 'scripts', 'web', 'worker', 'workflows'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function oldestBuilt(): number {
  try {
    return Math.min(...[CLI, WORKER, START, COMPOSER_THREAD, WORKFLOW_BUNDLE].map((file) => statSync(file).mtimeMs));
  } catch {
    return 0;
  }
}

/**
 * `npm test` builds before jest; a test file run by hand after an edit builds here (jest's global setup), so
 * that no test runs a worker process or a bundle older than the code beside it.
 */
export async function ensureBuilt(log: (line: string) => void = () => {}): Promise<void> {
  const newest = Math.max(...SOURCES.map((dir) => newestSource(join(ROOT, dir))));
  if (oldestBuilt() >= newest) return;
  log('the build is older than the sources: npm run build');
  await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
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
