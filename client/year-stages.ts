/**
 * Where each listed bloc-year stands (running, awaiting its handover, handed over). Visibility does not carry
 * the stage, so each year is asked; a few at a time, so that a province's dozens of blocs do not all land on
 * the workers at once, and a year that does not answer is left without one rather than failing the list.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { StageView } from '../workflows/messages';
import type { ListedBlocYear } from './listed-years';

export type YearStage = StageView['stage'];

/** `use` over `items`, at most `limit` at a time; results in the order of the items. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, use: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await use(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** `stageOf`: how a year is asked (the console, from its memory of the year's page while the year is unchanged). */
export async function withStages(
  client: Client,
  years: ListedBlocYear[],
  stageOf: (handle: WorkflowHandle) => Promise<StageView>,
  limit = 6,
): Promise<(ListedBlocYear & { stage?: YearStage; blocName?: string })[]> {
  return mapBounded(years, limit, async (year) => {
    try {
      const { stage, blocName } = await stageOf(client.workflow.getHandle(year.workflowId));
      return { ...year, stage, blocName };
    } catch {
      return year;
    }
  });
}
