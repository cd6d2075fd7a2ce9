/**
 * What the engine costs on a Temporal cluster as it grows (issue 23): for each size, a fresh `npm run cluster`
 * (PostgreSQL, Temporal's four services, two engine workers) of the benchmark's own under data/bench-cluster/,
 * on ports of its own, and a year of every bloc compressed into minutes; then the same start and wave on a dev
 * server, for comparison. Each size's figures go to bench/cluster-results.json (a later run of a size replaces
 * its row), and bench/CLUSTER.md is written from every size there.
 *
 *   npm run bench:cluster                       # 500, 1,000 and 2,000 bloc-years of 15 units
 *   BENCH_SIZES=50 npm run bench:cluster        # a quick try
 *   BENCH_SIZES= npm run bench:cluster          # measures nothing: bench/CLUSTER.md again from the results
 *
 * CLUSTER.md's conclusions are written by hand below its HAND_WRITTEN line, which a new report keeps.
 *
 * Every unit of every wave is checked at the sink (bench/sink.ts): exactly once. Every process the benchmark
 * starts is stopped when it ends, on error too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { batchesPerSecond, messagesPerBatch } from '../activities/pacing';
import { BATCH_SIZE } from '../activities/types';
import { connectClient } from '../client/connection';
import { findBlocYears } from '../client/listed-years';
import { startBlocYear } from '../client/start-year';
import type { BlocConfig } from '../config/schema';
import { freeClusterPorts, startCluster, type Cluster } from '../scripts/cluster/cluster';
import { ManagedProcess } from '../scripts/cluster/process';
import { startWorkerProcess } from '../scripts/cluster/workers';
import { ensureDevServer, freePort, waitForPort } from '../scripts/provision';
import { smallBloc } from '../test/support/fixtures';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../worker/dev-server-args';
import { registerSearchAttributes } from '../worker/search-attributes';
import { loadTemporalSettings } from '../worker/settings';
import { recordSubmission, timelineQuery } from '../workflows/messages';
import { memory } from './proc';
import { startSink, type Sink, type Tally } from './sink';
import { blocOfWave, expectedAddresses, unitAddress, waveYear, ZONE, type WaveShape } from './wave-bloc';

const exec = promisify(execFile);

const SIZES = (process.env.BENCH_SIZES ?? '500,1000,2000').split(',').filter((n) => n.trim() !== '').map(Number);
const UNITS = 15;
/** Units of each bloc the secretariat records as having submitted: 80 %, as bench/history-size.ts has it. */
const SUBMITTING = 12;
/** Starts, updates and queries in flight at once: a script working through a province's list. */
const IN_FLIGHT = 8;
/**
 * Between the first start and the wave: enough for every year to have planned on this machine (about 20 years/s
 * measured), so that the wave is timed from its planned instant and not from a backlog of first tasks.
 */
const leadMs = (years: number) => 45_000 + 100 * years;
/**
 * The compressed year's deadline, in minutes after the wave W: past the wave's end at 60 messages a second (the
 * cluster's pace here is about 80), so that no follow-up reaches a unit before the wave is counted.
 */
const deadlineMinutes = (blocs: number) => 2 + Math.ceil((blocs * UNITS) / 60 / 60);
/** From the follow-ups' instant or their last message, how long the sink must stay quiet for them to be all sent. */
const QUIET_MS = 15_000;
/** From its planned instant to the wave's last expected message, at most. */
const WAVE_TIMEOUT_MS = 10 * 60_000;
/** After the last expected message, how long a duplicate has to show up. */
const GRACE_MS = 3_000;
/** The relay's rate for the rated wave, and its blocs: 600 units, a minute at 10/s. */
const RATE_PER_SECOND = 10;
const RATED_BLOCS = 40;
const ratedRate = { perSecond: RATE_PER_SECOND, text: `${RATE_PER_SECOND}/s` };
/** Messages a second the rated wave can reach: each bloc-year's batch, whole, at the server's batch rate. */
const designPace = () => Math.min(UNITS, messagesPerBatch(ratedRate, BATCH_SIZE)) * (batchesPerSecond(ratedRate, BATCH_SIZE) ?? NaN);
const BOUNDED_CACHE = 100;
/** worker/settings.ts's ceiling: no eviction at these sizes. */
const UNBOUNDED_CACHE = 100_000;
const LISTINGS = 5;
/** Years whose histories are read for their events and bytes. */
const SAMPLED = 20;
/**
 * A real year of 15 units, from bench/REPORT.md (the seed plan on the time-skipping server): 851 events for 9 units,
 * 1,192 for 20, so about 1,040 for 15 between them.
 */
const REAL_YEAR_EVENTS = 1_040;
const CONSOLE_QUERY = "ExecutionStatus = 'Running'";
const PLANNED_QUERY = 'OverdueCount >= 0';
const NAMESPACE = 'default';
const TASK_QUEUE = 'bloc-engine';

const ROOT = path.join(__dirname, '..', '..');
const DATA = path.join(ROOT, 'data', 'bench-cluster');
const RESULTS = path.join(ROOT, 'bench', 'cluster-results.json');
const REPORT = path.join(ROOT, 'bench', 'CLUSTER.md');
const HAND_WRITTEN = '<!-- Measured figures above, written by bench/cluster.ts; conclusions below, by hand, kept by a new report. -->';

const say = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const loadavg = () => os.loadavg().map((l) => Number(l.toFixed(2)));

/**
 * Runs `work` over `items` with IN_FLIGHT of them at a time. The first failure stops every lane, and is thrown once
 * they have all stopped: none still calls a server being shut down.
 */
async function inFlight<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lanes = await Promise.allSettled(Array.from({ length: IN_FLIGHT }, async () => {
    try {
      while (!failed && next < items.length) await work(items[next++] as T);
    } catch (err) {
      failed = true;
      throw err;
    }
  }));
  const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * A bloc's year in minutes: its 15 units reminded of a deadline at the wave's instant W, the secretariat records
 * SUBMITTING of them, the deadline some minutes later (deadlineMinutes), a follow-up to the rest and a digest to
 * the leader and the secretariat a minute after it. No handover: it would start the next year.
 */
function compressedYear(shape: WaveShape, bloc: number): BlocConfig {
  const wave = DateTime.fromMillis(shape.atMs, { zone: ZONE });
  const deadline = deadlineMinutes(shape.blocs);
  const due = (minutes: number) => {
    const at = wave.plus({ minutes });
    return { on: at.toFormat('d/M'), at: at.toFormat('HH:mm') };
  };
  return smallBloc((c) => {
    c.bloc = { ...c.bloc, id: `${shape.tag}-b${bloc}`, name: `Khối ${shape.tag} số ${bloc}` };
    c.units = Array.from({ length: shape.units }, (_, i) => ({ id: `u${i + 1}`, name: `Đơn vị ${i + 1}`, emails: [unitAddress(shape.tag, bloc, i + 1)] }));
    c.roles = { leader: 'u1', deputy: 'u2' };
    // A deadline is a minute, even on a day off; the daily sending hour lies twelve hours away, so that each
    // message goes at its own minute instead of being folded into a day's.
    c.deadlines = { rollOffDays: false };
    c.reminders = { at: wave.minus({ hours: 12 }).toFormat('HH:mm'), followUp: { every: 'PT1M', max: 1 }, escalateTo: ['leader', 'secretariat'] };
    c.items = [
      { id: 'bao-cao', kind: 'deadline', title: 'Báo cáo nhanh', from: 'all', to: ['leader'], due: due(deadline), reminders: { before: [`PT${deadline}M`] } },
    ];
  });
}

/** The first whole minute at least `lead` ms away. */
function instantAfter(lead: number): number {
  return DateTime.now().plus({ milliseconds: lead }).endOf('minute').plus({ milliseconds: 1 }).toMillis();
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

interface Worker {
  proc: ManagedProcess;
  logFile: string;
}

/** Engine workers that died unasked during the current size, with their last words. */
const crashes: string[] = [];

/** An engine worker as `npm run cluster` runs it; resolves once it polls. */
async function startWorker(name: string, address: string, sink: Sink, logs: string, env: NodeJS.ProcessEnv): Promise<Worker> {
  const logFile = path.join(logs, `${name}.log`);
  await fs.rm(logFile, { force: true });
  const proc = startWorkerProcess({
    name,
    env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, SMTP_URL: sink.url, SMTP_RATE: 'none', ...env },
    logFile,
  });
  // A worker that dies is started again once, as systemd's Restart=on-failure would, and the crash is reported.
  proc.failed.catch((err: Error) => {
    crashes.push(`${new Date().toISOString().slice(11, 19)} ${err.message}`);
    say(`  CRASH: ${err.message}; started again`);
    proc.start();
  });
  const deadline = Date.now() + 60_000;
  // Its own log, not the server's list of pollers, which still names workers stopped a minute ago.
  while (!(await fs.readFile(logFile, 'utf8').catch(() => '')).includes("state: 'RUNNING'")) {
    if (!proc.alive || Date.now() > deadline) throw new Error(`${name} did not start: ${proc.lastLines()}`);
    await sleep(200);
  }
  return { proc, logFile };
}

const workerMemory = (w: Worker) => (w.proc.alive ? memory(w.proc.pid ?? 0) : { now: NaN, peak: NaN });

async function startDevServer(logs: string): Promise<{ proc: ManagedProcess; address: string }> {
  const exe = await ensureDevServer((line) => say(`provision: ${line}`));
  const port = await freePort();
  // In memory, loopback only, no web UI; one partition per task queue, as `npm start` runs it.
  const proc = new ManagedProcess({
    name: 'the Temporal dev server',
    command: exe,
    args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--namespace', NAMESPACE, '--log-level', 'warn', ...ONE_PARTITION_PER_TASK_QUEUE],
    logFile: path.join(logs, 'dev-server.log'),
  });
  proc.start();
  await Promise.race([waitForPort(port, 60_000), proc.failed]);
  return { proc, address: `127.0.0.1:${port}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

interface Starts {
  /** Client side: every start answered. */
  startedPerSecond: number;
  /** Until visibility shows every year planned (its OverdueCount published). */
  plannedPerSecond: number;
  plannedSeconds: number;
  /** The wave's instant less the moment the last year was seen planned: below 0, the wave was late. */
  marginSeconds: number;
}

interface Wave {
  units: number;
  seconds: number;
  firstAfter: number;
  perSecond: number;
  duplicates: number;
  missing: number;
  complete: boolean;
}

/** Starts `years` compressed years, `IN_FLIGHT` at a time, and waits until visibility shows each planned. */
async function startYears(client: Client, shape: WaveShape, build: (shape: WaveShape, bloc: number) => BlocConfig): Promise<{ ids: string[]; starts: Starts }> {
  const blocs = Array.from({ length: shape.blocs }, (_, i) => i + 1);
  const ids: string[] = [];
  const t0 = performance.now();
  await inFlight(blocs, async (b) => void ids.push((await startBlocYear(client, build(shape, b), waveYear(shape), { taskQueue: TASK_QUEUE })).workflowId));
  const started = (performance.now() - t0) / 1000;
  const deadline = shape.atMs + WAVE_TIMEOUT_MS;
  while ((await client.workflow.count(PLANNED_QUERY)).count < shape.blocs) {
    if (Date.now() > deadline) throw new Error(`fewer than ${shape.blocs} years planned by ${new Date(deadline).toISOString()}`);
    await sleep(250);
  }
  const planned = (performance.now() - t0) / 1000;
  const starts = { startedPerSecond: shape.blocs / started, plannedPerSecond: shape.blocs / planned, plannedSeconds: planned, marginSeconds: (shape.atMs - Date.now()) / 1000 };
  say(`  ${shape.blocs} years: started at ${starts.startedPerSecond.toFixed(1)}/s, all planned after ${planned.toFixed(1)} s (${starts.plannedPerSecond.toFixed(1)}/s), ${starts.marginSeconds.toFixed(0)} s before the wave`);
  return { ids, starts };
}

/** Every unit of `shape` once at the sink, timed from `atMs`; the sink forgets what came before. */
async function wave(sink: Sink, shape: WaveShape, atMs: number, what: string): Promise<Wave> {
  await sleep(atMs - 2_000 - Date.now());
  sink.reset();
  const expected = expectedAddresses(shape);
  const complete = await sink.waitForAll(expected, atMs + WAVE_TIMEOUT_MS);
  await sleep(GRACE_MS);
  const tally: Tally = sink.tally(expected);
  const seconds = ((tally.lastAt ?? NaN) - atMs) / 1000;
  const result = { units: expected.length, seconds, firstAfter: ((tally.firstAt ?? NaN) - atMs) / 1000, perSecond: expected.length / seconds, duplicates: tally.duplicates, missing: tally.missing, complete };
  say(`  ${what}: ${tally.arrived} arrived, ${tally.duplicates} duplicates, ${tally.missing} missing; first after ${result.firstAfter.toFixed(1)} s, last after ${seconds.toFixed(1)} s (${result.perSecond.toFixed(0)}/s)`);
  return result;
}

/** What the sink received, once it has had nothing for QUIET_MS since `fromMs` or since its last message after it. */
async function untilQuiet(sink: Sink, fromMs: number): Promise<number> {
  await sleep(fromMs - Date.now());
  const deadline = Date.now() + WAVE_TIMEOUT_MS;
  while (Date.now() < deadline && Date.now() - Math.max(fromMs, sink.tally([]).lastAt ?? 0) < QUIET_MS) await sleep(1_000);
  return sink.tally([]).arrived;
}

interface DbSizes {
  temporal: number;
  visibility: number;
  historyNode: number;
  executions: number;
  executionsVisibility: number;
}

async function psql(cluster: Cluster, database: string, sql: string): Promise<number[]> {
  const { stdout } = await exec('psql', ['-h', '127.0.0.1', '-p', String(cluster.postgres.port), '-U', 'temporal', '-d', database, '-At', '-F', ' ', '-c', sql], {
    env: { ...process.env, PGPASSWORD: cluster.postgres.password },
  });
  return stdout.trim().split(/\s+/).map(Number);
}

async function dbSizes(cluster: Cluster): Promise<DbSizes> {
  const [temporal = NaN, historyNode = NaN, executions = NaN] = await psql(cluster, 'temporal',
    "select pg_database_size('temporal'), pg_total_relation_size('history_node'), pg_total_relation_size('executions')");
  const [visibility = NaN, executionsVisibility = NaN] = await psql(cluster, 'temporal_visibility',
    "select pg_database_size('temporal_visibility'), pg_total_relation_size('executions_visibility')");
  return { temporal, visibility, historyNode, executions, executionsVisibility };
}

const minus = (a: DbSizes, b: DbSizes): DbSizes => ({
  temporal: a.temporal - b.temporal,
  visibility: a.visibility - b.visibility,
  historyNode: a.historyNode - b.historyNode,
  executions: a.executions - b.executions,
  executionsVisibility: a.executionsVisibility - b.executionsVisibility,
});

/** Events and encoded bytes of SAMPLED years' histories: medians. */
async function histories(client: Client, ids: string[]): Promise<{ events: number; bytes: number }> {
  const step = Math.max(1, Math.floor(ids.length / SAMPLED));
  const sample = ids.filter((_, i) => i % step === 0).slice(0, SAMPLED);
  const events: number[] = [];
  const bytes: number[] = [];
  for (const id of sample) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    events.push(history.events?.length ?? 0);
    bytes.push(temporal.api.history.v1.History.encode(history).finish().length);
  }
  return { events: median(events), bytes: median(bytes) };
}

/** The console's overview of every bloc, LISTINGS times: its median and each. */
async function listings(client: Client, years: number): Promise<{ median: number; each: number[]; found: number }> {
  const each: number[] = [];
  let found = 0;
  for (let i = 0; i < LISTINGS; i++) {
    const t0 = performance.now();
    found = (await findBlocYears(client, CONSOLE_QUERY)).length;
    each.push(Math.round(performance.now() - t0));
  }
  if (found < years) throw new Error(`the overview listed ${found} years of ${years}`);
  say(`  overview of ${found} years: median ${median(each)} ms (${each.join(', ')})`);
  return { median: median(each), each, found };
}

interface CacheRun {
  cache: number;
  /** Years replayed a second, each by a query. */
  replayedPerSecond: number;
  rss: number;
  peak: number;
  /** Queries that failed: years not held. */
  failures: number;
}

/** One worker alone, made to hold every year by a query to each: its memory after. */
async function cacheRun(client: Client, cluster: Cluster, sink: Sink, logs: string, ids: string[], cache: number): Promise<CacheRun> {
  const worker = await startWorker(`cache-${cache}`, cluster.address, sink, logs, { TEMPORAL_WORKFLOW_CACHE: String(cache) });
  try {
    // Each year's sticky queue still names the worker that ran it last, now stopped: the server would hold
    // every query there for the sticky timeout before giving it to this worker.
    await inFlight(ids, async (workflowId) => void (await client.workflowService.resetStickyTaskQueue({ namespace: NAMESPACE, execution: { workflowId } })));
    const t0 = performance.now();
    // A year that will not answer is counted, not fatal: the memory of the others is still worth reading.
    const failures: string[] = [];
    await inFlight(ids, async (id) => void (await client.workflow.getHandle(id).query(timelineQuery).catch((err: Error) => failures.push(`${id}: ${err.message}`))));
    const seconds = (performance.now() - t0) / 1000;
    const m = workerMemory(worker);
    const run = { cache, replayedPerSecond: (ids.length - failures.length) / seconds, rss: m.now, peak: m.peak, failures: failures.length };
    say(`  one worker, cache ${cache}: ${run.replayedPerSecond.toFixed(0)} years replayed/s, ${failures.length} failed${failures[0] ? ` (${failures[0]})` : ''}; RSS ${m.now.toFixed(0)} MiB, peak ${m.peak.toFixed(0)} MiB`);
    return run;
  } finally {
    await worker.proc.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A size

interface SizeResult {
  years: number;
  units: number;
  at: string;
  load: { before: number[]; after: number[] };
  cluster: {
    starts: Starts;
    wave: Wave;
    submissions: { updates: number; perSecond: number };
    /** Follow-ups and digests after the deadline: messages the sink received. */
    followUps: number;
    historyEvents: number;
    historyBytes: number;
    /** Growth from the cluster's start (namespace and search attributes in place) to the year's end, bytes. */
    growth: DbSizes;
    /** The two workers that ran the year (SDK's default cache): RSS and peak, MiB. */
    workers: { rss: number; peak: number }[];
    overview: { median: number; each: number[]; found: number };
    caches: CacheRun[];
  };
  rated?: Wave & { rate: number };
  dev: { starts: Starts; wave: Wave };
  /** Engine workers that died unasked, on the cluster or the dev server. */
  crashes: string[];
}

/** The relay's rate on the cluster: two workers with SMTP_RATE sharing it, a wave of RATED_BLOCS blocs. */
async function ratedWave(client: Client, cluster: Cluster, sink: Sink, logs: string): Promise<Wave & { rate: number }> {
  const env = { SMTP_RATE: ratedRate.text };
  const workers = [await startWorker('rated-1', cluster.address, sink, logs, env), await startWorker('rated-2', cluster.address, sink, logs, env)];
  try {
    const shape: WaveShape = { tag: 'rated', blocs: RATED_BLOCS, units: UNITS, atMs: instantAfter(leadMs(RATED_BLOCS)) };
    say(`rated wave, ${RATE_PER_SECOND}/s: ${RATED_BLOCS * UNITS} units at ${new Date(shape.atMs).toISOString()}`);
    await startYears(client, shape, blocOfWave);
    return { ...(await wave(sink, shape, shape.atMs, `rated wave at ${RATE_PER_SECOND}/s`)), rate: RATE_PER_SECOND };
  } finally {
    await Promise.all(workers.map((w) => w.proc.stop()));
  }
}

async function onCluster(years: number, sink: Sink, withRated: boolean): Promise<Pick<SizeResult, 'cluster' | 'rated'>> {
  const dataDir = path.join(DATA, `n${years}`);
  await fs.rm(dataDir, { recursive: true, force: true });
  const logs = path.join(dataDir, 'logs');
  const cluster = await startCluster({ dataDir, ports: await freeClusterPorts(), log: (line) => say(`cluster: ${line}`) });
  const { connection, client } = await connectClient(loadTemporalSettings({ TEMPORAL_ADDRESS: cluster.address }));
  const workers: Worker[] = [];
  try {
    say(`cluster ${cluster.address} (PostgreSQL ${cluster.postgres.port}), data ${path.relative(ROOT, dataDir)}`);
    const before = await dbSizes(cluster);
    for (const name of ['worker-1', 'worker-2']) workers.push(await startWorker(name, cluster.address, sink, logs, {}));
    const shape: WaveShape = { tag: `c${years}`, blocs: years, units: UNITS, atMs: instantAfter(leadMs(years)) };
    say(`${years} years on the cluster, wave at ${new Date(shape.atMs).toISOString()}`);
    const { ids, starts } = await Promise.race([startYears(client, shape, compressedYear), cluster.failed]);
    const first = await Promise.race([wave(sink, shape, shape.atMs, 'the wave, SMTP_RATE none'), cluster.failed]);
    sink.reset();
    const submitting = (async () => {
      const t0 = performance.now();
      const updates = ids.flatMap((id) => Array.from({ length: SUBMITTING }, (_, u) => ({ id, unitId: `u${u + 1}` })));
      await inFlight(updates, async ({ id, unitId }) => void (await client.workflow.getHandle(id).executeUpdate(recordSubmission, { args: [{ unitId, itemId: 'bao-cao' }] })));
      const perSecond = updates.length / ((performance.now() - t0) / 1000);
      say(`  ${updates.length} submissions recorded at ${perSecond.toFixed(0)}/s`);
      return { updates: updates.length, perSecond };
    })();
    const submissions = await submitting;
    const followUps = await untilQuiet(sink, shape.atMs + (deadlineMinutes(years) + 1) * 60_000);
    say(`  ${followUps} follow-ups and digests`);
    const after = await dbSizes(cluster);
    const { events, bytes } = await histories(client, ids);
    say(`  history: ${events} events, ${(bytes / 1024).toFixed(0)} KiB a year (median of ${Math.min(SAMPLED, ids.length)})`);
    const workerMem = workers.map((w) => ({ rss: workerMemory(w).now, peak: workerMemory(w).peak }));
    const overview = await listings(client, years);
    await Promise.all(workers.splice(0).map((w) => w.proc.stop()));
    const caches = [await cacheRun(client, cluster, sink, logs, ids, BOUNDED_CACHE), await cacheRun(client, cluster, sink, logs, ids, UNBOUNDED_CACHE)];
    const rated = withRated ? await ratedWave(client, cluster, sink, logs) : undefined;
    return {
      cluster: { starts, wave: first, submissions, followUps, historyEvents: events, historyBytes: bytes, growth: minus(after, before), workers: workerMem, overview, caches },
      ...(rated && { rated }),
    };
  } finally {
    await Promise.all(workers.map((w) => w.proc.stop()));
    await connection.close();
    await cluster.stop();
  }
}

/** The same start and wave on a dev server of the benchmark's own, with the same two workers. */
async function onDevServer(years: number, sink: Sink): Promise<SizeResult['dev']> {
  const logs = path.join(DATA, `n${years}`, 'logs');
  await fs.mkdir(logs, { recursive: true });
  const server = await startDevServer(logs);
  const { connection, client } = await connectClient(loadTemporalSettings({ TEMPORAL_ADDRESS: server.address }));
  const workers: Worker[] = [];
  try {
    await registerSearchAttributes(connection, NAMESPACE);
    for (const name of ['dev-worker-1', 'dev-worker-2']) workers.push(await startWorker(name, server.address, sink, logs, {}));
    const shape: WaveShape = { tag: `d${years}`, blocs: years, units: UNITS, atMs: instantAfter(leadMs(years)) };
    say(`${years} years on the dev server ${server.address}, wave at ${new Date(shape.atMs).toISOString()}`);
    const { starts } = await Promise.race([startYears(client, shape, compressedYear), server.proc.failed]);
    return { starts, wave: await Promise.race([wave(sink, shape, shape.atMs, 'the wave on the dev server'), server.proc.failed]) };
  } finally {
    await Promise.all(workers.map((w) => w.proc.stop()));
    await connection.close();
    await server.proc.stop();
  }
}

async function size(years: number, sink: Sink, withRated: boolean): Promise<SizeResult> {
  const before = loadavg();
  const at = new Date().toISOString();
  crashes.length = 0;
  const onC = await onCluster(years, sink, withRated);
  const dev = await onDevServer(years, sink);
  return { years, units: UNITS, at, load: { before, after: loadavg() }, ...onC, dev, crashes: [...crashes] };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const f = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const kib = (bytes: number) => f(bytes / 1024, 1);
const mib = (bytes: number) => f(bytes / 1024 / 1024, 1);
const onceEach = (w: Wave) => (w.complete && w.duplicates === 0 && w.missing === 0 ? 'yes' : `**no** (${w.duplicates} duplicates, ${w.missing} missing)`);

function report(results: SizeResult[]): string {
  const rows = (cells: (r: SizeResult) => string[]) => results.map((r) => `| ${[f(r.years), ...cells(r)].join(' | ')} |`).join('\n');
  const header = (...names: string[]) => `| bloc-years | ${names.join(' | ')} |\n|---:|${names.map(() => '---:').join('|')}|`;
  const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const rated = results.find((r) => r.rated)?.rated;
  return `# The engine on a Temporal cluster, as it grows

Measured by \`npm run bench:cluster\` (bench/cluster.ts); raw figures in bench/cluster-results.json. Machine:
${os.cpus().length} × ${cpu}, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, possibly shared with other
runs: the load averages below (1, 5, 15 min), taken before and after each size, say how busy it was.

**What runs.** For each size a fresh cluster as \`npm run cluster\` runs it (scripts/cluster/): PostgreSQL from Debian
under data/bench-cluster/n<size>/, Temporal server 1.29.1 as four processes (frontend, history, matching,
internal worker; config/cluster/, 16 history shards, the mail queue with one partition), two engine workers
(\`node dist/worker/main.js\`, SMTP_RATE=none, the SDK's default workflow cache), and the benchmark's counting SMTP
sink (bench/sink.ts). Then the same start and first wave on a dev server (\`temporal server start-dev\`, in memory,
one partition per task queue, as bench/wave.ts runs it) with the same two workers.

**The compressed year.** Time-skipping cannot run against PostgreSQL, so each bloc's year is squeezed into
minutes (compressedYear in bench/cluster.ts, built on test/support/fixtures.ts's smallBloc): 15 units; a deadline
whose only reminder falls at W, a whole minute at least ${f(45)} s + 100 ms × years after the first start, so that
every year has planned; the secretariat records ${SUBMITTING} of the 15 units as submitted (one \`recordSubmission\` update
each, ${IN_FLIGHT} in flight) from the wave's end; the deadline at W + 2 min + a minute for each 3,600 units (past the
wave's end), a follow-up to the units not yet recorded and a digest to the leader and the secretariat a minute
later. Deadlines do not roll off days off, and the daily sending hour is twelve hours away, so each message
goes at its minute. No handover (it would start the next year). It is a smaller year than a real one: a real
year of 15 units writes about ${f(REAL_YEAR_EVENTS)} events (bench/REPORT.md, time-skipping server, 851 for 9 units and
1,192 for 20), so the per-year bytes are also given scaled to that, at the bytes per event measured here.

## 1. Starting years

Years started by \`startBlocYear\` (client/start-year.ts), ${IN_FLIGHT} in flight, as a script working through a province's
list would; "planned" is when a visibility count (\`${PLANNED_QUERY}\`) finds every year, i.e. each has run its
first task and published its search attributes (what test/support/web.ts's \`planned\` waits for, counted at once).

${header('started/s (cluster)', 'planned after', 'planned/s', 'margin before the wave', 'started/s (dev server)', 'planned/s (dev server)', 'load before → after')}
${rows((r) => [f(r.cluster.starts.startedPerSecond, 1), `${f(r.cluster.starts.plannedSeconds, 1)} s`, f(r.cluster.starts.plannedPerSecond, 1), `${f(r.cluster.starts.marginSeconds)} s`, f(r.dev.starts.startedPerSecond, 1), f(r.dev.starts.plannedPerSecond, 1), `${r.load.before.join(' ')} → ${r.load.after.join(' ')}`])}

## 2. History and PostgreSQL bytes per bloc-year

Events and encoded size: the median of ${SAMPLED} years' histories, read after the follow-ups. Bytes: growth of
\`pg_database_size\` of each database and \`pg_total_relation_size\` of its main tables, from the cluster ready (namespace
and search attributes in place) to the compressed year's end, divided by the years. Dead rows of timer and transfer
tasks are in the database size until autovacuum reclaims them.

${header('events a year', 'history (encoded)', 'temporal DB a year', 'history_node', 'executions', 'visibility DB a year', 'executions_visibility', 'history_node per event', `a real year (${f(REAL_YEAR_EVENTS)} events), history_node`)}
${rows((r) => {
    const g = r.cluster.growth;
    const perEvent = g.historyNode / r.years / r.cluster.historyEvents;
    return [f(r.cluster.historyEvents), `${kib(r.cluster.historyBytes)} KiB`, `${kib(g.temporal / r.years)} KiB`, `${kib(g.historyNode / r.years)} KiB`, `${kib(g.executions / r.years)} KiB`, `${kib(g.visibility / r.years)} KiB`, `${kib(g.executionsVisibility / r.years)} KiB`, `${f(perEvent)} B`, `${kib(perEvent * REAL_YEAR_EVENTS)} KiB`];
  })}

Totals (growth over the run): ${results.map((r) => `${f(r.years)} years: temporal ${mib(r.cluster.growth.temporal)} MiB, visibility ${mib(r.cluster.growth.visibility)} MiB`).join('; ')}.

## 3. The worker's memory

During the year, the two workers with the SDK's default cache (600 workflows per GiB of heap less 200 MiB: about
2,300 with Node's default 4 GiB heap here), each holding the years it ran. Then one worker alone, its cache bounded (TEMPORAL_WORKFLOW_CACHE=${BOUNDED_CACHE})
and unbounded (${f(UNBOUNDED_CACHE)}, worker/settings.ts's ceiling), made to replay every year by one query each
(\`timeline\`, ${IN_FLIGHT} in flight): with the cache unbounded it then holds every year.

${header('2 workers during the year: RSS / peak', `1 worker, cache ${BOUNDED_CACHE}: RSS / peak`, '1 worker, unbounded: RSS / peak', 'each year held beyond the bounded cache\'s', 'replayed/s (bounded, unbounded)')}
${rows((r) => {
    const [bounded, unbounded] = r.cluster.caches;
    return [
      r.cluster.workers.map((w) => `${f(w.rss)} / ${f(w.peak)} MiB`).join(', '),
      `${f(bounded?.rss)} / ${f(bounded?.peak)} MiB`,
      `${f(unbounded?.rss)} / ${f(unbounded?.peak)} MiB`,
      unbounded && bounded && r.years > BOUNDED_CACHE ? `${f(((unbounded.rss - bounded.rss) * 1024) / (r.years - BOUNDED_CACHE))} KiB` : '–',
      `${f(bounded?.replayedPerSecond)}, ${f(unbounded?.replayedPerSecond)}${(bounded?.failures ?? 0) + (unbounded?.failures ?? 0) > 0 ? ` (queries failed: ${bounded?.failures}, ${unbounded?.failures})` : ''}`,
    ];
  })}

## 4. The wave: every unit due at the same instant

The compressed year's first reminder, to every unit of every bloc at W, timed from W to the last message at the
sink; every unit checked exactly once. Then the secretariat's records (\`recordSubmission\` updates, ${IN_FLIGHT} in flight), and
the follow-ups and digests after the deadline.

${header('units', 'cluster: last after', 'messages/s', 'first after', 'exactly once', 'dev server: last after', 'messages/s', 'first after', 'exactly once', 'submissions recorded/s', 'follow-ups and digests')}
${rows((r) => [f(r.cluster.wave.units), `${f(r.cluster.wave.seconds, 1)} s`, f(r.cluster.wave.perSecond), `${f(r.cluster.wave.firstAfter, 1)} s`, onceEach(r.cluster.wave), `${f(r.dev.wave.seconds, 1)} s`, f(r.dev.wave.perSecond), `${f(r.dev.wave.firstAfter, 1)} s`, onceEach(r.dev.wave), f(r.cluster.submissions.perSecond), f(r.cluster.followUps)])}

${rated ? `**At a relay's rate.** Two workers with SMTP_RATE=${rated.rate}/s (one rate shared by both, held by the server on the
mail queue's one partition), a wave of ${f(rated.units)} units (${RATED_BLOCS} blocs × ${UNITS}, bench/wave-bloc.ts): the last message
${f(rated.seconds, 1)} s after the wave's instant, the first ${f(rated.firstAfter, 1)} s after; units / rate = ${f(rated.units / rated.rate, 1)} s, so
the rate is ${f(rated.perSecond, 2)}/s against ${rated.rate}/s asked; every unit exactly once: ${onceEach(rated)}. The design's own pace for
blocs of ${UNITS} explains the gap: the server dispatches ${f(batchesPerSecond(ratedRate, BATCH_SIZE), 2)} batches a second (one per ten seconds' worth, ${BATCH_SIZE}
messages, activities/pacing.ts), but a batch holds one bloc-year's messages, ${UNITS} here, so the wave goes at
${f(designPace(), 1)}/s, ${f(rated.units / designPace(), 1)} s. At the measured pace a province's wave of
${results.map((r) => `${f(r.years * UNITS)} units (${f(r.years)} blocs) takes ${f((r.years * UNITS) / rated.perSecond / 60, 1)} min`).join(', ')}
(at the full ${rated.rate}/s it would be ${results.map((r) => `${f((r.years * UNITS) / rated.rate / 60, 1)}`).join(', ')} min).` : ''}

## 5. The board's overview of every bloc

\`findBlocYears\` (client/listed-years.ts) with the console's query for the whole province (\`${CONSOLE_QUERY}\`) on
PostgreSQL visibility, ${LISTINGS} times in a row after the year: every running year, page by page.

${header('years listed', 'median', 'each')}
${rows((r) => [f(r.cluster.overview.found), `${f(r.cluster.overview.median)} ms`, r.cluster.overview.each.map((ms) => `${ms} ms`).join(', ')])}

Engine workers that died unasked (each started again once, as systemd would): ${results.map((r) => `${f(r.years)} years: ${r.crashes.length === 0 ? 'none' : r.crashes.join('; ')}`).join('. ')}.

Measured: ${results.map((r) => `${f(r.years)} at ${r.at.slice(0, 16).replace('T', ' ')} UTC`).join('; ')}.
`;
}

/** The report of `results`, with the conclusions CLUSTER.md already has. */
function writeReport(results: SizeResult[]): void {
  const current = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  const at = current.indexOf(HAND_WRITTEN);
  writeFileSync(REPORT, `${report(results)}\n${at >= 0 ? current.slice(at) : `${HAND_WRITTEN}\n`}`);
}

function readResults(): SizeResult[] {
  return existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as SizeResult[]) : [];
}

async function main(): Promise<void> {
  if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SIZES: whole numbers of bloc-years, e.g. 500,1000`);
  const sink = await startSink();
  try {
    for (const [i, years] of SIZES.entries()) {
      const result = await size(years, sink, i === 0);
      // A size measured again replaces its row; a rated wave measured before is kept when this run had none.
      const kept = readResults();
      const previous = kept.find((r) => r.years === years);
      const merged = [...kept.filter((r) => r.years !== years), { ...result, ...(!result.rated && previous?.rated && { rated: previous.rated }) }].sort((a, b) => a.years - b.years);
      writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
      writeReport(merged);
    }
    writeReport(readResults());
    say(`\n${readFileSync(REPORT, 'utf8')}`);
  } finally {
    await sink.close();
  }
}

// Ctrl-C and kill end the process through its exit handlers, which kill every process the benchmark started
// (scripts/cluster/process.ts): a signal's default would leave them running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:cluster: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
