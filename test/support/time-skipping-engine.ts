/**
 * The engine on the time-skipping server, sending to a real SMTP server on loopback, with a clock the
 * test moves by local instants of the bloc's zone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear, type StartOptions } from '../../client/start-year';
import type { BlocConfig } from '../../config/schema';
import { timelineQuery } from '../../workflows/messages';
import { startEngine, type EngineOptions } from './engine';
import { FIXTURE_YEAR } from './fixtures';
import { whenPlanned } from './planned';
import { startTestSmtpServer, type TestSmtpServer } from './smtp';
import { createTimeSkippingEnv, PROVISION_TIMEOUT_MS } from './temporal';

export const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Where every engine's clock starts, whatever today's date: a month before the fixture year. The test
 * server's own clock starts at the real present and only moves forward, and it gives a workflow ten years
 * at most, so a fixed fixture year is reached by skipping to a fixed instant first.
 */
export const TEST_EPOCH = `${FIXTURE_YEAR - 1}-12-01T00:00`;

export interface TimeSkippingEngine {
  env: TestWorkflowEnvironment;
  smtp: TestSmtpServer;
  taskQueue: string;
  /** Skips the server's clock to an instant, or to a local time of the bloc's zone. */
  advanceTo(at: Date | string): Promise<void>;
  /** The server's present, read through this process's clock (it runs on between skips, as the server's does). */
  clock(): number;
  /**
   * Starts a bloc's year on this engine, judged by the server's clock (as `bloc start` judges by the machine's),
   * and returns once the year has planned itself: a query before that is answered "being planned".
   */
  startYear(config: BlocConfig, year: number, opts?: Partial<StartOptions>): ReturnType<typeof startBlocYear>;
  /** Who received what since the last look, as "sorted envelope addresses: subject", sorted. */
  received(): string[];
  /** Stops the worker and starts another on the same task queue, as a deployment of a new release does. */
  replaceWorker(opts: Omit<EngineOptions, 'taskQueue'>): Promise<void>;
  shutdown(): Promise<void>;
}

/** `opts` are the first worker's (the units' links its mail carries, say); a replaced worker keeps them. */
export async function startTimeSkippingEngine(first: Omit<EngineOptions, 'taskQueue'> = {}): Promise<TimeSkippingEngine> {
  const [env, smtp] = await Promise.all([createTimeSkippingEnv(), startTestSmtpServer()]);
  let engine = await startEngine(env, smtp.url, first);
  let offset = 0;
  const advanceTo = async (at: Date | string) => {
    const target = typeof at === 'string' ? DateTime.fromISO(at, { zone: ZONE }).toMillis() : at.getTime();
    const now = await env.currentTimeMs();
    if (target > now) await env.sleep(target - now);
    offset = (await env.currentTimeMs()) - Date.now();
  };
  await advanceTo(TEST_EPOCH);
  return {
    env,
    smtp,
    taskQueue: engine.taskQueue,
    advanceTo,
    clock: () => Date.now() + offset,
    async startYear(config, year, opts = {}) {
      const started = await startBlocYear(env.client, config, year, { taskQueue: engine.taskQueue, now: new Date(await env.currentTimeMs()), ...opts });
      await whenPlanned(() => env.client.workflow.getHandle(started.workflowId).query(timelineQuery));
      return started;
    },
    received() {
      const seen = smtp.messages.map((m) => `${[...m.envelope.to].sort().join(',')}: ${m.subject}`);
      smtp.reset();
      return seen.sort();
    },
    async replaceWorker(opts) {
      await engine.shutdown({ replay: false });
      engine = await startEngine(env, smtp.url, { ...first, ...opts, taskQueue: engine.taskQueue });
    },
    async shutdown() {
      await engine.shutdown();
      await Promise.all([env.teardown(), smtp.close()]);
    },
  };
}

/** One engine for the test file: started before its tests, shut down after them. */
export function useTimeSkippingEngine(opts: Omit<EngineOptions, 'taskQueue'> = {}): () => TimeSkippingEngine {
  let engine: TimeSkippingEngine | undefined;
  beforeAll(async () => {
    engine = await startTimeSkippingEngine(opts);
  }, PROVISION_TIMEOUT_MS);
  afterAll(() => engine?.shutdown());
  return () => {
    if (!engine) throw new Error('the engine is not started: call useTimeSkippingEngine() at the top of the test file');
    return engine;
  };
}
