/**
 * The `bloc` command as people run it against the dev server: a separate process, with the engine's worker
 * in the test's own process, and what a refusal must look like.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CLI, realClockEnv, ROOT } from './dist';

const run = promisify(execFile);

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the worker answering the CLI runs on this process's event loop. */
export async function runBloc(env: TestWorkflowEnvironment, taskQueue: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Outcome> {
  const childEnv = {
    ...realClockEnv(),
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: env.namespace ?? 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...extraEnv,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: childEnv, cwd: ROOT });
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
