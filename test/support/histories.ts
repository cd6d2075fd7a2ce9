/**
 * With RECORD_HISTORIES=1, a test keeps its workflow's history under test/histories/ for the replay
 * test (test/workflow/replay.test.ts), which fails CI when a code change would break workflows already
 * running. Re-record only on purpose, when the change is behind `patched()` or no such run exists.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

export async function recordHistory(handle: WorkflowHandle, file: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  writeFileSync(path.join(HISTORIES_DIR, file), historyToJSON(await handle.fetchHistory()));
}
