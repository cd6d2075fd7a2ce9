/**
 * One long-running process of the cluster (PostgreSQL, a Temporal service, an engine worker): its output appended
 * to a log file, stopped by signal within a bound, killed and started again on demand (the fault test does both),
 * and never left behind when this process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses root). */
  uid?: number;
  gid?: number;
  logFile: string;
  /** How it stops cleanly: SIGTERM for Temporal and Node, SIGINT (fast shutdown) for PostgreSQL. */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export class ManagedProcess {
  private child: ChildProcess | undefined;
  private expectingExit = false;
  private tail = '';
  private onUnexpectedExit: ((err: Error) => void) | undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Rejects when the process exits without being asked to: what a supervisor races its other work against. */
  readonly failed = new Promise<never>((_, reject) => (this.onUnexpectedExit = reject));

  start(): void {
    const { spec } = this;
    const log = createWriteStream(spec.logFile, { flags: 'a' });
    // Its own process group: Ctrl-C reaches only the supervisor, which stops everything in order.
    const child = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      cwd: spec.cwd,
      uid: spec.uid,
      gid: spec.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.tail = (this.tail + chunk.toString()).slice(-2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.expectingExit = false;
    this.child = child;
    running.add(child);
    child.once('exit', (code, signal) => {
      running.delete(child);
      log.end();
      if (this.expectingExit || this.child !== child) return;
      const last = this.tail.trim().split('\n').pop() ?? '';
      this.onUnexpectedExit?.(new Error(`${spec.name} exited (${signal ?? `code ${code}`})${last && `: ${last}`} (log: ${spec.logFile})`));
    });
    this.failed.catch(() => undefined);
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The clean stop, then SIGKILL if it takes longer than its bound. */
  async stop(): Promise<void> {
    const timeout = this.spec.stopTimeoutMs ?? 15_000;
    await this.signal(this.spec.stopSignal ?? 'SIGTERM', timeout);
  }

  /** SIGKILL: the crash the fault test inflicts. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 10_000);
  }

  private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.expectingExit = true;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => {
      process.stderr.write(`cluster: ${this.spec.name} did not stop within ${timeoutMs / 1000} s; killing it\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  /** The last lines it wrote, for an error message. */
  lastLines(): string {
    return this.tail.trim().split('\n').slice(-3).join(' | ');
  }
}
