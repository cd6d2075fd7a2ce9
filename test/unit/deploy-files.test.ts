/**
 * The files an IT centre deploys with (deploy/), checked as far as this machine allows: the systemd units by
 * `systemd-analyze verify`, nginx's site by `nginx -t` with a throwaway certificate, the Helm values by what the engine
 * needs of them. Each check is shown to
 * catch a broken copy, so that a check which passes everything cannot pass for one that works.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mailTaskQueueOf } from '../../activities/types';
import { loadTemporalSettings } from '../../worker/settings';

const DEPLOY = join(__dirname, '..', '..', 'deploy');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bloc-deploy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `systemd-analyze verify` says of a unit, by the name systemd would load it under. */
function verifyUnit(text: string, name: string): { status: number | null; said: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  const run = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
  return { status: run.status, said: `${run.stdout}${run.stderr}`.trim() };
}

const worker = () => readFileSync(join(DEPLOY, 'systemd', 'bloc-worker@.service'), 'utf8');
const console_ = () => readFileSync(join(DEPLOY, 'systemd', 'bloc-console.service'), 'utf8');
/** Temporal's binary is not installed where the unit expects it on a test machine: a stand-in that exists. */
const temporal = () => readFileSync(join(DEPLOY, 'systemd', 'temporal@.service'), 'utf8').replace('/usr/local/bin/temporal-server', '/usr/bin/true');

test.each([
  ['the worker, two instances', 'bloc-worker@1.service', worker],
  ['the worker, as a template', 'bloc-worker@.service', worker],
  ['the console', 'bloc-console.service', console_],
  ['the history service', 'temporal@history.service', temporal],
])('systemd-analyze verify finds nothing to say of %s', (_, name, text) => {
  expect(verifyUnit(text(), name)).toEqual({ status: 0, said: '' });
});

test('a unit with a misspelt setting or a missing program is caught', () => {
  const misspelt = verifyUnit(console_().replace('TimeoutStopSec=', 'TimeoutStopSecs='), 'misspelt.service');
  expect(misspelt.said).toContain("Unknown key 'TimeoutStopSecs'");
  const missing = verifyUnit(worker().replace('/usr/bin/node', '/usr/bin/no-such-node'), 'missing@1.service');
  expect(missing.status).not.toBe(0);
  expect(missing.said).toContain('/usr/bin/no-such-node');
});

/** `nginx -t` on the site inside a minimal nginx.conf, its certificate paths replaced by a throwaway pair. */
function nginxTest(site: string): { status: number | null; said: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=thidua.example.gov.vn', '-keyout', key, '-out', cert, '-days', '1'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'site.conf'), site.replace('/etc/ssl/bloc-engine/fullchain.pem', cert).replace('/etc/ssl/bloc-engine/privkey.pem', key));
  writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp { access_log off; include ${dir}/site.conf; }\n`);
  const run = spawnSync('nginx', ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

test('nginx accepts the site, and refuses a broken copy of it', () => {
  const site = readFileSync(join(DEPLOY, 'nginx', 'thidua.conf'), 'utf8');
  expect(nginxTest(site)).toMatchObject({ status: 0 });
  const broken = nginxTest(site.replace('proxy_pass http://127.0.0.1:8234;', 'proxy_pass http://127.0.0.1:8234'));
  expect(broken.status).not.toBe(0);
  expect(broken.said).toContain('site.conf');
});

test("the console's units run it on the port nginx sends to, trusting nginx's X-Real-IP", () => {
  const site = readFileSync(join(DEPLOY, 'nginx', 'thidua.conf'), 'utf8');
  expect(site).toContain('proxy_pass http://127.0.0.1:8234;');
  expect(site).toContain('proxy_set_header X-Real-IP $remote_addr;');
  expect(console_()).toContain('Environment=BLOC_WEB_PORT=8234');
  expect(console_()).toContain('Environment=BLOC_WEB_TRUSTED_PROXIES=127.0.0.1');
});

test("the Helm values give the mail task queue one partition, by the name the worker gives it, and keep no password", () => {
  const text = readFileSync(join(DEPLOY, 'helm', 'temporal-values.yaml'), 'utf8');
  const values = parse(text) as { server: { dynamicConfig: Record<string, unknown>; config: { persistence: { datastores: Record<string, { sql: Record<string, unknown> }> } } } };
  const mailQueue = mailTaskQueueOf(loadTemporalSettings({}).taskQueue);
  for (const key of ['matching.numTaskqueueReadPartitions', 'matching.numTaskqueueWritePartitions']) {
    expect(values.server.dynamicConfig[key]).toEqual([{ value: 1, constraints: { taskQueueName: mailQueue } }]);
  }
  for (const store of Object.values(values.server.config.persistence.datastores)) {
    expect(store.sql).not.toHaveProperty('password');
    expect(store.sql).toMatchObject({ pluginName: 'postgres12', existingSecret: expect.any(String) });
  }
});
