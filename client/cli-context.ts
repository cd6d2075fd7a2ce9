/**
 * What a `bloc` command reads from and writes to the world: its environment, its streams and its clock. A
 * process has one (its own); a program that runs the CLI in-process (the tests, which run a hundred commands
 * against one server) gives each run its own, and every await inside that run sees it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): AsyncIterable<Buffer | string>;
  /** The instant "now" means when a command is not told `--at`. */
  now(): number;
}

const PROCESS: CliContext = {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => process.stdin,
  now: () => Date.now(),
};

const current = new AsyncLocalStorage<CliContext>();

/** The context of the command running now: its own if it was given one, else the process's. */
export function cli(): CliContext {
  return current.getStore() ?? PROCESS;
}

export function runInContext<T>(context: CliContext, run: () => Promise<T>): Promise<T> {
  return current.run(context, run);
}
