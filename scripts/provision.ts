/**
 * Provisions the Temporal servers the engine and its tests run on, without the SDK's own download
 * (which needs the open internet): the `temporal` CLI (dev server) is built from the Go module proxy, and so
 * are Temporal's own server and its SQL tool (the cluster on PostgreSQL, scripts/cluster.ts); the Java
 * time-skipping test server is fetched from Maven Central. GreenMail, the mail server (SMTP and IMAP)
 * the mailbox tests read, is fetched from Maven Central too. All are cached under `~/.cache/bloc-engine/`
 * (or BLOC_CACHE_DIR), checked on every use and fetched again when broken.
 *
 * `node dist/scripts/provision.js` provisions all of them and prints their paths.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGreenMail } from './greenmail';
import { freePort, waitForPort } from './ports';

// Where the tests and the benchmarks have always found them.
export { freePort, portAnswers, waitForPort } from './ports';

export const TEMPORAL_CLI_VERSION = '1.5.1';
/** The server CLI 1.5.1 embeds: the cluster runs what the dev server runs. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
export const TEST_SERVER_VERSION = '1.38.0';
export const GREENMAIL_VERSION = '2.1.13';
/** CLI 1.5.1 wants Go 1.25; from 1.21 on, `go` fetches the toolchain a module asks for by itself. */
const MIN_GO: readonly [number, number] = [1, 21];
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';
const WRAPPER = 'test-server.sh';
const CLASS_ARCHIVE = 'classes.jsa';
const MANIFEST = 'manifest.json';

export type ServerKind = 'dev-server' | 'cluster-server' | 'test-server' | 'greenmail';

/** A failure a person can act on; its message is one line. */
export class ProvisionError extends Error {}

export type Log = (line: string) => void;

export function cacheDir(): string {
  return process.env.BLOC_CACHE_DIR || path.join(os.homedir(), '.cache', 'bloc-engine');
}

/** The `temporal` CLI: TEMPORAL_CLI_PATH if set, else the cached build, built on first use (~3 min cold). */
export async function ensureDevServer(log: Log = () => {}): Promise<string> {
  const override = process.env.TEMPORAL_CLI_PATH;
  if (override) {
    const problem = await cliProblem(override);
    if (problem) throw new ProvisionError(`TEMPORAL_CLI_PATH=${override}: ${problem}`);
    return override;
  }
  const dir = devServerDir();
  const exe = path.join(dir, 'temporal');
  if (!(await cliProblem(exe, TEMPORAL_CLI_VERSION))) return exe;
  await throwIfBlocked('dev-server');
  log(`building temporal CLI ${TEMPORAL_CLI_VERSION} with go into ${dir} (about 3 min the first time)`);
  await buildAtomically(dir, async (tmp) => {
    await run('go', [
      'install',
      '-ldflags',
      `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
      `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
    ], { env: { ...process.env, GOBIN: tmp }, timeoutMs: 20 * 60_000 });
    const problem = await cliProblem(path.join(tmp, 'temporal'), TEMPORAL_CLI_VERSION);
    if (problem) throw new ProvisionError(`the freshly built temporal CLI ${problem}`);
  });
  return exe;
}

export interface ClusterExecutables {
  /** `temporal-server start --service …`: one of the four services a process. */
  server: string;
  /** `temporal-sql-tool`: creates and updates the schemas, embedded in it, of both databases. */
  sqlTool: string;
}

/** Temporal's server and its SQL tool, built together into the cache on first use (~9 min cold on two cores, 8 s with Go's build cache warm). */
export async function ensureClusterServer(log: Log = () => {}): Promise<ClusterExecutables> {
  const dir = clusterServerDir();
  const exes = clusterExecutables(dir);
  if (!(await clusterServerProblem(exes))) return exes;
  await throwIfBlocked('cluster-server');
  log(`building temporal-server and temporal-sql-tool ${TEMPORAL_SERVER_VERSION} with go into ${dir} (about 9 min the first time on two cores)`);
  await buildAtomically(dir, async (tmp) => {
    const module = `go.temporal.io/server`;
    await run('go', [
      'install', '-ldflags', '-s -w',
      `${module}/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
      `${module}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    ], { env: { ...process.env, GOBIN: tmp }, timeoutMs: 30 * 60_000 });
    // `go install` names them after their folders; the names Temporal's own images give them are clearer.
    const built = clusterExecutables(tmp);
    await fs.rename(path.join(tmp, 'server'), built.server);
    await fs.rename(path.join(tmp, 'sql'), built.sqlTool);
    const problem = await clusterServerProblem(built);
    if (problem) throw new ProvisionError(`the freshly built ${problem}`);
  });
  return exes;
}

/**
 * The time-skipping test server: TEMPORAL_TEST_SERVER_PATH if set, else a wrapper script in the cache that
 * `exec`s java, so that the SDK's SIGKILL on teardown reaches the JVM itself.
 */
export async function ensureTestServer(log: Log = () => {}): Promise<string> {
  const override = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (override) {
    if (!(await isExecutable(override))) {
      throw new ProvisionError(`TEMPORAL_TEST_SERVER_PATH=${override}: not an executable file`);
    }
    return override;
  }
  const dir = testServerDir();
  const wrapper = path.join(dir, WRAPPER);
  if (await testServerProblem(dir)) {
    await throwIfBlocked('test-server');
    log(`fetching temporal-test-server ${TEST_SERVER_VERSION} with maven into ${dir}`);
    await buildAtomically(dir, async (tmp) => {
      await fetchTestServer(tmp);
      await startsListening(path.join(tmp, WRAPPER));
    });
  }
  await quickenTestServer(dir, log);
  return wrapper;
}

/**
 * GreenMail's standalone jar (one file, its dependencies inside): GREENMAIL_JAR if set, else the cached copy,
 * fetched by Maven with its checksums enforced against Maven Central's `.sha1`, then proved by starting it.
 */
export async function ensureGreenMail(log: Log = () => {}): Promise<string> {
  const override = process.env.GREENMAIL_JAR;
  if (override) {
    if (!(await isFile(override))) throw new ProvisionError(`GREENMAIL_JAR=${override}: not a file`);
    return override;
  }
  const dir = greenMailDir();
  const jar = path.join(dir, GREENMAIL_JAR);
  if (!(await greenMailProblem(dir))) return jar;
  await throwIfBlocked('greenmail');
  log(`fetching greenmail-standalone ${GREENMAIL_VERSION} with maven into ${dir}`);
  await buildAtomically(dir, async (tmp) => {
    await run('mvn', [
      '-q', '-B', '--strict-checksums',
      `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=com.icegreen:greenmail-standalone:${GREENMAIL_VERSION}`,
      `-DoutputDirectory=${tmp}`,
    ], { timeoutMs: 20 * 60_000 });
    await writeManifest(tmp, tmp);
    await greenMailStarts(path.join(tmp, GREENMAIL_JAR));
  });
  return jar;
}

/**
 * The GreenMail jar when it can start without fetching anything (GREENMAIL_JAR, or the cache, and java): what
 * `npm start` needs, which must come up in well under two minutes on a fresh clone.
 */
export async function greenMailAtHand(): Promise<string | undefined> {
  if (await commandMissing('java', ['-version'])) return undefined;
  const jar = process.env.GREENMAIL_JAR || path.join(greenMailDir(), GREENMAIL_JAR);
  const ready = process.env.GREENMAIL_JAR ? await isFile(jar) : !(await greenMailProblem(greenMailDir()));
  return ready ? jar : undefined;
}

/**
 * Why this machine can provide no server of this kind: no override, no usable cache and no toolchain to
 * build one. Undefined when `ensure…` can succeed. The test support falls back to the SDK's own download
 * when this returns a reason, and that download needs the open internet.
 */
export async function whyCannotProvision(kind: ServerKind): Promise<string | undefined> {
  if (kind === 'dev-server') {
    if (process.env.TEMPORAL_CLI_PATH) return undefined;
    if (!(await cliProblem(path.join(devServerDir(), 'temporal'), TEMPORAL_CLI_VERSION))) return undefined;
    const go = await goProblem();
    return go && `cannot build the Temporal dev server: ${go}; install Go >= ${MIN_GO.join('.')} (apt-get install golang) or set TEMPORAL_CLI_PATH to an existing \`temporal\` CLI`;
  }
  if (kind === 'cluster-server') {
    if (!(await clusterServerProblem(clusterExecutables(clusterServerDir())))) return undefined;
    const go = await goProblem();
    return go && `cannot build the Temporal server: ${go}; install Go >= ${MIN_GO.join('.')} (apt-get install golang)`;
  }
  const [what, variable] = kind === 'greenmail' ? ['GreenMail', 'GREENMAIL_JAR'] : ['the Temporal test server', 'TEMPORAL_TEST_SERVER_PATH'];
  if (process.env[variable]) return undefined;
  const noJava = await commandMissing('java', ['-version']);
  const cached = !(await (kind === 'greenmail' ? greenMailProblem(greenMailDir()) : testServerProblem(testServerDir())));
  if (!noJava && cached) return undefined;
  const missing = [noJava && 'java', (await commandMissing('mvn', ['-version'])) && 'mvn'].filter(Boolean);
  return missing.length === 0
    ? undefined
    : `cannot fetch ${what}: ${missing.join(' and ')} not found; apt-get install openjdk-17-jre-headless maven, or set ${variable} to an existing ${kind === 'greenmail' ? 'greenmail-standalone jar' : 'test server executable'}`;
}

async function throwIfBlocked(kind: ServerKind): Promise<void> {
  const reason = await whyCannotProvision(kind);
  if (reason) throw new ProvisionError(reason);
}

function devServerDir(): string {
  return path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

function clusterServerDir(): string {
  return path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

function clusterExecutables(dir: string): ClusterExecutables {
  return { server: path.join(dir, 'temporal-server'), sqlTool: path.join(dir, 'temporal-sql-tool') };
}

function testServerDir(): string {
  return path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`);
}

function greenMailDir(): string {
  return path.join(cacheDir(), `greenmail-${GREENMAIL_VERSION}`);
}

const GREENMAIL_JAR = `greenmail-standalone-${GREENMAIL_VERSION}.jar`;

/** What is wrong with a `temporal` executable, or undefined when it runs (and is `version`, if given). */
async function cliProblem(exe: string, version?: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(exe, ['--version'], { timeoutMs: 30_000 });
    if (!stdout.startsWith('temporal version')) return `does not look like the temporal CLI ("${firstLine(stdout)}")`;
    if (version && !stdout.startsWith(`temporal version ${version} `)) return `is not version ${version}`;
    return undefined;
  } catch (err) {
    return `does not run (${(err as Error).message})`;
  }
}

/** What is wrong with the server or its SQL tool, or undefined when both run and the server is the version wanted. */
async function clusterServerProblem({ server, sqlTool }: ClusterExecutables): Promise<string | undefined> {
  try {
    const { stdout } = await run(server, ['--version'], { timeoutMs: 30_000 });
    if (!stdout.includes(` ${TEMPORAL_SERVER_VERSION}`)) return `temporal-server is not version ${TEMPORAL_SERVER_VERSION} ("${firstLine(stdout)}")`;
    await run(sqlTool, ['--version'], { timeoutMs: 30_000 });
    return undefined;
  } catch (err) {
    return `temporal server does not run (${(err as Error).message})`;
  }
}

async function goProblem(): Promise<string | undefined> {
  let version: string;
  try {
    version = firstLine((await run('go', ['version'])).stdout);
  } catch {
    return '`go` not found';
  }
  const match = /go(\d+)\.(\d+)/.exec(version);
  const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
  const tooOld = !match || major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1]);
  return tooOld ? `${version} is older than ${MIN_GO.join('.')}` : undefined;
}

async function commandMissing(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeoutMs: 30_000 });
    return false;
  } catch {
    return true;
  }
}

/** Checked once per process: hashing the jars costs ~0.1 s, and a test run asks several times. */
const intactCaches = new Set<string>();

/** What is wrong with the jars in `jarDir` against the SHA-256 manifest in `dir`, or undefined when intact. */
async function jarsProblem(dir: string, jarDir: string): Promise<string | undefined> {
  if (intactCaches.has(dir)) return undefined;
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as Record<string, string>;
  } catch {
    return 'no manifest';
  }
  const jars = (await fs.readdir(jarDir).catch(() => [] as string[])).filter((f) => f.endsWith('.jar'));
  if (jars.length === 0 || jars.sort().join() !== Object.keys(manifest).sort().join()) return 'jars missing';
  for (const jar of jars) {
    if ((await sha256(path.join(jarDir, jar))) !== manifest[jar]) return `${jar} is corrupt`;
  }
  intactCaches.add(dir);
  return undefined;
}

/** The SHA-256 of every jar in `jarDir`, written to `dir`'s manifest: what later uses check the cache against. */
async function writeManifest(dir: string, jarDir: string): Promise<void> {
  const jars = (await fs.readdir(jarDir)).filter((f) => f.endsWith('.jar'));
  const manifest: Record<string, string> = {};
  for (const jar of jars.sort()) manifest[jar] = await sha256(path.join(jarDir, jar));
  await fs.writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function testServerProblem(dir: string): Promise<string | undefined> {
  if (!(await isExecutable(path.join(dir, WRAPPER)))) return 'no wrapper script';
  return jarsProblem(dir, path.join(dir, 'lib'));
}

async function greenMailProblem(dir: string): Promise<string | undefined> {
  if (!(await isFile(path.join(dir, GREENMAIL_JAR)))) return 'no jar';
  return jarsProblem(dir, dir);
}

async function fetchTestServer(dir: string): Promise<void> {
  const pom = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bloc-engine</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
  const pomPath = path.join(dir, 'pom.xml');
  await fs.writeFile(pomPath, pom);
  await run('mvn', [
    '-q', '-B', '-f', pomPath,
    `${DEPENDENCY_PLUGIN}:copy-dependencies`,
    `-DoutputDirectory=${path.join(dir, 'lib')}`,
    '-DincludeScope=runtime',
  ], { timeoutMs: 20 * 60_000 });
  await fs.rm(pomPath);
  await writeManifest(dir, path.join(dir, 'lib'));
  await fs.writeFile(path.join(dir, WRAPPER), testServerWrapper(), { mode: 0o755 });
}

/**
 * The script finds its jars relative to itself, so the cache folder may move; `exec` keeps one process. A test
 * server lives for one test file, seconds of work: the C1 compiler alone spends less of the two cores than
 * tiered compilation, and the archive of its loaded classes (quickenTestServer) spares parsing them again at
 * every start. A JVM that cannot map the archive (another Java, a moved folder) starts without it, silently.
 */
function testServerWrapper(): string {
  return `#!/bin/sh
# Temporal time-skipping test server ${TEST_SERVER_VERSION}; the SDK passes the port as the only argument.
dir="$(cd "$(dirname "$0")" && pwd)"
archive=""
[ -f "$dir/${CLASS_ARCHIVE}" ] && archive="-XX:SharedArchiveFile=$dir/${CLASS_ARCHIVE} -Xlog:cds=off -Xlog:cds+dynamic=off"
exec "\${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 $archive -cp "$dir/lib/*" ${TEST_SERVER_MAIN} "$@"
`;
}

/**
 * Brings a cached test server's wrapper up to date and, once, dumps the archive of the classes it loads while
 * it answers the calls a test makes (about 2.5 times faster to open its port, measured on two cores). The archive
 * names the jars by absolute path, so it is made in the cache folder itself; a failure only leaves it out.
 */
async function quickenTestServer(dir: string, log: Log): Promise<void> {
  const wrapper = path.join(dir, WRAPPER);
  if ((await fs.readFile(wrapper, 'utf8').catch(() => '')) !== testServerWrapper()) {
    await fs.writeFile(`${wrapper}.${process.pid}.tmp`, testServerWrapper(), { mode: 0o755 });
    await fs.rename(`${wrapper}.${process.pid}.tmp`, wrapper);
  }
  const archive = path.join(dir, CLASS_ARCHIVE);
  if (await isFile(archive)) return;
  const tmp = `${archive}.${process.pid}.tmp`;
  try {
    await dumpClassArchive(dir, tmp);
    await fs.rename(tmp, archive);
  } catch (err) {
    log(`the test server's class archive was not made (${firstLine((err as Error).message)}); it starts without one`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Runs the wrapper itself, so that the archive records exactly the class path every later start gives. */
async function dumpClassArchive(dir: string, target: string): Promise<void> {
  const port = await freePort();
  const env = { ...process.env, JAVA_TOOL_OPTIONS: `-XX:ArchiveClassesAtExit=${target}` };
  const child = spawn(path.join(dir, WRAPPER), [String(port)], { stdio: 'ignore', env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await Promise.race([waitForPort(port, 30_000), exited.then((code) => Promise.reject(new Error(`the test server exited with ${code}`)))]);
    await answerTestCalls(`127.0.0.1:${port}`);
  } finally {
    // The JVM writes the archive as it exits on SIGTERM.
    child.kill('SIGTERM');
  }
  await exited;
  if (!(await isFile(target))) throw new Error('the test server wrote no archive');
}

/** Calls every test file makes of its server: a connection, search attributes, a workflow and its history. */
async function answerTestCalls(address: string): Promise<void> {
  const { Connection, Client } = await import('@temporalio/client');
  const { temporal } = await import('@temporalio/proto');
  const connection = await Connection.connect({ address });
  try {
    await connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: { ArchiveProbe: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
    });
    const client = new Client({ connection });
    const handle = await client.workflow.start('archiveProbe', { taskQueue: 'archive-probe', workflowId: 'archive-probe' });
    await handle.describe();
    await handle.fetchHistory();
    await handle.terminate('archive probe');
  } finally {
    await connection.close();
  }
}

/** Proves a freshly fetched test server works: it must open its port (about 2 s on two cores). */
async function startsListening(wrapper: string): Promise<void> {
  const port = await freePort();
  const child = spawn(wrapper, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new ProvisionError(`the test server exited with ${code}: ${lastLine(stderr)}`))),
  );
  try {
    await Promise.race([waitForPort(port, 30_000), exited]);
  } finally {
    child.kill('SIGKILL');
  }
}

/** Proves a freshly fetched GreenMail works: it must open both its ports, with a user to read. */
async function greenMailStarts(jar: string): Promise<void> {
  const [smtpPort, imapPort] = [await freePort(), await freePort()];
  const server = await startGreenMail(jar, { smtpPort, imapPort, users: [{ login: 'probe', password: 'probe', address: 'probe@localhost' }] }).catch((err: Error) => {
    throw new ProvisionError(firstLine(err.message));
  });
  await server.stop();
}

/**
 * Builds into a sibling temporary folder and renames it into place, so that an interrupted build never
 * leaves a half-filled cache and two concurrent runs cannot mix their files.
 */
async function buildAtomically(dir: string, build: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  try {
    await build(tmp);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(tmp, dir);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: opts.env, timeout: opts.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      const code = (err as { code?: unknown }).code;
      const reason =
        code === 'ENOENT' ? 'not found' : lastLine(stderr) || (typeof code === 'number' ? `exit code ${code}` : err.message);
      reject(new ProvisionError(`${command} ${args[0] ?? ''}: ${firstLine(reason)}`));
    });
  });
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fs.constants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/**
 * Every server (the cluster's too when asked: the tests of `npm test` never start one); a line for each says
 * where it is and how long it took. One ProvisionError names every failure.
 */
export async function provisionServers(log: Log, opts: { cluster?: boolean } = {}): Promise<string[]> {
  const timed = async (name: string, ensure: (log: Log) => Promise<string>): Promise<string> => {
    const started = Date.now();
    const exe = await ensure(log);
    return `${name}: ${exe} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
  };
  // Go compiles while Maven downloads: running both at once saves the shorter of the two. The two Maven
  // fetches go one after the other, since they share the local repository; so do the two Go builds, which
  // share the build cache and would only split the cores.
  const testServer = timed('time-skipping test server', ensureTestServer);
  const devServer = timed('dev server (temporal CLI)', ensureDevServer);
  const results = await Promise.allSettled([
    devServer,
    ...(opts.cluster ? [devServer.catch(() => undefined).then(() => timed('cluster (temporal-server, temporal-sql-tool)', async (log) => (await ensureClusterServer(log)).server))] : []),
    testServer,
    testServer.catch(() => undefined).then(() => timed('GreenMail (SMTP and IMAP for the mailbox tests)', ensureGreenMail)),
  ]);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) throw new ProvisionError(failures.map((e) => firstLine(e.message)).join('; '));
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

async function main(): Promise<void> {
  for (const line of await provisionServers((line) => process.stderr.write(`provision: ${line}\n`), { cluster: true })) process.stdout.write(`${line}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`provision: ${firstLine(err.message)}\n`);
    process.exit(1);
  });
}
