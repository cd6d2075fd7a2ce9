/**
 * Temporal's own server on PostgreSQL, as a province runs it: PostgreSQL (postgres.ts), both schemas created
 * and brought up to date by temporal-sql-tool, then the frontend, history, matching and internal-worker
 * services as four processes (config/cluster/temporal.yaml), the default namespace and the engine's search
 * attributes. Everything listens on loopback; everything lives under one data folder, which a second start reuses.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureClusterServer, waitForPort, type ClusterExecutables } from '../provision';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { DB_USER, startPostgres, type Postgres } from './postgres';
import { REPO_ROOT } from '../repo-root';
import { ManagedProcess } from './process';

export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

const CONFIG_DIR = path.join('config', 'cluster');
/** config/cluster/temporal.yaml: the server's `--env` names the file. */
const CONFIG_ENV = 'temporal';
const DATABASES = [
  { name: 'temporal', schema: 'postgresql/v12/temporal' },
  { name: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;
const NAMESPACE = 'default';
/** Closed years stay readable (the board, `bloc status`) for a month after they end. */
const RETENTION_SECONDS = 30 * 24 * 3600;
/** Membership settles and the namespace's first shards are owned: about 10 s here, bounded well above. */
const FRONTEND_READY_MS = 120_000;
const GRPC_ALREADY_EXISTS = 6;

export interface ServicePorts {
  grpc: number;
  membership: number;
  /** Its Prometheus metrics (the server's own, by service). */
  metrics: number;
}

export interface ClusterPorts {
  postgres: number;
  frontendHttp: number;
  services: Record<ServiceName, ServicePorts>;
}

/** What config/cluster/temporal.yaml has as its defaults, and `npm run cluster` uses with TEMPORAL_PORT unset. */
export const DEFAULT_CLUSTER_PORTS: ClusterPorts = {
  postgres: 5433,
  frontendHttp: 7243,
  services: {
    frontend: { grpc: 7233, membership: 6933, metrics: 8000 },
    history: { grpc: 7234, membership: 6934, metrics: 8001 },
    matching: { grpc: 7235, membership: 6935, metrics: 8002 },
    worker: { grpc: 7239, membership: 6939, metrics: 8003 },
  },
};

/**
 * Every port free on loopback now, for a test's cluster beside anything else running. Below 32768: the server
 * keeps each service's membership port in a SMALLINT column, and refuses the ephemeral ports the system hands out.
 */
export async function freeClusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const pick = async (): Promise<number> => {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!taken.has(port) && (await canListen(port))) {
        taken.add(port);
        return port;
      }
    }
  };
  const service = async (): Promise<ServicePorts> => ({ grpc: await pick(), membership: await pick(), metrics: await pick() });
  return {
    postgres: await pick(),
    frontendHttp: await pick(),
    services: { frontend: await service(), history: await service(), matching: await service(), worker: await service() },
  };
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface ClusterOptions {
  /** Holds postgres/, logs/ and db-password; data/cluster for `npm run cluster`. */
  dataDir: string;
  ports: ClusterPorts;
  log: (line: string) => void;
}

export interface Cluster {
  /** host:port of the frontend, for TEMPORAL_ADDRESS. */
  address: string;
  ports: ClusterPorts;
  postgres: Postgres;
  services: Record<ServiceName, ManagedProcess>;
  /** Rejects when any process exits unasked. */
  failed: Promise<never>;
  /** Waits until the frontend answers for the namespace again (after a restart). */
  frontendReady(timeoutMs?: number): Promise<void>;
  /** Services first (the frontend before the others, so that clients hear "unavailable" early), then PostgreSQL. */
  stop(): Promise<void>;
}

/** The variables config/cluster/temporal.yaml reads, for one service's process. */
function serviceEnv(ports: ClusterPorts, password: string, service: ServiceName): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BLOC_CLUSTER_DB_PASSWORD: password,
    BLOC_CLUSTER_PG_PORT: String(ports.postgres),
    BLOC_CLUSTER_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    BLOC_CLUSTER_METRICS_PORT: String(ports.services[service].metrics),
  };
  for (const name of SERVICES) {
    const upper = name.toUpperCase();
    env[`BLOC_CLUSTER_${upper}_PORT`] = String(ports.services[name].grpc);
    env[`BLOC_CLUSTER_${upper}_MEMBERSHIP_PORT`] = String(ports.services[name].membership);
  }
  return env;
}

function sqlTool(exe: string, postgres: Postgres, args: string[]): Promise<string> {
  const common = ['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(postgres.port), '--user', DB_USER];
  return new Promise((resolve, reject) =>
    // The password through the environment the tool reads it from, not on a command line `ps` shows.
    execFile(exe, [...common, ...args], { env: { ...process.env, SQL_PASSWORD: postgres.password }, timeout: 120_000 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (err) reject(new Error(`temporal-sql-tool ${args.join(' ')}: ${output.trim().split('\n').pop() ?? err.message}`));
      else resolve(output);
    }),
  );
}

/**
 * Both databases with their versioning tables, then every schema version the tool embeds that a database lacks,
 * at every start: each step leaves what is already there alone (measured here: an existing database, a set-up
 * versioning table, an up-to-date schema each answer in well under a second), so that a first start cut short
 * is finished by the next, and a newer server's tool brings its schema along.
 */
async function ensureSchemas(exe: string, postgres: Postgres): Promise<void> {
  for (const db of DATABASES) {
    await sqlTool(exe, postgres, ['--database', db.name, 'create-database', '--defaultdb', 'postgres']);
    await sqlTool(exe, postgres, ['--database', db.name, 'setup-schema', '--version', '0.0']);
    await sqlTool(exe, postgres, ['--database', db.name, 'update-schema', '--schema-name', db.schema]);
  }
}

function startService(exes: ClusterExecutables, ports: ClusterPorts, password: string, logs: string, service: ServiceName): ManagedProcess {
  const proc = new ManagedProcess({
    name: `temporal ${service}`,
    command: exes.server,
    args: ['--root', REPO_ROOT, '--config', CONFIG_DIR, '--env', CONFIG_ENV, '--allow-no-auth', 'start', '--service', service],
    // The dynamic config's path in temporal.yaml is relative to the repository.
    cwd: REPO_ROOT,
    env: serviceEnv(ports, password, service),
    logFile: path.join(logs, `${service}.log`),
  });
  proc.start();
  return proc;
}

/** The namespace, kept once registered; "already there" is the second start's answer. */
async function ensureNamespace(connection: Connection): Promise<boolean> {
  try {
    await connection.workflowService.registerNamespace({ namespace: NAMESPACE, workflowExecutionRetentionPeriod: msToTs(RETENTION_SECONDS * 1000) });
    return true;
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_ALREADY_EXISTS) return false;
    throw err;
  }
}

/**
 * Until the frontend serves the namespace: its port opens before membership has settled, and a namespace just
 * registered reaches the services' caches a couple of seconds later.
 */
async function untilServing(connection: Connection, timeoutMs: number, failed: Promise<never>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let exited: unknown;
  failed.catch((err: unknown) => (exited = err));
  while (Date.now() < deadline) {
    if (exited) throw exited;
    try {
      await connection.withDeadline(Date.now() + 5_000, () => connection.workflowService.countWorkflowExecutions({ namespace: NAMESPACE }));
      return;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the Temporal frontend did not serve namespace ${NAMESPACE} within ${timeoutMs / 1000} s: ${(last as Error | undefined)?.message ?? ''}`);
}

export async function startCluster({ dataDir, ports, log }: ClusterOptions): Promise<Cluster> {
  const exes = await ensureClusterServer(log);
  const logs = path.join(dataDir, 'logs');
  await fs.mkdir(logs, { recursive: true });
  const postgres = await startPostgres({ dataDir, port: ports.postgres, log });
  const services = {} as Record<ServiceName, ManagedProcess>;
  const stop = async () => {
    for (const name of ['frontend', 'worker', 'matching', 'history'] as const) await services[name]?.stop();
    await postgres.stop();
  };
  try {
    await ensureSchemas(exes.sqlTool, postgres);
    // History first, alone: on the first start every service writes the cluster's metadata, and the losers of
    // that race exit ("duplicate key value violates unique constraint cluster_metadata_info_pkey").
    services.history = startService(exes, ports, postgres.password, logs, 'history');
    await Promise.race([waitForPort(ports.services.history.grpc, FRONTEND_READY_MS), services.history.failed]);
    for (const service of SERVICES.filter((s) => s !== 'history')) services[service] = startService(exes, ports, postgres.password, logs, service);
    const failed = Promise.race([postgres.process.failed, ...SERVICES.map((s) => services[s].failed)]);
    failed.catch(() => undefined);
    const address = `127.0.0.1:${ports.services.frontend.grpc}`;
    await Promise.race([waitForPort(ports.services.frontend.grpc, FRONTEND_READY_MS), failed]);
    const connection = await Connection.connect({ address });
    const frontendReady = (timeoutMs = FRONTEND_READY_MS) => untilServing(connection, timeoutMs, failed);
    try {
      await Promise.race([connection.workflowService.getSystemInfo({}), failed]);
      if (await ensureNamespace(connection)) log(`registered namespace ${NAMESPACE}`);
      await frontendReady();
      await registerSearchAttributes(connection, NAMESPACE);
    } catch (err) {
      await connection.close();
      throw err;
    }
    return {
      address,
      ports,
      postgres,
      services,
      failed,
      frontendReady,
      stop: async () => {
        await connection.close();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
