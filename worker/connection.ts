/** The worker's connection to Temporal, from the shared settings. */
import { NativeConnection } from '@temporalio/worker';
import { unreachable } from './settings';
import type { TemporalSettings } from './settings';

export async function connectWorker(settings: TemporalSettings): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(settings.connection);
  } catch (err) {
    throw unreachable(settings, err);
  }
}
