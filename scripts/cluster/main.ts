/**
 * `npm run cluster`: on this machine, what a province runs. PostgreSQL with its data in data/cluster/postgres,
 * Temporal's four services as four processes (scripts/cluster/cluster.ts, config/cluster/), two engine workers
 * as two processes, the local inbox (data/mail, unless SMTP_URL names a relay) and the console, as `npm start`
 * has them. Ctrl-C stops all of it, workers first; the next start reuses the data.
 *
 * Ports, all on loopback: TEMPORAL_PORT (7233) for the frontend, BLOC_CLUSTER_PG_PORT (5433) for PostgreSQL,
 * the other services' from config/cluster/temporal.yaml, the workers' metrics on BLOC_METRICS_PORT (9464) and the
 * next one, SMTP_PORT and BLOC_WEB_PORT as for `npm start`. Logs: data/cluster/logs/.
 */
import * as path from 'node:path';
import { connectClient } from '../../client/connection';
import { loadTemporalSettings } from '../../worker/settings';
import { portAnswers } from '../ports';
import { mailSettings, startDemoAndConsole, startMail, startSample, supervise, unlessStopped, type Cleanups, type StartEnv } from '../start';
import { DEFAULT_CLUSTER_PORTS, SERVICES, startCluster, type ClusterPorts } from './cluster';
import { startWorkerProcess, untilWorkersPoll } from './workers';

const WORKERS = 2;
const DEFAULT_METRICS_PORT = 9464;

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function clusterPorts(env: StartEnv): ClusterPorts {
  const ports = structuredClone(DEFAULT_CLUSTER_PORTS);
  ports.services.frontend.grpc = env.TEMPORAL_PORT;
  ports.postgres = Number(process.env.BLOC_CLUSTER_PG_PORT || ports.postgres);
  return ports;
}

async function refuseBusyPorts(ports: ClusterPorts, metrics: number[]): Promise<void> {
  const all = [ports.postgres, ports.frontendHttp, ...metrics, ...SERVICES.flatMap((s) => Object.values(ports.services[s]))];
  const busy = [];
  for (const port of all) if (await portAnswers(port)) busy.push(port);
  if (busy.length > 0) throw new Error(`port ${busy.join(', ')} already in use on 127.0.0.1: is a cluster or a dev server running? (TEMPORAL_PORT, BLOC_CLUSTER_PG_PORT move ours)`);
}

async function run(env: StartEnv, signal: AbortSignal, cleanups: Cleanups): Promise<void> {
  const started = Date.now();
  const dataDir = path.resolve('data');
  const ports = clusterPorts(env);
  const metricsBase = Number(process.env.BLOC_METRICS_PORT || DEFAULT_METRICS_PORT);
  const metrics = Array.from({ length: WORKERS }, (_, i) => metricsBase + i);
  await refuseBusyPorts(ports, metrics);
  const mail = mailSettings(env);

  const clusterDir = path.join(dataDir, 'cluster');
  const cluster = await unlessStopped(signal, startCluster({ dataDir: clusterDir, ports, log: (line) => say(`cluster: ${line}`) }));
  cleanups.push(() => cluster.stop());
  const settings = loadTemporalSettings({ ...process.env, TEMPORAL_ADDRESS: cluster.address });
  const lines = [
    `Temporal gRPC  ${cluster.address}  (cluster: ${SERVICES.join(', ')}, one process each; ready in ${seconds(started)})`,
    `PostgreSQL     127.0.0.1:${ports.postgres}, data ${path.relative('.', path.join(clusterDir, 'postgres'))} (${cluster.postgres.created ? 'new' : 'reused'}); logs ${path.relative('.', path.join(clusterDir, 'logs'))}/`,
  ];
  const { connection, client } = await unlessStopped(signal, connectClient(settings));
  cleanups.push(() => connection.close());

  const { smtp } = await startMail(env, mail, dataDir, lines, cleanups, { withMailbox: false });
  const smtpUrl = mail.ownInbox ? `smtp://127.0.0.1:${smtp.port}` : process.env.SMTP_URL;
  const workers = metrics.map((port, i) =>
    startWorkerProcess({
      name: `worker ${i + 1}`,
      env: { ...process.env, TEMPORAL_ADDRESS: cluster.address, SMTP_URL: smtpUrl, BLOC_METRICS_ADDRESS: `127.0.0.1:${port}` },
      logFile: path.join(clusterDir, 'logs', `engine-worker-${i + 1}.log`),
    }),
  );
  // Stopped before the cluster (cleanups run in reverse), so that their last batches are recorded.
  cleanups.push(async () => void (await Promise.all(workers.map((w) => w.stop()))));
  const failed = Promise.race([cluster.failed, ...workers.map((w) => w.failed)]);
  failed.catch(() => undefined);
  lines.push(`Workers        ${WORKERS} processes, task queue ${settings.taskQueue}; metrics ${metrics.map((p) => `http://127.0.0.1:${p}/metrics`).join(', ')}`);

  const sampleBlocs = await startSample(client, env, settings.taskQueue, signal, lines);
  await unlessStopped(signal, untilWorkersPoll(client, settings.namespace, settings.taskQueue, WORKERS, failed));
  lines.push(...(await startDemoAndConsole(client, env, settings.taskQueue, sampleBlocs, signal, cleanups)));
  say(['', ...lines, '', 'Ctrl-C stops everything.', ''].join('\n'));
  await unlessStopped(signal, failed);
}

if (require.main === module) {
  void supervise('cluster', 'console, workers, Temporal services, PostgreSQL', run).then((code) => process.exit(code));
}
