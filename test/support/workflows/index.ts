/** Tiny workflows that prove the servers themselves, independent of the engine's own workflows. */
import { sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import { BLOC_ID, BLOC_YEAR } from '../../../workflows/search-attributes';

/** Reports the workflow's own clock before and after a durable timer. */
export async function sleeper(duration: Duration): Promise<{ before: number; after: number }> {
  const before = Date.now();
  await sleep(duration);
  return { before, after: Date.now() };
}

export async function taggedBlocYear(blocId: string, year: number): Promise<void> {
  upsertSearchAttributes([
    { key: BLOC_ID, value: blocId },
    { key: BLOC_YEAR, value: year },
  ]);
}
