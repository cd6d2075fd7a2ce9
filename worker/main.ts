/**
 * The worker process (`npm run worker`): runs the bloc-year workflows and the mail activities against the
 * Temporal named by the environment (worker/settings.ts). scripts/start.ts runs the same worker in-process.
 */
import { Client } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities';
import { smtpSettingsFromEnv, type SmtpSettings } from '../activities/mail/settings';
import { domainOf } from '../activities/mail/compose';
import { imapSettingsFromEnv } from '../activities/mailbox/settings';
import { uploadStoreFromEnv } from '../web/uploads';
import { mailboxRun, mailboxServiceFromEnv, untilBothStopped } from './mailbox';
import { InputError } from '../config/errors';
import { metricsAddressFromEnv } from './metrics';
import { censusSecondsFromEnv, reportCensus } from './census';
import { connectWorker } from './connection';
import { loadTemporalSettings } from './settings';
import { createEngineWorkers } from './engine-workers';
import { builtWorkflowBundle } from './workflow-bundle';
import type { TemporalSettings } from './settings';

/**
 * Logging at INFO for the SDK and its native core. Without `shutdownSignals`, the Runtime drains every worker
 * on SIGINT, SIGTERM, SIGQUIT and SIGUSR2; a host that stops other things too passes `[]` and aborts instead.
 * With BLOC_METRICS_ADDRESS, Prometheus reads the worker there (worker/metrics.ts). Must run before anything connects.
 */
export function installRuntime(opts: { shutdownSignals?: NodeJS.Signals[] } = {}, metricsAddress = metricsAddressFromEnv()): void {
  Runtime.install({
    logger: new DefaultLogger('INFO'),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'INFO' }), forward: {} },
      ...(metricsAddress && { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true } } }),
    },
    ...opts,
  });
}

export interface RunWorkerOptions {
  /** Aborting it drains the worker: running tasks finish, then `runWorker` resolves. */
  signal?: AbortSignal;
  /** Called once the worker polls its task queue. */
  onRunning?: () => void;
  /** Default: from the environment (SMTP_URL, ...). */
  smtp?: SmtpSettings;
  /** Seconds between censuses of the years running and the units overdue (worker/census.ts); none unless set. */
  censusSeconds?: number;
}

/** Resolves once the worker has stopped, by signal or abort; rejects on a fatal worker error. */
export async function runWorker(settings: TemporalSettings, opts: RunWorkerOptions = {}): Promise<void> {
  // Before connecting: a bad mail setting is reported at once, not after Temporal has answered.
  const smtp = opts.smtp ?? smtpSettingsFromEnv();
  const imap = imapSettingsFromEnv();
  const mailboxService = imap && mailboxServiceFromEnv();
  const activities = createActivities({ settings: smtp });
  const connection = await connectWorker(settings);
  try {
    const workers = await createEngineWorkers({
      connection,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      activities,
      smtp,
      workflows: { workflowBundle: builtWorkflowBundle(), ...(settings.workflowCache !== undefined && { maxCachedWorkflows: settings.workflowCache }) },
    });
    const mailbox = imap && mailboxService && mailboxRun({ connection, temporal: settings, imap, service: mailboxService, domain: domainOf(smtp.from), store: uploadStoreFromEnv() });
    if (opts.signal?.aborted) return;
    const stopCensus = new AbortController();
    if (opts.censusSeconds !== undefined) {
      const runtime = Runtime.instance();
      const client = new Client({ connection, namespace: settings.namespace });
      reportCensus(client, runtime.metricMeter, opts.censusSeconds, stopCensus.signal, (line) => runtime.logger.warn(line));
    }
    const running = workers.run();
    const mailboxRunning = mailbox?.run();
    // Whoever is told the worker runs (npm start) may tell the mailbox more blocs: its own start comes first.
    await mailbox?.started;
    opts.onRunning?.();
    // The Runtime's own signal handling may have begun the shutdown already.
    const stop = () => {
      workers.shutdown();
      mailbox?.shutdown();
    };
    opts.signal?.addEventListener('abort', stop, { once: true });
    try {
      await untilBothStopped(running, mailboxRunning, stop);
    } finally {
      stopCensus.abort();
      opts.signal?.removeEventListener('abort', stop);
    }
  } finally {
    await connection.close();
  }
}

/**
 * Input a person fixes (InputError, such as SmtpSettingsError) prints in full, one problem a line: those
 * messages are written to be read, and the settings ones never carry a secret. Anything else prints its
 * first line only, as before.
 */
export function errorLines(err: Error): string[] {
  return err instanceof InputError ? err.message.split('\n') : [err.message.split('\n')[0] ?? String(err)];
}

const USAGE = `Cách dùng / usage: npm run worker  (node dist/worker/main.js)

Chạy các năm của Khối/Cụm và gửi thư nhắc; không nhận tham số, mọi thiết lập lấy từ biến môi trường
(README, mục "Cấu hình") / runs the bloc-years and sends their mail; no arguments, settings from the environment:
  TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TEMPORAL_API_KEY, TEMPORAL_TLS_*   máy chủ Temporal
  SMTP_URL, SMTP_USER, SMTP_PASSWORD, MAIL_FROM, SMTP_RATE                                      máy chủ thư
  IMAP_URL, IMAP_USER, IMAP_PASSWORD, IMAP_BLOCS, IMAP_FOLDER, IMAP_DONE_FOLDER, IMAP_POLL_SECONDS  hộp thư của Khối
  BLOC_UNIT_LINK_KEY, BLOC_WEB_PUBLIC_URL                                                       đường dẫn của đơn vị trong thư
  BLOC_METRICS_ADDRESS, BLOC_CENSUS_SECONDS                                                     số liệu cho Prometheus
Dừng bằng Ctrl-C (SIGINT) hoặc SIGTERM: việc đang chạy làm xong rồi mới dừng / stops by draining on SIGINT or SIGTERM.
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.length > 0) throw new InputError(`không nhận tham số "${args[0]}"; xem --help / takes no arguments`);
  const temporal = loadTemporalSettings();
  const smtp = smtpSettingsFromEnv();
  const metricsAddress = metricsAddressFromEnv();
  const censusSeconds = censusSecondsFromEnv();
  installRuntime({}, metricsAddress);
  // The census is for Prometheus: a worker nobody scrapes takes none.
  await runWorker(temporal, { smtp, ...(metricsAddress && { censusSeconds }) });
}

if (require.main === module) {
  main().catch((err: Error & { exitCode?: number }) => {
    for (const line of errorLines(err)) process.stderr.write(`worker: ${line}\n`);
    process.exit(err.exitCode ?? 1);
  });
}
