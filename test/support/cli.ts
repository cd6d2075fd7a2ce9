/**
 * The `bloc` command as people run it, and what a refusal must look like. Most tests run it in this process
 * (client/cli-context.ts: its own environment, streams and clock), which costs milliseconds where a process
 * costs a second; `spawnBloc` runs the built program as a separate process, for what only a process shows
 * (its exit status, its streams, its start-up).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { main } from '../../client/cli';
import { runInContext } from '../../client/cli-context';
import { CLI, realClockEnv, ROOT } from './dist';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BlocRun {
  /** Variables on top of this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** The command's "now"; default this process's clock. Tests on the dev server give the server's. */
  now?: () => number;
  /** What the command reads on stdin. */
  stdin?: string;
}

/** `bloc ARGS` in this process, as a person would type it in a shell with that environment. */
export async function bloc(args: string[], run: BlocRun = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await runInContext(
    {
      env: { ...process.env, ...run.env },
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      stdin: async function* () {
        if (run.stdin !== undefined) yield Buffer.from(run.stdin);
      },
      now: run.now ?? Date.now,
    },
    () => main(['node', 'bloc', ...args]),
  );
  return { code, stdout, stderr };
}

/** The environment that points the CLI at a test server and an engine's task queue. */
export function temporalEnv(env: TestWorkflowEnvironment, taskQueue: string): NodeJS.ProcessEnv {
  return { TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default', TEMPORAL_TASK_QUEUE: taskQueue };
}

/** `bloc ARGS` against a test server, with the engine's worker answering in this process. */
export function runBloc(env: TestWorkflowEnvironment, taskQueue: string, args: string[], run: BlocRun = {}): Promise<Outcome> {
  return bloc(args, { ...run, env: { ...temporalEnv(env, taskQueue), ...run.env } });
}

/**
 * The built `bloc` as a separate process, on the real clock (the dev server keeps it). Asynchronous on
 * purpose: a worker answering it may run on this process's event loop.
 */
export async function spawnBloc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...realClockEnv(), ...env }, cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** A refusal a person can read: exactly one line, no stack trace. */
export function expectOneLine(outcome: Outcome, code: number, ...parts: string[]): void {
  expect(outcome.code).toBe(code);
  expect(lines(outcome.stderr)).toHaveLength(1);
  for (const part of parts) expect(outcome.stderr).toContain(part);
}
