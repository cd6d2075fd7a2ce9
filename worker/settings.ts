/**
 * Where and how to reach Temporal: one validated source for the worker and the client, read the way the
 * Temporal CLI and every SDK read it (`@temporalio/envconfig`): the profile in the config file
 * (`TEMPORAL_CONFIG_FILE`, default ~/.config/temporalio/temporal.toml; `TEMPORAL_PROFILE`), overridden by
 * the standard variables (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, `TEMPORAL_TLS_*`).
 * The task queue is the engine's own setting (`TEMPORAL_TASK_QUEUE`).
 */
import type { TLSConfig } from '@temporalio/client';
import { loadClientConfigProfile, toClientOptions, type ClientConfigProfile } from '@temporalio/envconfig';
import { InputError, ServerError } from '../config/errors';

/** Options shared by `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface ConnectionTarget {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** False when neither a profile nor the environment named a server, and the local default is used. */
  addressConfigured: boolean;
  connection: ConnectionTarget;
  /**
   * How many workflows the worker keeps in memory (`TEMPORAL_WORKFLOW_CACHE`); the SDK's default grows with the
   * heap. A year not in the cache replays its history when it next wakes: slower, never wrong.
   */
  workflowCache?: number;
}

/** A person fixes these in the environment or the config file, like any other bad input. */
export class SettingsError extends InputError {}

export const DEFAULT_ADDRESS = '127.0.0.1:7233';
const MAX_WORKFLOW_CACHE = 100_000;
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/;

/** The engine's variables before 0.2, refused by name so that a deployment that sets them learns what to set now. */
const RETIRED: Record<string, string> = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
};

// An empty variable (`TEMPORAL_ADDRESS=`) means "not set", as shells and .env files usually intend.
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

function loadProfile(env: Record<string, string>): ClientConfigProfile {
  try {
    return loadClientConfigProfile({ overrideEnvVars: env });
  } catch (err) {
    const where = env.TEMPORAL_CONFIG_FILE ? `TEMPORAL_CONFIG_FILE (${env.TEMPORAL_CONFIG_FILE})` : 'TEMPORAL_PROFILE';
    throw new SettingsError(`${where}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Reads and checks the settings; the error lists every problem, each by its variable. */
export function loadTemporalSettings(rawEnv: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const env = withoutEmpty(rawEnv);
  const problems = Object.entries(RETIRED)
    .filter(([old]) => env[old] !== undefined)
    .map(([old, now]) => `${old}: không còn dùng, hãy đặt ${now} / no longer read, set ${now}`);
  const profile = loadProfile(env);
  const address = profile.address ?? DEFAULT_ADDRESS;
  if (!ADDRESS.test(address)) problems.push(`TEMPORAL_ADDRESS: "${address}" phải có dạng host:port / expected host:port, e.g. 127.0.0.1:7233`);
  const tls = profile.tls;
  if (tls?.clientCert && !tls.clientKey) problems.push('TEMPORAL_TLS_CLIENT_KEY_PATH: cần đi cùng chứng thư / required with the client certificate');
  if (tls?.clientKey && !tls.clientCert) problems.push('TEMPORAL_TLS_CLIENT_CERT_PATH: cần đi cùng khóa / required with the client key');
  const cache = env.TEMPORAL_WORKFLOW_CACHE;
  const workflowCache = cache === undefined ? undefined : /^\d{1,6}$/.test(cache) ? Number(cache) : NaN;
  if (workflowCache !== undefined && !(workflowCache >= 1 && workflowCache <= MAX_WORKFLOW_CACHE)) {
    problems.push(`TEMPORAL_WORKFLOW_CACHE: "${cache}" phải là số nguyên từ 1 đến ${MAX_WORKFLOW_CACHE} / must be a whole number from 1 to ${MAX_WORKFLOW_CACHE}`);
  }
  if (problems.length > 0) throw new SettingsError(problems.join('; '));

  let options: ReturnType<typeof toClientOptions>;
  try {
    options = toClientOptions(profile);
  } catch (err) {
    // A certificate or key file that cannot be read; the message names the path, never the key's content.
    throw new SettingsError(`TEMPORAL_TLS_*: ${(err as Error).message.split('\n')[0]}`);
  }
  const { apiKey, tls: tlsConfig } = options.connectionOptions;
  return {
    address,
    namespace: options.namespace ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'bloc-engine',
    addressConfigured: profile.address !== undefined,
    connection: { address, ...(tlsConfig != null && { tls: tlsConfig }), ...(apiKey && { apiKey }), ...(profile.grpcMeta && { metadata: profile.grpcMeta }) },
    ...(workflowCache !== undefined && { workflowCache }),
  };
}

/** The same words whether the worker or the CLI could not connect. */
export function unreachable(settings: TemporalSettings, cause: unknown): ServerError {
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new ServerError(
    `không kết nối được máy chủ Temporal tại ${settings.address} / cannot reach Temporal at ${settings.address}: ${reason}`,
  );
}
