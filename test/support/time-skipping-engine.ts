/**
 * The engine on the time-skipping server: a worker with the real mail activities, sending to a real
 * SMTP server on loopback, and a clock the test moves by local instants of the bloc's zone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { createActivities } from '../../activities';
import { smtpSettingsFromEnv } from '../../activities/mail/settings';
import { startTestSmtpServer, type TestSmtpServer } from './smtp';
import { bundleWorkflows, createTimeSkippingEnv } from './temporal';

export const ZONE = 'Asia/Ho_Chi_Minh';

export interface TimeSkippingEngine {
  env: TestWorkflowEnvironment;
  smtp: TestSmtpServer;
  taskQueue: string;
  /** Skips the server's clock to a local instant of the bloc's zone. */
  advanceTo(localIso: string): Promise<void>;
  /** Who received what since the last look, as "sorted envelope addresses: subject", sorted. */
  received(): string[];
  shutdown(): Promise<void>;
}

export async function startTimeSkippingEngine(taskQueue: string): Promise<TimeSkippingEngine> {
  const [env, smtp] = await Promise.all([createTimeSkippingEnv(), startTestSmtpServer()]);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createActivities({
      settings: smtpSettingsFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'Khối thi đua <khoi@khoi.example.vn>', SMTP_RATE_PER_SECOND: '1000' }),
    }),
  });
  const running = worker.run();
  return {
    env,
    smtp,
    taskQueue,
    async advanceTo(localIso) {
      const target = DateTime.fromISO(localIso, { zone: ZONE }).toMillis();
      const now = await env.currentTimeMs();
      if (target > now) await env.sleep(target - now);
    },
    received() {
      const seen = smtp.messages.map((m) => `${[...m.envelope.to].sort().join(',')}: ${m.subject}`);
      smtp.reset();
      return seen.sort();
    },
    async shutdown() {
      worker.shutdown();
      await running;
      await Promise.all([env.teardown(), smtp.close()]);
    },
  };
}
