/**
 * The mailbox's worker in a test: the real mailbox activities (activities/mailbox/pass.ts) on the engine's
 * mailbox task queue, reading a GreenMail mailbox and keeping documents under `storeDir`. `wrap` lets a test put
 * a fault around them (a worker that dies after its work is done).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createMailboxActivities } from '../../activities/mailbox/pass';
import { ENGINE_WORKER_OPTIONS } from '../../worker/options';
import { mailboxTaskQueueOf, mailboxStatusQuery, checkMailNow, mailboxWorkflowId, type MailboxStatus } from '../../workflows/mailbox-messages';
import { MiB } from './documents';
import { startTestMailbox, type TestMailbox } from './greenmail';

type MailboxActivities = ReturnType<typeof createMailboxActivities>;

export interface MailboxWorker {
  /** Asks for a pass now and waits until one has ended after the ask, its recorded messages marked. */
  aPass(): Promise<MailboxStatus>;
  stop(): Promise<void>;
}

async function startMailboxWorker(opts: {
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

export interface MailboxFixture {
  mailbox(): TestMailbox;
  /** The mailbox's worker for the engine on `env`, stopped after the file's tests. */
  startWorker(env: TestWorkflowEnvironment, taskQueue: string, wrap?: (real: MailboxActivities) => MailboxActivities): Promise<MailboxWorker>;
}

/**
 * GreenMail and the documents' folder for the test file, with the mailbox's worker once started. Call it before
 * the engine's own hooks are set (useTimeSkippingEngine), so that Jest stops this worker before the engine it is
 * connected to.
 */
export function useMailbox(): MailboxFixture {
  let mailbox: TestMailbox | undefined;
  let worker: MailboxWorker | undefined;
  const storeDir = mkdtempSync(join(tmpdir(), 'mailbox-store-'));
  beforeAll(async () => {
    mailbox = await startTestMailbox();
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await mailbox?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });
  const started = () => {
    if (!mailbox) throw new Error('the mailbox is not started: call useMailbox() at the top of the test file');
    return mailbox;
  };
  return {
    mailbox: started,
    async startWorker(env, taskQueue, wrap) {
      worker = await startMailboxWorker({ env, taskQueue, mailbox: started(), storeDir, ...(wrap && { wrap }) });
      return worker;
    },
  };
}
