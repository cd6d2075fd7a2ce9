/**
 * The histories each release keeps for the next: with RECORD_HISTORIES=1, a whole-year test writes its
 * workflow's history under test/histories/<this release's version>/, and the replay test
 * (test/workflow/replay.test.ts) replays every release's histories against the code as it now stands.
 * Record once per release, before it ships (docs/versioning.md); never re-record an older release's.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { version } from '../../package.json';

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

export async function recordHistory(handle: WorkflowHandle, file: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const dir = path.join(HISTORIES_DIR, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), historyToJSON(await handle.fetchHistory()));
}

export interface RecordedHistory {
  release: string;
  file: string;
  path: string;
}

/** Every recorded history, by the release that recorded it, oldest release first. */
export function recordedHistories(): RecordedHistory[] {
  const releases = readdirSync(HISTORIES_DIR).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return releases.flatMap((release) =>
    readdirSync(path.join(HISTORIES_DIR, release))
      .filter((f) => f.endsWith('.json'))
      .map((file) => ({ release, file, path: path.join(HISTORIES_DIR, release, file) })),
  );
}
