/**
 * PostgreSQL for the cluster, from the machine's own binaries (Debian's postgresql package): its own data folder,
 * listening on loopback only, no Unix socket, one role `temporal` with a password. PostgreSQL refuses to run as
 * root, and CI runs as root: then the folder is given to an unprivileged user (BLOC_CLUSTER_PG_USER, by default
 * `nobody`) and every PostgreSQL process runs as that user.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess } from './process';

const exec = promisify(execFile);

/** The database role the Temporal services and the SQL tool log in as. */
export const DB_USER = 'temporal';
const READY_MS = 60_000;

export interface PostgresOptions {
  /** Holds `postgres/` (the cluster's data), `db-password` and `logs/`. */
  dataDir: string;
  port: number;
  log: (line: string) => void;
}

export interface Postgres {
  port: number;
  password: string;
  /** True when this start created the data folder. */
  created: boolean;
  process: ManagedProcess;
  /** A clean stop (fast shutdown) and a start on the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL in /usr/lib/postgresql (Debian's layout), or BLOC_PG_BINDIR, or the PATH. */
function binary(name: string): string {
  const dir = process.env.BLOC_PG_BINDIR;
  if (dir) return path.join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin', name)).find((file) => existsSync(file));
  return found ?? name;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** Root hands the work to an unprivileged user; anyone else runs PostgreSQL as themselves. */
async function runAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const user = process.env.BLOC_CLUSTER_PG_USER || 'nobody';
  try {
    const [uid, gid] = await Promise.all([exec('id', ['-u', user]), exec('id', ['-g', user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(`PostgreSQL cannot run as root, and there is no user "${user}" to run it as: create one (useradd --system ${user}) or set BLOC_CLUSTER_PG_USER`);
  }
}

/**
 * The password is made at the first start and kept beside the data, readable by its owner only; a first start
 * with BLOC_CLUSTER_DB_PASSWORD set uses that one instead. Never in the repository.
 */
async function password(file: string): Promise<string> {
  const kept = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (kept !== undefined) return kept.trim();
  const made = process.env.BLOC_CLUSTER_DB_PASSWORD || randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${made}\n`, { mode: 0o600 });
  return made;
}

async function initdb(pgData: string, secret: string, as: RunAs, log: PostgresOptions['log']): Promise<void> {
  log(`creating the PostgreSQL data folder ${pgData}`);
  await fs.mkdir(pgData, { recursive: true, mode: 0o700 });
  // initdb reads the superuser's password from a file the user it runs as can read; removed at once.
  const pwFile = path.join(pgData, '..', `.initdb-password-${process.pid}`);
  await fs.writeFile(pwFile, secret, { mode: 0o600 });
  try {
    if (as.uid !== undefined) {
      await fs.chown(pgData, as.uid, as.gid!);
      await fs.chown(pwFile, as.uid, as.gid!);
    }
    await new Promise<void>((resolve, reject) =>
      execFile(
        binary('initdb'),
        ['-D', pgData, '-U', DB_USER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C.UTF-8'],
        { uid: as.uid, gid: as.gid, timeout: 120_000 },
        (err, _stdout, stderr) => (err ? reject(new Error(`initdb failed: ${stderr.trim().split('\n').pop() ?? err.message}`)) : resolve()),
      ),
    );
  } catch (err) {
    await fs.rm(pgData, { recursive: true, force: true });
    throw err;
  } finally {
    await fs.rm(pwFile, { force: true });
  }
}

async function ready(port: number, proc: ManagedProcess): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const answered = await exec(binary('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).then(() => true, () => false);
    if (answered) return;
    if (!proc.alive) throw new Error(`PostgreSQL did not start: ${proc.lastLines()}`);
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer on 127.0.0.1:${port} within ${READY_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startPostgres({ dataDir, port, log }: PostgresOptions): Promise<Postgres> {
  const pgData = path.join(dataDir, 'postgres');
  const logs = path.join(dataDir, 'logs');
  await fs.mkdir(logs, { recursive: true });
  const as = await runAs();
  const secret = await password(path.join(dataDir, 'db-password'));
  const created = !existsSync(path.join(pgData, 'PG_VERSION'));
  if (created) await initdb(pgData, secret, as, log);
  const proc = new ManagedProcess({
    name: 'postgres',
    command: binary('postgres'),
    // Settings on the command line rather than in postgresql.conf, so that the port may change between starts.
    args: ['-D', pgData, '-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', 'unix_socket_directories=',
      // Four services with up to 30 connections each, the SQL tool and a person with psql.
      '-c', 'max_connections=200'],
    ...as,
    logFile: path.join(logs, 'postgres.log'),
    // Fast shutdown: open transactions are rolled back, and nothing needs recovering at the next start.
    stopSignal: 'SIGINT',
    stopTimeoutMs: 30_000,
  });
  const start = async () => {
    proc.start();
    await ready(port, proc);
  };
  await start();
  return {
    port,
    password: secret,
    created,
    process: proc,
    restart: async () => {
      await proc.stop();
      await start();
    },
    stop: () => proc.stop(),
  };
}
