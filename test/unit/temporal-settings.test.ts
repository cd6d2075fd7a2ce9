/** Reaching Temporal: the standard variables and the Temporal CLI's profiles (envconfig), checked by name. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemporalSettings } from '../../worker/settings';

// A home of its own, so that a profile file on the machine running the tests cannot leak in.
const home = mkdtempSync(join(tmpdir(), 'bloc-settings-'));
const load = (env: Record<string, string>) => loadTemporalSettings({ HOME: home, ...env });

describe('Temporal settings', () => {
  it('default to the local dev server, and say so', () => {
    expect(load({})).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'bloc-engine',
      addressConfigured: false,
      connection: { address: '127.0.0.1:7233' },
    });
  });

  it('read the standard variables; an API key turns TLS on', () => {
    const s = load({ TEMPORAL_ADDRESS: 'ns.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.a1b2c', TEMPORAL_API_KEY: 'k-123', TEMPORAL_TASK_QUEUE: 'khoi' });
    expect(s).toMatchObject({ address: 'ns.a1b2c.tmprl.cloud:7233', namespace: 'ns.a1b2c', taskQueue: 'khoi', addressConfigured: true });
    expect(s.connection).toEqual({ address: 'ns.a1b2c.tmprl.cloud:7233', apiKey: 'k-123', tls: true });
  });

  it('read a Temporal CLI profile chosen by TEMPORAL_PROFILE, with the variables still overriding it', () => {
    const file = join(home, 'temporal.toml');
    writeFileSync(
      file,
      ['[profile.tinh]', 'address = "temporal.tinh.gov.vn:7233"', 'namespace = "thi-dua"', '[profile.tinh.grpc_meta]', 'x-tenant = "dak-nong"'].join('\n'),
    );
    const s = load({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'tinh' });
    expect(s).toMatchObject({ address: 'temporal.tinh.gov.vn:7233', namespace: 'thi-dua', addressConfigured: true });
    expect(s.connection.metadata).toEqual({ 'x-tenant': 'dak-nong' });
    expect(load({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'tinh', TEMPORAL_NAMESPACE: 'khac' }).namespace).toBe('khac');
  });

  it('bound the workflow cache when TEMPORAL_WORKFLOW_CACHE says so, and leave it to the SDK otherwise', () => {
    expect(load({ TEMPORAL_WORKFLOW_CACHE: '500' }).workflowCache).toBe(500);
    expect(load({})).not.toHaveProperty('workflowCache');
  });

  it.each([
    [{ TEMPORAL_TLS_CERT: 'client.pem' }, /^TEMPORAL_TLS_CERT: không còn dùng, hãy đặt TEMPORAL_TLS_CLIENT_CERT_PATH/],
    [{ TEMPORAL_ADDRESS: 'temporal.tinh.gov.vn' }, /^TEMPORAL_ADDRESS: "temporal.tinh.gov.vn" phải có dạng host:port/],
    [{ TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem' }, /^TEMPORAL_TLS_CLIENT_KEY_PATH: /],
    [{ TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml', TEMPORAL_PROFILE: 'tinh' }, /^TEMPORAL_CONFIG_FILE \(\/nonexistent\/temporal.toml\): /],
    [{ TEMPORAL_WORKFLOW_CACHE: '0' }, /^TEMPORAL_WORKFLOW_CACHE: "0" phải là số nguyên từ 1 đến 100000 \/ must be a whole number from 1 to 100000$/],
    [{ TEMPORAL_WORKFLOW_CACHE: '2k' }, /^TEMPORAL_WORKFLOW_CACHE: "2k" phải là số nguyên/],
  ])('refuse %j, naming the variable', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  it('name the variables of a certificate it cannot read, and nothing of the key', () => {
    const secret = join(home, 'key.pem');
    writeFileSync(secret, '-----BEGIN PRIVATE KEY-----\nbí-mật\n-----END PRIVATE KEY-----\n');
    const attempt = () => load({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem', TEMPORAL_TLS_CLIENT_KEY_PATH: secret });
    expect(attempt).toThrow(/^TEMPORAL_TLS_\*: .*\/nonexistent\/client\.pem/);
    expect(attempt).not.toThrow(/bí-mật/);
  });
});
