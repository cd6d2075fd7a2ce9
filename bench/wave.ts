/**
 * The reminder wave (issue 12): N units whose reminders fall at the same instant, sent into a counting SMTP
 * sink on loopback by nodemailer alone and by the engine, on a Temporal dev server of the benchmark's own.
 *
 *   npm run bench:wave                                # 10,000 units (50 blocs × 200); writes bench/WAVE.md
 *   BENCH_UNITS=1000 npm run bench:wave               # 5 blocs × 200, for a quick try
 *   BENCH_UNITS=1000 BENCH_BLOCS=10 npm run bench:wave
 *
 * Each run is checked at the sink (every unit exactly once) and bounded by RUN_TIMEOUT_MS; every process the
 * benchmark starts is killed when it ends, on error too.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { connectClient } from '../client/connection';
import { startBlocYear } from '../client/start-year';
import { ensureDevServer, freePort, waitForPort } from '../scripts/provision';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../worker/dev-server-args';
import { registerSearchAttributes } from '../worker/search-attributes';
import { loadTemporalSettings } from '../worker/settings';
import type { naiveWave } from './naive-workflow';
import { memory } from './proc';
import type { RawSenderArgs } from './raw-sender';
import { startSink, type Sink, type Tally } from './sink';
import { blocOfWave, expectedAddresses, waveMessages, waveYear, type WaveShape } from './wave-bloc';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const BLOCS = Number(process.env.BENCH_BLOCS ?? Math.max(1, Math.round(UNITS / 200)));
const UNITS_PER_BLOC = UNITS / BLOCS;
const POOL = 10;
/** The raw sender's sends in flight: enough to keep every pooled connection busy. */
const LANES = 50;
/** Each run: from its start (raw) or its planned instant (Temporal) to the last message, at most. */
const RUN_TIMEOUT_MS = 5 * 60_000;
/** Workflows are started at least this long before their wave, so that their first tasks are long done. */
const LEAD_MS = 55_000;
/**
 * Between two blocs' starts. A workflow's timer runs from the moment its task began, so a first task that
 * waited behind fifty others (all started in the same instant) sets a wake-up late by that wait; blocs
 * whose years began apart, as they do, wake on time. Fifty blocs take ten seconds, well inside LEAD_MS.
 */
const STAGGER_MS = 200;
/** Waves the one-worker engine sends in a row, to see whether its memory grows with them. */
const WAVES_IN_ONE_WORKER = 5;
/** After the last expected message, how long a duplicate has to show up. */
const GRACE_MS = 2_000;
const ROOT = path.join(__dirname, '..', '..');
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));

// ---------------------------------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>();
/** The sink runs in this process. */
const SINK: Watched = { name: 'sink', pid: process.pid };
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function track(child: ChildProcess, name: string): { child: ChildProcess; exited: Promise<never>; tail: () => string } {
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}): ${tail.trim().split('\n').slice(-3).join(' | ')}`));
    }),
  );
  exited.catch(() => undefined);
  return { child, exited, tail: () => tail };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** CPU seconds the process has used, user and system. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

interface Cpu {
  /** By process name; 100 % = one core. */
  shares: Record<string, number>;
  /** The whole machine, whoever used it; 100 % = every core. */
  machine: number;
}

interface Watched {
  name: string;
  pid: number;
}

/** The whole machine's CPU time from /proc/stat, in clock ticks: busy (anything but idle and iowait) and all. */
function machineTicks(): { busy: number; all: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const all = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: all - (ticks[3] ?? 0) - (ticks[4] ?? 0), all };
}

/**
 * CPU shares (one core = 100 %) of processes between `start()` and `end()`, and `machine`: how busy all the
 * machine's cores were meanwhile, whoever used them (100 % = every core).
 */
function cpuMeter(procs: Watched[]) {
  let from = new Map<number, number>();
  let machineFrom = machineTicks();
  let at = 0;
  return {
    start() {
      from = new Map(procs.map((p) => [p.pid, cpuSeconds(p.pid)]));
      machineFrom = machineTicks();
      at = performance.now();
    },
    end(): Cpu {
      const wall = (performance.now() - at) / 1000;
      const machine = machineTicks();
      return {
        shares: Object.fromEntries(procs.map((p) => [p.name, (100 * (cpuSeconds(p.pid) - (from.get(p.pid) ?? 0))) / wall])),
        machine: (100 * (machine.busy - machineFrom.busy)) / (machine.all - machineFrom.all),
      };
    },
  };
}

async function startServer(): Promise<{ pid: number; address: string; exited: Promise<never> }> {
  const exe = await ensureDevServer((line) => say(`provision: ${line}`));
  const port = await freePort();
  // In memory, loopback only, no web UI; one partition per task queue as `npm start` runs it.
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--namespace', 'default', '--log-level', 'warn', ...ONE_PARTITION_PER_TASK_QUEUE];
  const server = track(spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] }), 'the Temporal dev server');
  await Promise.race([waitForPort(port, 60_000), server.exited]);
  return { pid: server.child.pid ?? 0, address: `127.0.0.1:${port}`, exited: server.exited };
}

/** A worker process; resolves once it polls its task queue. */
async function startWorker(script: string, env: NodeJS.ProcessEnv, name: string): Promise<{ child: ChildProcess; exited: Promise<never> } & Watched> {
  const w = track(spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }), name);
  const deadline = Date.now() + 60_000;
  while (!w.tail().includes("state: 'RUNNING'")) {
    if (Date.now() > deadline) throw new Error(`${name} did not start within 60 s: ${w.tail()}`);
    await Promise.race([sleep(100), w.exited]);
  }
  return { child: w.child, exited: w.exited, name, pid: w.child.pid ?? 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

interface Run {
  what: string;
  units: number;
  /** From the run's start (raw) or its planned instant (Temporal) to the last expected message. */
  timeToLast: number;
  perSecond: number;
  tally: Tally;
  complete: boolean;
  cpu: Cpu;
  /** Peak RSS of each sending process, MiB. */
  peakRss: Record<string, number>;
  /** For a Temporal run: ms from the planned instant to the first message. */
  firstAfter?: number;
}

interface Bench {
  sink: Sink;
  client: Client;
  server: Watched & { address: string; exited: Promise<never> };
  runs: Run[];
}

function measured(what: string, shape: WaveShape, t0: number, sink: Sink, complete: boolean, cpu: Cpu, procs: Watched[]): Run {
  const tally = sink.tally(expectedAddresses(shape));
  const units = shape.blocs * shape.units;
  const timeToLast = ((tally.lastAt ?? NaN) - t0) / 1000;
  const run: Run = {
    what,
    units,
    timeToLast,
    perSecond: units / timeToLast,
    tally,
    complete,
    cpu,
    peakRss: Object.fromEntries(procs.map((p) => [p.name, memory(p.pid).peak])),
    ...(shape.atMs > 0 && tally.firstAt !== undefined && { firstAfter: tally.firstAt - t0 }),
  };
  say(`  ${what}: ${tally.arrived} arrived, ${tally.duplicates} duplicates, ${tally.missing} missing, ${run.perSecond.toFixed(0)}/s, last after ${timeToLast.toFixed(1)} s`);
  return run;
}

async function rawRun(bench: Bench, mode: RawSenderArgs['mode'], what: string): Promise<Run> {
  say(`${what}…`);
  bench.sink.reset();
  const shape: WaveShape = { tag: `raw-${mode}`, blocs: BLOCS, units: UNITS_PER_BLOC, atMs: 0 };
  const args: RawSenderArgs = { mode, shape, smtpUrl: bench.sink.url, poolSize: POOL, lanes: LANES };
  const sender = track(fork(path.join(__dirname, 'raw-sender.js'), [JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }), 'the raw sender');
  try {
    const messages: { ready?: boolean; done?: boolean; failed?: number }[] = [];
    sender.child.on('message', (m: (typeof messages)[number]) => messages.push(m));
    const until = async (what: (m: (typeof messages)[number]) => boolean, deadline: number) => {
      while (!messages.some(what) && Date.now() < deadline) await Promise.race([sleep(50), sender.exited]);
    };
    await until((m) => m.ready === true, Date.now() + 120_000);
    const proc = { name: 'sender', pid: sender.child.pid ?? 0 };
    const meter = cpuMeter([proc, bench.server, SINK]);
    meter.start();
    const t0 = Date.now();
    sender.child.send('go');
    const complete = await bench.sink.waitForAll(expectedAddresses(shape), t0 + RUN_TIMEOUT_MS);
    const cpu = meter.end();
    await until((m) => m.done === true, Date.now() + 10_000);
    const failed = messages.find((m) => m.done)?.failed ?? 0;
    if (failed > 0) say(`  ${failed} sends failed at the sender`);
    await sleep(GRACE_MS);
    return measured(what, shape, t0, bench.sink, complete, cpu, [proc]);
  } finally {
    await stop(sender.child);
  }
}

/** The next whole minute at least LEAD_MS away. */
function waveInstant(): number {
  return DateTime.now().plus({ milliseconds: LEAD_MS }).endOf('minute').plus({ milliseconds: 1 }).toMillis();
}

/** Starts the wave's workflows with `start`, then measures from the planned instant; terminates them after. */
async function temporalRun(
  bench: Bench,
  what: string,
  tag: string,
  workers: Watched[],
  start: (shape: WaveShape, bloc: number) => Promise<string>,
): Promise<Run> {
  bench.sink.reset();
  const shape: WaveShape = { tag, blocs: BLOCS, units: UNITS_PER_BLOC, atMs: waveInstant() };
  say(`${what}: wave planned at ${new Date(shape.atMs).toISOString()}…`);
  const ids: string[] = [];
  for (let b = 1; b <= BLOCS; b++) {
    ids.push(await start(shape, b));
    await sleep(STAGGER_MS);
  }
  try {
    await sleep(shape.atMs - Date.now());
    const meter = cpuMeter([...workers, bench.server, SINK]);
    meter.start();
    const complete = await bench.sink.waitForAll(expectedAddresses(shape), shape.atMs + RUN_TIMEOUT_MS);
    const cpu = meter.end();
    await sleep(GRACE_MS);
    return measured(what, shape, shape.atMs, bench.sink, complete, cpu, workers);
  } finally {
    await Promise.all(ids.map((id) => bench.client.workflow.getHandle(id).terminate('wave measured').catch(() => undefined)));
  }
}

/**
 * Every wave starts new blocs, and the old ones, terminated, stay in a worker's workflow cache until it is full
 * (the SDK's default grows with the heap): so the cache holds one wave's blocs, as a worker's would hold the
 * blocs it serves, and memory that still grows from wave to wave is not the cache.
 */
function engineEnv(bench: Bench, taskQueue: string): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: bench.server.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_WORKFLOW_CACHE: String(BLOCS),
    SMTP_URL: bench.sink.url,
    SMTP_RATE: 'none',
    SMTP_POOL_SIZE: String(POOL),
  };
}

const ENGINE_WORKER = path.join(ROOT, 'dist', 'worker', 'main.js');

function startBlocs(bench: Bench, taskQueue: string) {
  return async (shape: WaveShape, bloc: number) => (await startBlocYear(bench.client, blocOfWave(shape, bloc), waveYear(shape), { taskQueue })).workflowId;
}

async function engineRuns(bench: Bench): Promise<{ rssAfter: { peak: number; now: number }[] }> {
  const one = await startWorker(ENGINE_WORKER, engineEnv(bench, 'wave-1'), 'worker');
  const rssAfter: { peak: number; now: number }[] = [];
  try {
    for (let wave = 1; wave <= WAVES_IN_ONE_WORKER; wave++) {
      const what = wave === 1 ? 'this engine, 1 worker' : `this engine, 1 worker, wave ${wave}`;
      bench.runs.push(await temporalRun(bench, what, `e1w${wave}`, [one], startBlocs(bench, 'wave-1')));
      rssAfter.push(memory(one.pid));
    }
  } finally {
    await stop(one.child);
  }
  const two = [
    await startWorker(ENGINE_WORKER, engineEnv(bench, 'wave-2'), 'worker A'),
    await startWorker(ENGINE_WORKER, engineEnv(bench, 'wave-2'), 'worker B'),
  ];
  try {
    bench.runs.push(await temporalRun(bench, 'this engine, 2 workers', 'e2', two, startBlocs(bench, 'wave-2')));
  } finally {
    await Promise.all(two.map((w) => stop(w.child)));
  }
  return { rssAfter };
}

async function naiveRun(bench: Bench): Promise<void> {
  const worker = await startWorker(path.join(__dirname, 'naive-worker.js'), engineEnv(bench, 'wave-naive'), 'worker');
  try {
    const start = async (shape: WaveShape, bloc: number) => {
      const workflowId = `naive-${shape.tag}-${bloc}`;
      await bench.client.workflow.start<typeof naiveWave>('naiveWave', { taskQueue: 'wave-naive', workflowId, args: [waveMessages(shape, bloc), shape.atMs] });
      return workflowId;
    };
    bench.runs.push(await temporalRun(bench, 'one activity per email (naive)', 'nv', [worker], start));
  } finally {
    await stop(worker.child);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const shares = (r: Run) => Object.entries(r.cpu.shares).map(([k, v]) => `${k} ${fmt(v)} %`).join(', ');

function report(runs: Run[], rssAfter: { peak: number; now: number }[], loads: { before: number[]; after: number[] }): { text: string; ok: boolean } {
  const find = (what: string) => runs.find((r) => r.what === what);
  const prebuilt = find('nodemailer alone, pool 10, one message pre-built');
  const building = find('nodemailer alone, pool 10, building each message');
  const one = find('this engine, 1 worker');
  const two = find('this engine, 2 workers');
  const naive = find('one activity per email (naive)');
  const ratio = (a?: Run, b?: Run) => (a && b ? a.perSecond / b.perSecond : NaN);
  // The worker's first wave is its coldest (code not yet optimised, connections not yet open), as the raw
  // sender's only run is; its median wave is what a worker that has been sending does.
  const waves = runs.filter((r) => r.what.startsWith('this engine, 1 worker')).sort((a, b) => a.perSecond - b.perSecond);
  const median = waves[Math.floor(waves.length / 2)];
  const vsRaw = ratio(one, building);
  const vsNaive = ratio(one, naive);
  const medianVsRaw = ratio(median, building);
  const medianVsNaive = ratio(median, naive);
  const scaling = ratio(two, median);
  const lag = one && building ? one.timeToLast / building.timeToLast : NaN;
  const medianLag = median && building ? median.timeToLast / building.timeToLast : NaN;
  // Memory that scales with waves grows by about as much with each; a heap that settles grows no more after the first ones.
  const peaks = rssAfter.map((m) => m.peak);
  const growthStops = peaks.length >= 2 && (peaks[peaks.length - 1] ?? Infinity) <= (peaks[peaks.length - 2] ?? 0) * 1.05;
  const allOnce = runs.every((r) => r.complete && r.tally.duplicates === 0 && r.tally.missing === 0);
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuInfo)?.[1] ?? 'unknown';
  const table = [
    '| what | messages/s | time to last | first after | duplicates | missing | others | CPU (100 % = one core) | machine busy | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.what} | ${fmt(r.perSecond)} | ${fmt(r.timeToLast, 1)} s | ${r.firstAfter === undefined ? '–' : `${fmt(r.firstAfter / 1000, 1)} s`} | ${r.tally.duplicates} | ${r.tally.missing}${r.complete ? '' : ' (timed out)'} | ${r.tally.others} | ${shares(r)} | ${fmt(r.cpu.machine)} % | ${Object.entries(r.peakRss).map(([k, v]) => `${k} ${fmt(v)} MiB`).join(', ')} |`,
    ),
  ].join('\n');
  const limit = (r?: Run) => {
    if (!r) return '';
    const total = Object.values(r.cpu.shares).reduce((a, b) => a + b, 0);
    const cores = os.cpus().length;
    const server = r.cpu.shares.server ?? 0;
    const others = Math.max(0, r.cpu.machine * cores - total);
    const busy = `The machine's ${cores} cores were ${fmt(r.cpu.machine)} % busy: ${fmt(total)} % of one core for the workers, the server and the sink, ${fmt(others)} % for other processes.`;
    if (server >= 90) return `${busy} The server is the limit: it used ${fmt(server)} % of a core.`;
    if (r.cpu.machine >= 90) return `${busy} The machine's cores are the limit, not the server.`;
    return `${busy} Neither the server nor the machine's cores were full.`;
  };
  const serverShare = (r?: Run) => `${fmt(r?.cpu.shares.server)} %, sink ${fmt(r?.cpu.shares.sink)}`;
  const workerShares = (r?: Run) => (r ? Object.entries(r.cpu.shares).filter(([k]) => k !== 'server' && k !== 'sink').map(([k, v]) => `${k} ${fmt(v)} %`).join(', ') : '–');
  const text = `# The reminder wave

Measured by \`npm run bench:wave\` (bench/wave.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${UNITS.toLocaleString('en')} units
(${BLOCS} blocs × ${UNITS_PER_BLOC}), one reminder each at the same instant, into the benchmark's own counting SMTP sink
(bench/sink.ts) on loopback, with a Temporal dev server of its own (in memory, one partition per task queue).
Machine: ${os.cpus().length} × ${model}; Node ${process.version}; load average before ${loads.before.map((l) => l.toFixed(2)).join(' ')},
after ${loads.after.map((l) => l.toFixed(2)).join(' ')} (the machine is shared, so figures are noisy).

Runs one after the other. nodemailer alone is the engine's pooled transport (pool ${POOL}) in a process of its own, ${LANES}
sends in flight; "building" composes each unit's reminder with the engine's own \`composeMail\` (activities/mail/compose.ts)
from the message the workflow builds, on the one thread that sends. The engine's runs are \`node dist/worker/main.js\` processes,
which compose on their composer thread (activities/mail/composer.ts) and send from their activity thread, with
SMTP_RATE=none, SMTP_POOL_SIZE=${POOL} and TEMPORAL_WORKFLOW_CACHE=${BLOCS}, timed from the wave's planned instant; the naive design is one
\`sendMessage\` activity per unit (bench/naive-workflow.ts). CPU shares (/proc/<pid>/stat) and how busy the
whole machine was (/proc/stat: every process, this benchmark's and others') are over each run's sending time;
peak RSS is VmHWM. A worker's RSS is read after each of ${WAVES_IN_ONE_WORKER} waves it sends in a row.

${table}

## Against the goals

| goal | measured | |
|---|---|---|
| 1 worker ≥ 0.8× nodemailer alone building each message: first wave | ${fmt(vsRaw, 2)}× | ${met(vsRaw >= 0.8)} |
| the same, median of the worker's ${waves.length} waves | ${fmt(medianVsRaw, 2)}× | ${met(medianVsRaw >= 0.8)} |
| 1 worker ≥ 3× one activity per email: first wave, median wave | ${fmt(vsNaive, 2)}×, ${fmt(medianVsNaive, 2)}× | ${met(vsNaive >= 3)}, ${met(medianVsNaive >= 3)} |
| the last message within 1.25× of nodemailer alone (building): first wave, median wave | ${fmt(lag, 2)}× (${fmt(one?.timeToLast, 1)} s against ${fmt(building?.timeToLast, 1)} s), ${fmt(medianLag, 2)}× (${fmt(median?.timeToLast, 1)} s) | ${met(lag <= 1.25)}, ${met(medianLag <= 1.25)} |
| 2 workers against 1 (its median wave) | ${fmt(scaling, 2)}× | ${scaling >= 1.6 ? '**scales**' : '**does not scale**'} (see below) |
| every unit exactly once, every run | ${allOnce ? 'yes' : 'no'} | ${met(allOnce)} |
| worker RSS does not grow with waves | RSS after each of ${rssAfter.length} waves in one worker: ${rssAfter.map((m) => `${fmt(m.now)} MiB (peak ${fmt(m.peak)})`).join(', ')} | ${met(growthStops)} |

For reference: nodemailer alone with one pre-built message is ${fmt(ratio(prebuilt, building), 1)}× the building sender.

**What limits two workers.** CPU shares during the waves (100 % = one core): 1 worker: ${workerShares(one)}, server
${serverShare(one)} %; 2 workers: ${workerShares(two)}, server ${serverShare(two)} %. ${limit(two)}
`;
  return { text, ok: allOnce };
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  if (!Number.isInteger(UNITS_PER_BLOC) || UNITS_PER_BLOC < 3) throw new Error(`BENCH_UNITS (${UNITS}) must be a multiple of BENCH_BLOCS (${BLOCS}), at least 3 units a bloc`);
  const loadsBefore = os.loadavg();
  const sink = await startSink();
  const started = await startServer();
  const { connection, client } = await connectClient(loadTemporalSettings({ TEMPORAL_ADDRESS: started.address }));
  try {
    await registerSearchAttributes(connection, 'default');
    const bench: Bench = { sink, client, server: { name: 'server', ...started }, runs: [] };
    say(`Temporal dev server ${started.address}, sink ${sink.url}; ${UNITS} units (${BLOCS} blocs × ${UNITS_PER_BLOC})`);
    const work = (async () => {
      bench.runs.push(await rawRun(bench, 'prebuilt', 'nodemailer alone, pool 10, one message pre-built'));
      bench.runs.push(await rawRun(bench, 'building', 'nodemailer alone, pool 10, building each message'));
      const { rssAfter } = await engineRuns(bench);
      await naiveRun(bench);
      return rssAfter;
    })();
    const rssAfter = await Promise.race([work, started.exited]);
    const { text, ok } = report(bench.runs, rssAfter, { before: loadsBefore, after: os.loadavg() });
    writeFileSync(path.join(ROOT, 'bench', 'WAVE.md'), text);
    say(`\n${text}`);
    return ok ? 0 : 1;
  } finally {
    await connection.close();
    await sink.close();
    await Promise.all([...children].map(stop));
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench:wave: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
