/** The client's connection to Temporal, from the same settings as the worker's. */
import { Client, Connection } from '@temporalio/client';
import { dataConverter } from '../worker/data-converter';
import { loadTemporalSettings, unreachable } from '../worker/settings';
import { cli } from './cli-context';
import type { TemporalSettings } from '../worker/settings';

export interface Connected {
  connection: Connection;
  client: Client;
  settings: TemporalSettings;
}

/** Connects eagerly, so that an unreachable server is a `ServerError` here rather than at the first call. */
export async function connectClient(settings: TemporalSettings = loadTemporalSettings(cli().env)): Promise<Connected> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...settings.connection, connectTimeout: '5s' });
  } catch (err) {
    throw unreachable(settings, err);
  }
  return { connection, client: new Client({ connection, namespace: settings.namespace, dataConverter }), settings };
}
