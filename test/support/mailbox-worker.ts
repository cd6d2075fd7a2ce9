/**
 * The mailbox's worker in a test: the real mailbox activities (activities/mailbox/pass.ts) on the engine's
 * mailbox task queue, reading a GreenMail mailbox and keeping documents under `storeDir`. `wrap` lets a test put
 * a fault around them (a worker that dies after its work is done).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createMailboxActivities } from '../../activities/mailbox/pass';
import { ENGINE_WORKER_OPTIONS } from '../../worker/options';
import { mailboxTaskQueueOf, mailboxStatusQuery, checkMailNow, mailboxWorkflowId, type MailboxStatus } from '../../workflows/mailbox-messages';
import { MiB } from './documents';
import type { TestMailbox } from './greenmail';

type MailboxActivities = ReturnType<typeof createMailboxActivities>;

export interface MailboxWorker {
  /** Asks for a pass now and waits until one has ended after the ask, its recorded messages marked. */
  aPass(): Promise<MailboxStatus>;
  stop(): Promise<void>;
}

export async function startMailboxWorker(opts: {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  mailbox: TestMailbox;
  storeDir: string;
  wrap?: (real: MailboxActivities) => MailboxActivities;
}): Promise<MailboxWorker> {
  const { env, mailbox } = opts;
  const real = createMailboxActivities({
    client: env.client,
    settings: mailbox.settings(),
    store: { dir: opts.storeDir, maxBytes: 10 * MiB, linkBytesPerDay: 50 * MiB },
    // The engine's sender in tests (test/support/engine.ts).
    domain: 'khoi.example.vn',
  });
  const activities = opts.wrap ? opts.wrap(real) : real;
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: mailboxTaskQueueOf(opts.taskQueue), activities, ...ENGINE_WORKER_OPTIONS });
  const running = worker.run();
  const handle = () => env.client.workflow.getHandle(mailboxWorkflowId(mailbox.settings()));
  return {
    async aPass() {
      const before = (await handle().query(mailboxStatusQuery)).lastPass?.at;
      await handle().signal(checkMailNow);
      for (let i = 0; i < 300; i++) {
        const status = await handle().query(mailboxStatusQuery);
        if (status.lastPass && status.lastPass.at !== before && status.toMark === 0) return status;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('no pass ended within a minute');
    },
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
