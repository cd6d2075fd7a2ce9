/**
 * Where and how to reach Temporal, from the environment: one validated source for the worker and the client,
 * and the one place that turns it into connection options.
 */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { InputError, ServerError } from '../client/errors';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Present whenever the connection uses TLS: client certificate, API key, own CA or server name. */
  tls?: TLSConfig;
  apiKey?: string;
}

/** Options shared by `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface ConnectionTarget {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** A person fixes these in the environment, like any other bad input. */
export class SettingsError extends InputError {}

// An empty variable (`TEMPORAL_ADDRESS=`) means "not set", as shells and .env files usually intend.
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = (value: string) => z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).default(value));

const schema = z
  .object({
    TEMPORAL_ADDRESS: withDefault('127.0.0.1:7233').pipe(
      z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233 or my-ns.a1b2c.tmprl.cloud:7233'),
    ),
    TEMPORAL_NAMESPACE: withDefault('default'),
    TEMPORAL_TASK_QUEUE: withDefault('bloc-engine'),
    TEMPORAL_TLS_CERT: optional,
    TEMPORAL_TLS_KEY: optional,
    TEMPORAL_TLS_CA: optional,
    TEMPORAL_TLS_SERVER_NAME: optional,
    TEMPORAL_API_KEY: optional,
  })
  .superRefine((env, ctx) => {
    if (env.TEMPORAL_TLS_CERT && !env.TEMPORAL_TLS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY'], message: 'required with TEMPORAL_TLS_CERT' });
    }
    if (env.TEMPORAL_TLS_KEY && !env.TEMPORAL_TLS_CERT) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_CERT'], message: 'required with TEMPORAL_TLS_KEY' });
    }
  });

/** Reads and checks the settings; the error lists every problem, each by its variable. */
export function loadTemporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  }
  const vars = parsed.data;
  const problems: string[] = [];
  const read = (name: keyof typeof vars): Buffer | undefined => {
    const file = vars[name];
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      problems.push(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return undefined;
    }
  };
  const crt = read('TEMPORAL_TLS_CERT');
  const key = read('TEMPORAL_TLS_KEY');
  const ca = read('TEMPORAL_TLS_CA');
  if (problems.length > 0) throw new SettingsError(problems.join('; '));

  const useTls = Boolean(crt || ca || vars.TEMPORAL_TLS_SERVER_NAME || vars.TEMPORAL_API_KEY);
  return {
    address: vars.TEMPORAL_ADDRESS,
    namespace: vars.TEMPORAL_NAMESPACE,
    taskQueue: vars.TEMPORAL_TASK_QUEUE,
    ...(useTls && {
      tls: {
        ...(crt && key && { clientCertPair: { crt, key } }),
        ...(ca && { serverRootCACertificate: ca }),
        ...(vars.TEMPORAL_TLS_SERVER_NAME && { serverNameOverride: vars.TEMPORAL_TLS_SERVER_NAME }),
      },
    }),
    ...(vars.TEMPORAL_API_KEY && { apiKey: vars.TEMPORAL_API_KEY }),
  };
}

export function connectionTarget(settings: TemporalSettings): ConnectionTarget {
  const { address, tls, apiKey } = settings;
  return { address, ...(tls && { tls }), ...(apiKey && { apiKey }) };
}

/** The same words whether the worker or the CLI could not connect. */
export function unreachable(settings: TemporalSettings, cause: unknown): ServerError {
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new ServerError(
    `không kết nối được máy chủ Temporal tại ${settings.address} / cannot reach Temporal at ${settings.address}: ${reason}`,
  );
}
