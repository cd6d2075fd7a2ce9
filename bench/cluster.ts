/**
 * What a province or a nation costs (issue 23): N bloc-years of 15 units on Temporal's own server on PostgreSQL
 * (scripts/cluster) and, for comparison, on the dev server (SQLite), each with two worker processes, one with its
 * workflow cache bounded (TEMPORAL_WORKFLOW_CACHE=100) and one unbounded (the SDK's default):
 *
 *   npm run bench:cluster                               # 500 bloc-years on each; writes bench/CLUSTER.md
 *   BENCH_YEARS=500,1000 BENCH_SERVERS=cluster npm run bench:cluster
 *
 * Measured: how fast the years start (16 starts in flight); one wave with every unit's reminder due at the same
 * instant (SMTP_RATE=none), counted at a sink on loopback (every unit exactly once); then history events and
 * database bytes per bloc-year, the board's overview (a visibility list of every year) and memory. A simulated
 * year is not run: the years here hold their first plan and one wave, the part of a year that costs most per day
 * (bench/REPORT.md measures a whole year's history on the time-skipping server). Everything listens on loopback;
 * everything started is stopped at the end, on error too.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DateTime } from 'luxon';
import { startBlocYear } from '../client/start-year';
import { freeClusterPorts, startCluster } from '../scripts/cluster/cluster';
import { DB_USER } from '../scripts/cluster/postgres';
import { ManagedProcess } from '../scripts/cluster/process';
import { REPO_ROOT } from '../scripts/repo-root';
import { startWorkerProcess, untilWorkersPoll } from '../scripts/cluster/workers';
import { ensureDevServer, freePort, waitForPort } from '../scripts/provision';
import { dataConverter } from '../worker/data-converter';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../worker/dev-server-args';
import { registerSearchAttributes } from '../worker/search-attributes';
import { memory } from './memory';
import { startSink, type Sink } from './sink';
import { blocOfWave, expectedAddresses, waveYear, type WaveShape } from './wave-bloc';

const YEARS = (process.env.BENCH_YEARS ?? '500').split(',').map(Number);
const SERVERS = (process.env.BENCH_SERVERS ?? 'cluster,dev').split(',');
const UNITS = 15;
const TASK_QUEUE = 'bench-cluster';
const STARTS_IN_FLIGHT = 16;
const BOUNDED_CACHE = 100;
const WAVE_TIMEOUT_MS = 5 * 60_000;
const GRACE_MS = 2_000;
const SAMPLE = 20;
/** The reminders' event this long after them: a wave slower than that would drop the reminders still owed. */
const EVENT_LEAD_MINUTES = 30;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));

interface Server {
  kind: string;
  address: string;
  dir: string;
  /** The server's processes whose memory is reported. */
  processes: () => { name: string; pid: number | undefined }[];
  /** Bytes the server's store holds now. */
  bytes(): Promise<number>;
  stop(): Promise<void>;
}

async function clusterServer(dir: string): Promise<Server> {
  const cluster = await startCluster({ dataDir: dir, ports: await freeClusterPorts(), log: (line) => say(`  cluster: ${line}`) });
  const psql = promisify(execFile);
  return {
    kind: 'cluster (PostgreSQL 15)',
    address: cluster.address,
    dir,
    processes: () => [
      ...Object.entries(cluster.services).map(([name, p]) => ({ name, pid: p.pid })),
      { name: 'postgres (postmaster)', pid: cluster.postgres.process.pid },
    ],
    async bytes() {
      const sql = "select sum(pg_database_size(datname)) from pg_database where datname in ('temporal', 'temporal_visibility')";
      const { stdout } = await psql('psql', ['-h', '127.0.0.1', '-p', String(cluster.postgres.port), '-U', DB_USER, '-d', 'postgres', '-tAc', sql], {
        env: { ...process.env, PGPASSWORD: cluster.postgres.password },
      });
      return Number(stdout.trim());
    },
    stop: () => cluster.stop(),
  };
}

async function devServer(dir: string): Promise<Server> {
  const exe = await ensureDevServer((line) => say(`  provision: ${line}`));
  const port = await freePort();
  const db = path.join(dir, 'temporal.sqlite');
  const proc = new ManagedProcess({
    name: 'dev server',
    command: exe,
    args: ['server', 'start-dev', '--db-filename', db, '--ip', '127.0.0.1', '--port', String(port), '--headless', '--namespace', 'default', '--log-level', 'warn', ...ONE_PARTITION_PER_TASK_QUEUE],
    logFile: path.join(dir, 'dev-server.log'),
  });
  proc.start();
  await Promise.race([waitForPort(port, 60_000), proc.failed]);
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  await registerSearchAttributes(connection, 'default');
  await connection.close();
  return {
    kind: 'dev server (SQLite file)',
    address: `127.0.0.1:${port}`,
    dir,
    processes: () => [{ name: 'dev server', pid: proc.pid }],
    bytes: async () => [db, `${db}-wal`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0),
    stop: () => proc.stop(),
  };
}

interface Row {
  server: string;
  years: number;
  startsPerSecond: number;
  messages: number;
  timeToLast: number;
  duplicates: number;
  missing: number;
  eventsPerYear: number;
  bytesPerYear: number;
  listAllMs: number;
  workerMiB: string;
  serverMiB: string;
}

/** Runs `work` over `items` with `width` in flight. */
async function inFlight<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

async function run(kind: string, years: number, sink: Sink): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bloc-bench-'));
  // PostgreSQL runs as another user when this runs as root.
  chmodSync(dir, 0o755);
  say(`${kind}, ${years} bloc-years of ${UNITS} units…`);
  const server = kind === 'cluster' ? await clusterServer(dir) : await devServer(dir);
  const workers: ManagedProcess[] = [];
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection, dataConverter });
    for (const [name, cache] of [['bounded', String(BOUNDED_CACHE)], ['unbounded', undefined]] as const) {
      const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, SMTP_URL: sink.url, SMTP_RATE: 'none', MAIL_FROM: 'khoi@khoi.example.vn' };
      if (cache) env.TEMPORAL_WORKFLOW_CACHE = cache;
      else delete env.TEMPORAL_WORKFLOW_CACHE;
      workers.push(startWorkerProcess({ name: `worker (${name})`, env, logFile: path.join(dir, `worker-${name}.log`) }));
    }
    await untilWorkersPoll(client, 'default', TASK_QUEUE, 2, Promise.race(workers.map((w) => w.failed)));
    const bytesBefore = await server.bytes();

    // The wave's instant: a whole minute after the starts are done (about 25 a second here) and planned.
    const atMs = DateTime.now().plus({ milliseconds: 40_000 + years * 60 }).endOf('minute').plus({ milliseconds: 1 }).toMillis();
    const shape: WaveShape = { tag: `${kind}${years}`, blocs: years, units: UNITS, atMs, leadMinutes: EVENT_LEAD_MINUTES };
    const ids: string[] = [];
    const started = Date.now();
    await inFlight(Array.from({ length: years }, (_, i) => i + 1), STARTS_IN_FLIGHT, async (b) => {
      ids.push((await startBlocYear(client, blocOfWave(shape, b), waveYear(shape), { taskQueue: TASK_QUEUE })).workflowId);
    });
    const startsPerSecond = years / ((Date.now() - started) / 1000);
    say(`  ${years} started at ${startsPerSecond.toFixed(1)}/s; wave at ${new Date(atMs).toISOString()}`);
    if (Date.now() > atMs) throw new Error('the starts took longer than the lead before the wave');

    sink.reset();
    const expected = expectedAddresses(shape);
    await sink.waitForAll(expected, atMs + WAVE_TIMEOUT_MS);
    await sleep(GRACE_MS);
    const tally = sink.tally(expected);
    const timeToLast = ((tally.lastAt ?? NaN) - atMs) / 1000;
    say(`  wave: ${tally.arrived} arrived, ${tally.duplicates} duplicates, ${tally.missing} missing, last after ${timeToLast.toFixed(1)} s`);

    let events = 0;
    for (const id of ids.slice(0, SAMPLE)) events += Number((await client.workflow.getHandle(id).describe()).historyLength);
    const bytesPerYear = ((await server.bytes()) - bytesBefore) / years;
    const listed = Date.now();
    let count = 0;
    for await (const execution of client.workflow.list({ query: `BlocYear = ${waveYear(shape)}` })) if (execution.workflowId) count++;
    const listAllMs = Date.now() - listed;
    say(`  board overview: ${count} years listed in ${listAllMs} ms`);

    const mib = (m: { peak: number; now: number }) => `${m.now.toFixed(0)} (peak ${m.peak.toFixed(0)})`;
    const row: Row = {
      server: server.kind,
      years,
      startsPerSecond,
      messages: tally.arrived,
      timeToLast,
      duplicates: tally.duplicates,
      missing: tally.missing,
      eventsPerYear: events / Math.min(SAMPLE, ids.length),
      bytesPerYear,
      listAllMs,
      workerMiB: workers.map((w) => `${w.spec.name.replace('worker ', '')} ${mib(memory(w.pid))}`).join(', '),
      serverMiB: server.processes().map((p) => `${p.name} ${memory(p.pid).now.toFixed(0)}`).join(', '),
    };
    await inFlight(ids, STARTS_IN_FLIGHT, async (id) => void (await client.workflow.getHandle(id).terminate('measured').catch(() => undefined)));
    return row;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: Row[]): string {
  const lines = [
    '# What it costs as it grows: the cluster against the dev server',
    '',
    `\`npm run bench:cluster\` (bench/cluster.ts), on this machine (${readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length} cores, shared with other work), ${new Date().toISOString().slice(0, 10)}.`,
    `Bloc-years of ${UNITS} units; two worker processes, one with its workflow cache bounded to ${BOUNDED_CACHE} years, one unbounded;`,
    'every unit\'s reminder due at the same instant (SMTP_RATE=none), counted at a sink on loopback. History events',
    `are the mean over ${SAMPLE} years after their start and the wave; bytes are what the store grew by, per year;`,
    'the board\'s overview is one visibility list of every year (`BlocYear = Y`). Memory in MiB (RSS, and the peak).',
    '',
    '| server | bloc-years | starts/s | wave: messages | time to last | duplicates | missing | events/year | bytes/year | overview (list all) | workers MiB | server MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map((r) =>
      `| ${r.server} | ${r.years} | ${r.startsPerSecond.toFixed(1)} | ${r.messages} | ${r.timeToLast.toFixed(1)} s | ${r.duplicates} | ${r.missing} | ${r.eventsPerYear.toFixed(0)} | ${(r.bytesPerYear / 1024).toFixed(1)} KiB | ${r.listAllMs} ms | ${r.workerMiB} | ${r.serverMiB} |`),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  // Exiting runs the handler that kills every process started (scripts/cluster/process.ts); a signal alone would not.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const sink = await startSink();
  const rows: Row[] = [];
  try {
    for (const years of YEARS) for (const kind of SERVERS) rows.push(await run(kind, years, sink));
  } finally {
    await sink.close();
  }
  const text = report(rows);
  writeFileSync(path.join(REPO_ROOT, 'bench', 'CLUSTER.md'), text);
  say(`\n${text}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:cluster: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
