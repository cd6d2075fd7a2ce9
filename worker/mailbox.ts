/**
 * The bloc's mailbox on the worker (docs/mailbox.md): with IMAP_URL set, a worker for the mailbox activities on
 * their own task queue, and the mailbox workflow started once, whatever how many workers start or restart.
 */
import { Client, Connection } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createMailboxActivities, type MailboxActivityDeps } from '../activities/mailbox/pass';
import { ImapSettingsError, type ImapSettings } from '../activities/mailbox/settings';
import { idSchema } from '../config/bounded-text';
import { mailboxTaskQueueOf, mailboxWorkflowId, serveBlocs } from '../workflows/mailbox-messages';
import type { blocMailbox } from '../workflows/mailbox';
import type { UploadStore } from '../web/uploads';
import { dataConverter } from './data-converter';
import { ENGINE_WORKER_OPTIONS } from './options';
import type { TemporalSettings } from './settings';

export interface MailboxService {
  /** IMAP_BLOCS: the blocs whose mail arrives in this mailbox, by id. */
  blocs: string[];
  /** IMAP_POLL_SECONDS: between passes (default 120). */
  pollMs: number;
  /** IMAP_AUTHSERV_ID: the receiving servers whose Authentication-Results count (comma-separated). */
  trustedAuthServIds?: string[];
}

const DEFAULT_POLL_SECONDS = 120;

const listOf = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Read only when IMAP_URL is set; every problem named by its variable, at once. */
export function mailboxServiceFromEnv(env: NodeJS.ProcessEnv = process.env): MailboxService {
  const problems: string[] = [];
  const blocs = listOf(env.IMAP_BLOCS);
  if (blocs.length === 0) problems.push('IMAP_BLOCS: cần mã các Khối đọc hộp thư này, cách nhau bằng dấu phẩy / the ids of the blocs this mailbox serves, comma-separated');
  for (const id of blocs.filter((b) => !idSchema.safeParse(b).success)) problems.push(`IMAP_BLOCS: "${id}" không phải mã Khối / is not a bloc id`);
  const poll = env.IMAP_POLL_SECONDS?.trim() || String(DEFAULT_POLL_SECONDS);
  const seconds = Number(poll);
  if (!/^\d{1,6}$/.test(poll) || seconds < 10 || seconds > 86_400) problems.push('IMAP_POLL_SECONDS: phải là số giây từ 10 đến 86400 / must be a whole number of seconds from 10 to 86400');
  if (problems.length > 0) throw new ImapSettingsError(problems);
  const trusted = listOf(env.IMAP_AUTHSERV_ID);
  return { blocs, pollMs: seconds * 1000, ...(trusted.length > 0 && { trustedAuthServIds: trusted }) };
}

/**
 * Starts the mailbox's workflow unless it runs already, and tells it the blocs it serves: a worker restarted, or a
 * second worker, finds it running and leaves its state be.
 */
export async function startMailbox(client: Client, opts: { settings: ImapSettings; service: MailboxService; taskQueue: string }): Promise<string> {
  const workflowId = mailboxWorkflowId(opts.settings);
  await client.workflow.signalWithStart<typeof blocMailbox, [string[]]>('blocMailbox', {
    workflowId,
    taskQueue: opts.taskQueue,
    args: [{ mailbox: workflowId, blocs: opts.service.blocs, pollMs: opts.service.pollMs }],
    signal: serveBlocs,
    signalArgs: [opts.service.blocs],
  });
  return workflowId;
}

export async function createMailboxWorker(opts: { connection: NativeConnection; namespace: string; taskQueue: string } & MailboxActivityDeps): Promise<Worker> {
  const { connection, namespace, taskQueue, ...deps } = opts;
  return Worker.create({
    connection,
    namespace,
    taskQueue: mailboxTaskQueueOf(taskQueue),
    activities: createMailboxActivities(deps),
    // One pass and the records it makes at a time are plenty; more would only open more IMAP connections.
    maxConcurrentActivityTaskExecutions: 4,
    ...ENGINE_WORKER_OPTIONS,
  });
}

export interface MailboxRun {
  /** Connects its client, starts its worker and the workflow (once), and settles when its worker has stopped. */
  run(): Promise<void>;
  /** Settles once `run` has started the workflow and told it its blocs, or failed to. */
  started: Promise<void>;
  shutdown(): void;
}

/** The mailbox beside the engine's workers: nothing connects before `run`, so one never run leaves nothing open. */
export function mailboxRun(opts: { connection: NativeConnection; temporal: TemporalSettings; imap: ImapSettings; service: MailboxService; domain: string; store: UploadStore }): MailboxRun {
  const { namespace, taskQueue } = opts.temporal;
  let worker: Worker | undefined;
  let stopped = false;
  let onStarted!: () => void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const start = async (client: Client) => {
    try {
      const { trustedAuthServIds } = opts.service;
      worker = await createMailboxWorker({ connection: opts.connection, namespace, taskQueue, client, settings: opts.imap, store: opts.store, domain: opts.domain, ...(trustedAuthServIds && { trustedAuthServIds }) });
      await startMailbox(client, { settings: opts.imap, service: opts.service, taskQueue });
      return worker;
    } finally {
      onStarted();
    }
  };
  return {
    started,
    async run() {
      const clientConnection = await Connection.connect(opts.temporal.connection).catch((err: unknown) => {
        onStarted();
        throw err;
      });
      try {
        const ready = await start(new Client({ connection: clientConnection, namespace, dataConverter }));
        if (!stopped) await ready.run();
      } finally {
        await clientConnection.close();
      }
    },
    shutdown() {
      stopped = true;
      if (worker?.getState() === 'RUNNING') worker.shutdown();
    },
  };
}

/**
 * Waits for the engine's workers and the mailbox's to stop; one failing stops the other first, so that nothing
 * still runs on the connection when it is closed.
 */
export async function untilBothStopped(engine: Promise<void>, mailbox: Promise<void> | undefined, stop: () => void): Promise<void> {
  const stoppingTheOther = (err: unknown) => {
    stop();
    throw err;
  };
  const results = await Promise.allSettled([engine.catch(stoppingTheOther), mailbox?.catch(stoppingTheOther)]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
