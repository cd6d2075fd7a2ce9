/**
 * The console under a full office (issue 22): N signed-in secretariat sessions each fetching the sample bloc's
 * matrix as fast as it answers, for a while; then the province board's overview of many blocs. Everything on
 * this machine: a Temporal dev server of the benchmark's own, one engine worker process and the console as
 * `npm run web` runs them, each its own process.
 *
 *   npm run bench:console                        # 10 and 30 sessions, 20 s each, the view memory off and on; writes bench/CONSOLE.md
 *   BENCH_SECONDS=60 npm run bench:console       # as the issue measured
 *
 * Every process the benchmark starts is killed when it ends, on error too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { connectClient } from '../client/connection';
import { readYearPage } from '../client/year-page';
import { matrixBody } from '../web/pages/matrix';
import { workflowIdFor } from '../workflows/model';
import { startBlocYear } from '../client/start-year';
import { loadBlocConfig } from '../config/load';
import { ensureDevServer, freePort, waitForPort } from '../scripts/provision';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../worker/dev-server-args';
import { registerSearchAttributes } from '../worker/search-attributes';
import { loadTemporalSettings } from '../worker/settings';
import { addAccount } from '../client/accounts';
import { startSink } from './sink';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SESSIONS = (process.env.BENCH_SESSIONS ?? '10,30').split(',').map(Number);
/** Blocs on the board's overview. */
const BLOCS = Number(process.env.BENCH_BLOCS ?? 50);
const PASSWORD = 'mật-khẩu-đo-tốc-độ-2049';
const ROOT = path.join(__dirname, '..', '..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const children: ChildProcess[] = [];
function track(child: ChildProcess, name: string): ChildProcess {
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) say(`${name} exited (${code ?? signal})`);
  });
  return child;
}
let stopping = false;
function stopAll(): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}

/** A browser stand-in for the benchmark: one session's cookies, redirects not followed. */
class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async get(pathname: string): Promise<Response> {
    const response = await fetch(`${this.base}${pathname}`, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(response);
    return response;
  }

  async signIn(name: string): Promise<void> {
    const page = await (await this.get('/dang-nhap')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const body = new URLSearchParams({ name, password: PASSWORD, _csrf: token });
    const response = await fetch(`${this.base}/dang-nhap`, {
      method: 'POST',
      body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    this.keep(response);
    if (response.status !== 303) throw new Error(`sign-in of ${name}: ${response.status}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
}

interface Load {
  sessions: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Each session fetches `pathname` again as soon as it has the last answer, for `seconds`. */
async function load(sessions: Session[], pathname: string, seconds: number): Promise<Load> {
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < until) {
        const at = performance.now();
        const response = await s.get(pathname);
        await response.arrayBuffer();
        if (response.status === 200) times.push(performance.now() - at);
        else errors++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { sessions: sessions.length, requests: times.length, perSecond: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0, errors };
}

const PART_ROUNDS = 200;

/** One page's parts timed apart: what the view memory asks every time, what it spares, and what stays. */
async function pageParts(client: Client, workflowId: string): Promise<{ describe: number[]; query: number[]; render: number[] }> {
  const handle = client.workflow.getHandle(workflowId);
  const parts = { describe: [] as number[], query: [] as number[], render: [] as number[] };
  const timed = async <T>(into: number[], work: () => Promise<T> | T): Promise<T> => {
    const at = performance.now();
    const result = await work();
    into.push(performance.now() - at);
    return result;
  };
  for (let i = 0; i < PART_ROUNDS; i++) {
    await timed(parts.describe, () => handle.describe());
    const { view, schedule, stage } = await timed(parts.query, () => readYearPage(handle, new Date().toISOString()));
    await timed(parts.render, () => matrixBody('vi', view, schedule, stage, { onlyOverdue: false }, 15_000).toString());
  }
  for (const values of Object.values(parts)) values.sort((a, b) => a - b);
  return parts;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bloc-bench-console-'));
  const exe = await ensureDevServer((line) => say(`provision: ${line}`));
  const port = await freePort();
  track(spawn(exe, ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--namespace', 'default', '--log-level', 'warn', ...ONE_PARTITION_PER_TASK_QUEUE], { stdio: 'ignore' }), 'the dev server');
  await waitForPort(port, 60_000);
  const address = `127.0.0.1:${port}`;
  const env = { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default' };
  const { client, connection } = await connectClient(loadTemporalSettings({ TEMPORAL_ADDRESS: address }));
  await registerSearchAttributes(connection, 'default');
  const sink = await startSink();
  const taskQueue = 'bench-console';
  track(spawn(process.execPath, [path.join(ROOT, 'dist', 'worker', 'main.js')], { env: { ...env, TEMPORAL_TASK_QUEUE: taskQueue, SMTP_URL: sink.url, SMTP_RATE: 'none' }, stdio: 'ignore' }), 'the worker');

  const seed = loadBlocConfig(path.join(ROOT, 'config', 'blocs', 'dak-nong-khoi-4.yaml'));
  const year = new Date().getFullYear();
  const ids: string[] = [];
  for (let i = 0; i < BLOCS; i++) {
    const config = i === 0 ? seed : { ...seed, bloc: { ...seed.bloc, id: `${seed.bloc.id}-${i}`, name: `${seed.bloc.name} (${i})` } };
    ids.push(config.bloc.id);
    await startBlocYear(client, config, year, { taskQueue });
  }
  const accounts = path.join(dir, 'accounts.json');
  for (let i = 0; i < Math.max(...SESSIONS); i++) await addAccount(accounts, { name: `thu-ky-${i}`, role: 'secretariat', blocs: [seed.bloc.id] }, PASSWORD);
  await addAccount(accounts, { name: 'ban-tdkt', role: 'board', blocs: 'all' }, PASSWORD);
  /** The console as `npm run web` runs it; `viewSeconds` 0 asks the year's worker for every page, as before its memory. */
  const startConsole = async (viewSeconds: number) => {
    const webPort = await freePort();
    const vars = { BLOC_WEB_PORT: String(webPort), BLOC_WEB_ACCOUNTS: accounts, BLOC_WEB_SECRET: 'b'.repeat(40), BLOC_UPLOAD_DIR: path.join(dir, 'uploads'), BLOC_WEB_VIEW_SECONDS: String(viewSeconds) };
    track(spawn(process.execPath, [path.join(ROOT, 'dist', 'web', 'main.js')], { env: { ...env, ...vars }, stdio: 'ignore' }), `the console (${viewSeconds} s)`);
    await waitForPort(webPort, 60_000);
    return `http://127.0.0.1:${webPort}`;
  };
  const consoles = { without: await startConsole(0), with: await startConsole(5) };
  const matrix = `/khoi/${seed.bloc.id}/${year}`;

  // Every year answers its first query (planned), and visibility lists them all, before anything is timed.
  const board = new Session(consoles.without);
  await board.signIn('ban-tdkt');
  for (const id of ids) {
    for (;;) {
      const answer = await board.get(`/khoi/${id}/${year}`);
      await answer.arrayBuffer();
      if (answer.status === 200) break;
      await sleep(200);
    }
  }
  for (;;) {
    const listed = ((await (await board.get('/')).text()).match(/<tr><td><a href="\/khoi\//g) ?? []).length;
    if (listed >= BLOCS) break;
    await sleep(500);
  }

  const parts = await pageParts(client, workflowIdFor(seed.bloc.id, year));
  say(`one page's parts, one at a time, median ms: describe ${percentile(parts.describe, 50).toFixed(1)}, query ${percentile(parts.query, 50).toFixed(1)}, render ${percentile(parts.render, 50).toFixed(1)}`);

  /** `n` secretariat sessions on `pathname`, against each console in turn. */
  const office = async (pathname: string, n: number) => {
    const loads: { memory: boolean; load: Load }[] = [];
    for (const memory of [false, true]) {
      const sessions = Array.from({ length: n }, () => new Session(memory ? consoles.with : consoles.without));
      for (const [i, s] of sessions.entries()) await s.signIn(`thu-ky-${i}`);
      await load(sessions, pathname, 3);
      const measured = await load(sessions, pathname, SECONDS);
      say(`${pathname}, ${n} sessions, memory ${memory ? 'on' : 'off'}: ${measured.perSecond.toFixed(1)} req/s, p50 ${measured.p50.toFixed(0)} ms, p95 ${measured.p95.toFixed(0)} ms, errors ${measured.errors}`);
      loads.push({ memory, load: measured });
    }
    return loads;
  };
  const loads: { memory: boolean; load: Load }[] = [];
  for (const n of SESSIONS) loads.push(...(await office(matrix, n)));
  const secretariatOverviews = await office('/', Math.max(...SESSIONS));
  const overviews: { memory: boolean; load: Load }[] = [];
  for (const memory of [false, true]) {
    const boardSession = new Session(memory ? consoles.with : consoles.without);
    await boardSession.signIn('ban-tdkt');
    await load([boardSession], '/', 3);
    const measured = await load([boardSession], '/', Math.min(SECONDS, 10));
    say(`overview of ${BLOCS} blocs, one session, memory ${memory ? 'on' : 'off'}: p50 ${measured.p50.toFixed(0)} ms, p95 ${measured.p95.toFixed(0)} ms`);
    overviews.push({ memory, load: measured });
  }

  const row = ({ memory, load: l }: { memory: boolean; load: Load }) =>
    `| ${memory ? 'with the view memory (5 s)' : 'every page asks the worker (0 s)'} | ${l.sessions} | ${l.requests} | ${l.perSecond.toFixed(1)} | ${l.p50.toFixed(0)} | ${l.p95.toFixed(0)} | ${l.max.toFixed(0)} | ${l.errors} |`;
  const ms = (values: number[]) => `${percentile(values, 50).toFixed(1)} ms (p95 ${percentile(values, 95).toFixed(1)})`;
  const report = `# The console under a full office

\`npm run bench:console\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString().slice(0, 10)}, commit ${process.env.BENCH_COMMIT ?? 'unknown'}.
A dev server, one engine worker and two consoles (\`npm run web\`), each its own process on this machine, with the
benchmark's clients on the same cores; the sample bloc (9 units, 15 items) among ${BLOCS} running years. Each session
is a signed-in secretariat fetching the matrix again as soon as it has it, for ${SECONDS} s after 3 s of warm-up.
The two consoles differ only in \`BLOC_WEB_VIEW_SECONDS\`: 0 asks the year's worker for every page (the console
before its view memory), 5 is the default (client/year-page-cache.ts). Measured in the same run, one after the other.

| console | sessions | requests | req/s | p50 ms | p95 ms | max ms | errors |
|---|---|---|---|---|---|---|---|
${loads.map(row).join('\n')}

Where a page's time goes, one at a time, ${PART_ROUNDS} rounds, median (p95):

| part | time |
|---|---|
| the year's history length (describe: the server alone) | ${ms(parts.describe)} |
| the year's page (one query: server, then the worker) | ${ms(parts.query)} |
| rendering the matrix (in this process) | ${ms(parts.render)} |

With the memory on, a page whose year has not changed costs the describe, the session check and the HTTP: the
query (through the server to the worker, which judges the matrix) is asked once per change of the year's history,
and once per cut-off or \`BLOC_WEB_VIEW_SECONDS\` at most; the matrix's body is rendered once for all readers of the view
(web/console/matrix-bodies.ts). Every record, from any console or the CLI, grows the history, so the next page
reads it (test/unit/year-page-cache.test.ts, test/web/engine-answers.test.ts).

The overview page of the same secretariats (their one bloc: visibility, then the year's stage):

| console | sessions | requests | req/s | p50 ms | p95 ms | max ms | errors |
|---|---|---|---|---|---|---|---|
${secretariatOverviews.map(row).join('\n')}

The board's overview of the ${BLOCS} years (visibility, then each year's stage, six at a time), one session for ${Math.min(SECONDS, 10)} s after 3 s of warm-up:

| console | sessions | requests | req/s | p50 ms | p95 ms | max ms | errors |
|---|---|---|---|---|---|---|---|
${overviews.map(row).join('\n')}
`;
  writeFileSync(path.resolve(ROOT, 'bench', process.env.BENCH_REPORT ?? 'CONSOLE.md'), report);
  await connection.close();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((err: Error) => {
    stopAll();
    process.stderr.write(`bench:console: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
