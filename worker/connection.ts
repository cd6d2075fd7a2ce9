/** The worker's connection to Temporal, from the shared settings. */
import { NativeConnection } from '@temporalio/worker';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { connectionTarget, unreachable } from './settings';
import type { TemporalSettings } from './settings';

export function nativeConnectionOptions(settings: TemporalSettings): NativeConnectionOptions {
  return connectionTarget(settings);
}

export async function connectWorker(settings: TemporalSettings): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(nativeConnectionOptions(settings));
  } catch (err) {
    throw unreachable(settings, err);
  }
}
