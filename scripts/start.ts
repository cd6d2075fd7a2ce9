/**
 * The local engine (`npm start`): a Temporal dev server persisted in data/temporal.sqlite (unless
 * TEMPORAL_ADDRESS or a Temporal CLI profile names one), a local mail inbox writing data/mail/*.eml (unless SMTP_URL names a server),
 * the worker in this process, the sample bloc's year, and a demonstration bloc timed from this start. Ctrl-C
 * stops all of it; the next start finds the same history and the sample's year already running, and begins
 * a new demonstration.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { startLocalInbox } from '../activities/mail/inbox';
import { describeSmtpServer, senderFromEnv, smtpSettingsFromEnv, type SmtpSettings } from '../activities/mail/settings';
import { connectClient } from '../client/connection';
import { startBlocYear } from '../client/start-year';
import { DEMO_FILE } from '../config/demo';
import { loadBlocConfig } from '../config/load';
import { errorLines, installRuntime, runWorker } from '../worker/main';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../worker/dev-server-args';
import { registerSearchAttributes } from '../worker/search-attributes';
import { loadTemporalSettings } from '../worker/settings';
import { startDemonstration } from './demo';
import { accountsPath, addAccount, generatePassword } from '../client/accounts';
import { secretsFromEnv } from '../web/security';
import { CODEC_PATH } from '../web/codec';
import { DEFAULT_WEB_PORT, startWebServer } from '../web/server';
import { uploadStoreFromEnv } from '../web/uploads';
import { unitLinkKeysFromEnv } from '../activities/mail/unit-links';
import { ensureDevServer, greenMailAtHand, portAnswers, waitForPort } from './provision';
import { startLocalMailbox, type LocalMailbox } from './local-mailbox';
import { imapSettingsFromEnv } from '../activities/mailbox/settings';
import { mailboxServiceFromEnv, startMailbox } from '../worker/mailbox';
import { mailboxWorkflowId } from '../workflows/mailbox-messages';

const SAMPLE_CONFIG = path.join('config', 'blocs', 'dak-nong-khoi-4.yaml');
const DEV_SERVER_READY_MS = 60_000;
/** The sample bloc's secretariat in the web console; its password is made anew at every start. */
const SAMPLE_ACCOUNT = 'thu-ky-mau';
const DEV_SERVER_STOP_MS = 10_000;

// zod 4 gives every failed check of a schema its `error`: one message for "not a number" and "out of range".
const port = z.coerce.number({ error: 'phải là số nguyên từ 1 đến 65535 / must be a whole number from 1 to 65535' }).int().min(1).max(65535);
export const startEnv = z.object({
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  SMTP_URL: z.string().optional(),
  SMTP_PORT: port.default(2525),
  IMAP_PORT: port.default(3143),
  BLOC_SAMPLE: z.enum(['0', '1']).default('1'),
  BLOC_SAMPLE_YEAR: z.coerce.number().int().min(2000).max(2100).optional(),
  BLOC_WEB_PORT: port.default(DEFAULT_WEB_PORT),
});
export type StartEnv = z.infer<typeof startEnv>;

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`start: ${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export class Stopped extends Error {}

export type Cleanups = (() => Promise<void>)[];

/** Rejects with `Stopped` as soon as Ctrl-C comes, so that a slow step does not hold up the shutdown. */
export function unlessStopped<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Stopped());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface DevServer {
  child: ChildProcess;
  /** Rejects if the server exits before `stop()` is called. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

function spawnDevServer(exe: string, env: StartEnv, dbFile: string): DevServer {
  // Its own process group: Ctrl-C reaches only us, and we stop the server after the worker has drained.
  const child = spawn(
    exe,
    ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', String(env.TEMPORAL_PORT),
      '--ui-port', String(env.TEMPORAL_UI_PORT), '--namespace', 'default', '--log-level', 'warn', ...ONE_PARTITION_PER_TASK_QUEUE,
      // The UI decodes the engine's gzipped payloads through the console (web/codec.ts).
      '--ui-codec-endpoint', `http://127.0.0.1:${env.BLOC_WEB_PORT}${CODEC_PATH}`],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderrTail = '';
  let stopping = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    // Once stopping, its internal clients complain about the closed port for a second: not news.
    if (!stopping) process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      if (!stopping) {
        const last = stderrTail.trim().split('\n').pop() ?? '';
        reject(new Error(`the Temporal dev server exited (${signal ?? `code ${code}`})${last && `: ${last}`}`));
      }
    }),
  );
  exited.catch(() => undefined); // observed by whoever races it; unobserved after a clean stop
  // A second Ctrl-C exits at once: the server, in its own process group, must not outlive us.
  process.once('exit', () => child.kill('SIGKILL'));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      warn(`the dev server did not stop within ${DEV_SERVER_STOP_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, DEV_SERVER_STOP_MS);
    await gone;
    clearTimeout(timer);
  };
  return { child, exited, stop };
}

interface OwnDevServer {
  server: DevServer;
  address: string;
  /** e.g. "data/temporal.sqlite, reused" */
  store: string;
  startedAt: number;
}

async function startOwnDevServer(env: StartEnv, dataDir: string, signal: AbortSignal, cleanups: Cleanups): Promise<OwnDevServer> {
  const exe = await unlessStopped(signal, ensureDevServer(warn));
  if (await portAnswers(env.TEMPORAL_PORT)) {
    throw new Error(
      `port ${env.TEMPORAL_PORT} is already in use: set TEMPORAL_ADDRESS=127.0.0.1:${env.TEMPORAL_PORT} to use the server there, or TEMPORAL_PORT to start ours elsewhere`,
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const reused = await fs.stat(dbFile).then(() => true, () => false);
  const startedAt = Date.now();
  const server = spawnDevServer(exe, env, dbFile);
  cleanups.push(server.stop);
  await unlessStopped(signal, Promise.race([waitForPort(env.TEMPORAL_PORT, DEV_SERVER_READY_MS), server.exited]));
  const store = `${path.relative('.', dbFile)}, ${reused ? 'reused' : 'new'}`;
  return { server, address: `127.0.0.1:${env.TEMPORAL_PORT}`, store, startedAt };
}

/**
 * The worker's mail settings, checked before anything starts (the first start builds the Temporal CLI for
 * minutes). Without SMTP_URL the worker sends to our own inbox, on SMTP_PORT.
 */
export function mailSettings(env: StartEnv): { smtp: SmtpSettings; ownInbox: boolean } {
  const ownInbox = !env.SMTP_URL?.trim();
  const smtpUrl = ownInbox ? `smtp://127.0.0.1:${env.SMTP_PORT}` : env.SMTP_URL;
  return { smtp: smtpSettingsFromEnv({ ...process.env, SMTP_URL: smtpUrl }), ownInbox };
}

/** A unit's mailbox, for the line that says how to open one. */
const DEMO_REPLY_HINT = 'vanthu@so-y-te.trinh-dien.example.vn';

/**
 * GreenMail as the engine's mail and the bloc's mailbox, when it is at hand (npm run provision fetches it);
 * the worker then reads the mailbox, every 10 seconds for the demonstration's sake.
 */
async function localMailbox(env: StartEnv, smtp: SmtpSettings, cleanups: Cleanups): Promise<LocalMailbox | undefined> {
  const jar = await greenMailAtHand();
  if (!jar) return undefined;
  const mailbox = await startLocalMailbox({ jar, smtpPort: env.SMTP_PORT, imapPort: env.IMAP_PORT, address: smtp.from.address });
  cleanups.push(mailbox.stop);
  // The worker serves the sample bloc from its start; the demonstration's own bloc is added once it has begun.
  Object.assign(process.env, mailbox.env, { IMAP_BLOCS: loadBlocConfig(SAMPLE_CONFIG).bloc.id, IMAP_POLL_SECONDS: process.env.IMAP_POLL_SECONDS || '10' });
  return mailbox;
}

async function run(env: StartEnv, signal: AbortSignal, cleanups: Cleanups): Promise<void> {
  const dataDir = path.resolve('data');
  const lines: string[] = [];
  const mail = mailSettings(env);
  const configured = loadTemporalSettings();
  const own = configured.addressConfigured ? undefined : await startOwnDevServer(env, dataDir, signal, cleanups);
  const settings = own ? loadTemporalSettings({ ...process.env, TEMPORAL_ADDRESS: own.address }) : configured;
  const { connection, client } = await unlessStopped(signal, connectClient(settings));
  cleanups.push(() => connection.close());
  if (own) {
    // A dev server started on an existing SQLite file ignores its own `--search-attribute` flags.
    await unlessStopped(signal, registerSearchAttributes(connection, settings.namespace));
    lines.push(
      `Temporal gRPC  ${own.address}  (dev server, ${own.store}; ready in ${seconds(own.startedAt)})`,
      `Web UI         http://127.0.0.1:${env.TEMPORAL_UI_PORT}`,
    );
  } else {
    lines.push(`Temporal gRPC  ${settings.address}  (existing server, namespace ${settings.namespace})`);
  }

  const { smtp, mailbox } = await startMail(env, mail, dataDir, lines, cleanups);

  let onRunning!: () => void;
  const running = new Promise<void>((resolve) => (onRunning = resolve));
  const worker = runWorker(settings, { signal, onRunning, smtp });
  // Drained first on the way out. Handled at once, so that an early failure is not an unhandled rejection;
  // the failure itself is reported where `worker` is awaited.
  const drained = worker.catch(() => undefined);
  cleanups.push(() => drained);
  lines.push(`Worker         namespace ${settings.namespace}, task queue ${settings.taskQueue}`);

  const sampleBlocs = await startSample(client, env, settings.taskQueue, signal, lines);
  await unlessStopped(signal, Promise.race([running, worker]));
  lines.push(...(await startDemoAndConsole(client, env, settings.taskQueue, sampleBlocs, signal, cleanups, mailbox)));
  say(['', ...lines, '', 'Ctrl-C stops everything.', ''].join('\n'));
  await (own ? Promise.race([worker, own.server.exited]) : worker);
}

/**
 * The mail the workers send to: GreenMail as the engine's mail and the bloc's mailbox where it is at hand and
 * wanted, else our own inbox, or the relay SMTP_URL names. Also the units' links in the workers' mail and on the
 * console, which share one key and address: made for this run when the environment gives none (links from an
 * earlier run then no longer open).
 */
export async function startMail(
  env: StartEnv,
  mail: ReturnType<typeof mailSettings>,
  dataDir: string,
  lines: string[],
  cleanups: Cleanups,
  { withMailbox = true }: { withMailbox?: boolean } = {},
): Promise<{ smtp: SmtpSettings; mailbox?: LocalMailbox }> {
  let smtp = mail.smtp;
  const mailbox = withMailbox && mail.ownInbox && env.BLOC_SAMPLE === '1' && !process.env.IMAP_URL ? await localMailbox(env, smtp, cleanups) : undefined;
  if (mailbox) {
    smtp = { ...smtp, port: mailbox.smtpPort };
    lines.push(
      `Mailbox        SMTP 127.0.0.1:${mailbox.smtpPort}, IMAP 127.0.0.1:${mailbox.imapPort} (GreenMail; mail lives in memory until Ctrl-C)`,
      `               the bloc's: ${mailbox.address}, login ${mailbox.env.IMAP_USER}, password ${mailbox.env.IMAP_PASSWORD} (made for this run)`,
      `               a unit's: its address as login and password, e.g. ${DEMO_REPLY_HINT}`,
    );
  } else if (mail.ownInbox) {
    const mailDir = path.join(dataDir, 'mail');
    const inbox = await startLocalInbox({ dir: mailDir, host: '127.0.0.1', port: env.SMTP_PORT });
    cleanups.push(() => inbox.close());
    smtp = { ...smtp, port: inbox.port };
    lines.push(`Mail inbox     smtp://127.0.0.1:${inbox.port} → ${path.relative('.', mailDir)}/*.eml${withMailbox ? ' (npm run provision: a real IMAP mailbox instead)' : ''}`);
  } else {
    lines.push(`Mail           ${describeSmtpServer(smtp)}`);
  }
  process.env.BLOC_UNIT_LINK_KEY ||= randomBytes(32).toString('base64url');
  process.env.BLOC_WEB_PUBLIC_URL ||= `http://127.0.0.1:${env.BLOC_WEB_PORT}`;
  return { smtp, ...(mailbox && { mailbox }) };
}

/** The sample bloc's year, unless BLOC_SAMPLE=0; the blocs the sample's secretariat may read. */
export async function startSample(client: Client, env: StartEnv, taskQueue: string, signal: AbortSignal, lines: string[]): Promise<string[]> {
  if (env.BLOC_SAMPLE !== '1') return [];
  const config = loadBlocConfig(SAMPLE_CONFIG);
  const year = env.BLOC_SAMPLE_YEAR ?? DateTime.now().setZone(config.bloc.timeZone).year;
  const { workflowId, alreadyStarted } = await unlessStopped(signal, startBlocYear(client, config, year, { taskQueue }));
  lines.push(`Sample bloc    ${SAMPLE_CONFIG}, year ${year}: ${workflowId}${alreadyStarted ? ' (started before)' : ' (started now)'}`);
  return [config.bloc.id];
}

/** Once a worker runs: the demonstration (with the sample), then the console; their lines. */
export async function startDemoAndConsole(
  client: Client,
  env: StartEnv,
  taskQueue: string,
  sampleBlocs: string[],
  signal: AbortSignal,
  cleanups: Cleanups,
  mailbox?: LocalMailbox,
): Promise<string[]> {
  const lines: string[] = [];
  if (env.BLOC_SAMPLE === '1') {
    const demo = await startDemo(client, taskQueue, signal, mailbox);
    sampleBlocs.push(demo.blocId);
    lines.push(...demo.lines);
    // The worker started the mailbox for the sample bloc; this run's demonstration is a bloc of its own.
    const imap = mailbox && imapSettingsFromEnv();
    if (imap) await startMailbox(client, { settings: imap, service: { ...mailboxServiceFromEnv(), blocs: sampleBlocs }, taskQueue });
  }
  return [...lines, ...(await startConsole(client, env, sampleBlocs, cleanups))];
}

/**
 * Once the worker runs: the demonstration's first message is a minute or so away, and a moment planned
 * before its year has started (a slow first build of the workflow bundle) would never be sent.
 */
async function startDemo(client: Client, taskQueue: string, signal: AbortSignal, mailbox?: LocalMailbox): Promise<{ blocId: string; lines: string[] }> {
  const started = await unlessStopped(signal, startDemonstration(client, { now: new Date(), taskQueue, signal, ...(mailbox && { mailbox }) }));
  started.recorded.catch((err: Error) => {
    if (!signal.aborted) warn(`demonstration: ${err.message}`);
  });
  const { demo, workflowId, alreadyStarted } = started;
  const local = (at: Date) => DateTime.fromJSDate(at, { zone: demo.config.bloc.timeZone }).toFormat('HH:mm');
  const reply = mailbox && demo.replyByMail;
  const lines = [
    `Demonstration  ${DEMO_FILE}: ${workflowId}${alreadyStarted ? ' (started before)' : ' (started now)'}, ` +
      `mail ${local(demo.startsAt)}–${local(demo.lastMessageAt)} ${demo.config.bloc.timeZone}`,
    ...(reply ? [`               ${local(reply.at)}: ${demo.config.units.find((u) => u.id === reply.unitId)?.name ?? reply.unitId} answers its reminder with a PDF; the matrix shows it declared`] : []),
    `               then: bloc status --bloc ${demo.config.bloc.id} --year ${demo.year}`,
  ];
  return { blocId: demo.config.bloc.id, lines };
}

/**
 * The web console on loopback. Its session key comes from BLOC_WEB_SECRET, or is made for this run (sessions then
 * end with it); the sample's secretariat gets an account with a password made for this run, printed once.
 */
async function startConsole(client: Client, env: StartEnv, sampleBlocs: string[], cleanups: Cleanups): Promise<string[]> {
  const secrets = process.env.BLOC_WEB_SECRET ? secretsFromEnv() : { secret: randomBytes(32).toString('base64url'), secure: false };
  const accountsFile = accountsPath();
  const lines: string[] = [];
  if (sampleBlocs.length > 0) {
    const password = generatePassword();
    await addAccount(accountsFile, { name: SAMPLE_ACCOUNT, role: 'secretariat', blocs: sampleBlocs }, password);
    lines.push(`               sign in as ${SAMPLE_ACCOUNT}, password ${password} (made for this run; accounts: bloc user add)`);
  }
  const unitLinks = unitLinkKeysFromEnv();
  const imap = imapSettingsFromEnv();
  const codecOrigins = [`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`, `http://localhost:${env.TEMPORAL_UI_PORT}`];
  const server = await startWebServer({
    client,
    port: env.BLOC_WEB_PORT,
    accountsFile,
    secrets,
    unitLinks,
    codecOrigins,
    publicUrl: process.env.BLOC_WEB_PUBLIC_URL,
    uploads: uploadStoreFromEnv(),
    organizer: senderFromEnv(),
    ...(imap && { mailbox: mailboxWorkflowId(imap) }),
  });
  cleanups.push(() => server.close());
  return [`Web console    ${server.url}`, ...lines];
}

/**
 * Runs `run` until it ends or Ctrl-C (SIGINT, SIGTERM) aborts it, then its cleanups in reverse order; a second
 * Ctrl-C exits at once. The exit code: 0, 2 for settings a person fixes, 1 or the error's own.
 */
export async function supervise(
  name: string,
  stopping: string,
  run: (env: StartEnv, signal: AbortSignal, cleanups: Cleanups) => Promise<void>,
): Promise<number> {
  const complain = (line: string) => process.stderr.write(`${name}: ${line}\n`);
  const parsed = startEnv.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) complain(`${String(issue.path[0])}: ${issue.message}`);
    return 2;
  }
  const controller = new AbortController();
  const cleanups: Cleanups = [];
  const onSignal = () => {
    if (controller.signal.aborted) {
      complain('stopping at once');
      process.exit(130);
    }
    say(`stopping: ${stopping}…`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let code = 0;
  try {
    await run(parsed.data, controller.signal, cleanups);
  } catch (err) {
    if (!(err instanceof Stopped)) {
      for (const line of errorLines(err as Error)) complain(line);
      code = (err as { exitCode?: number }).exitCode ?? 1;
    }
  } finally {
    controller.abort();
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err: Error) => complain(`while stopping: ${err.message}`));
    }
  }
  return code;
}

if (require.main === module) {
  // The worker must drain before the dev server stops, so the signals are ours rather than the Runtime's.
  installRuntime({ shutdownSignals: [] });
  void supervise('start', 'worker, mail inbox, dev server', run).then((code) => process.exit(code));
}
