/** The bloc-years visibility lists, from the search attributes each year keeps current. */
import type { Client } from '@temporalio/client';
import { BLOC_ID, BLOC_YEAR, NEXT_DEADLINE, OVERDUE_COUNT, OVERDUE_UNITS } from '../workflows/search-attributes';

/** A bloc-year as visibility lists it, from the search attributes the workflow keeps current. */
export interface ListedBlocYear {
  workflowId: string;
  blocId: string;
  year: number;
  overdueCount?: number;
  /** The units overdue on something, each once (OverdueCount counts unit × item). */
  overdueUnits?: string[];
  nextDeadline?: Date;
}

/** The bloc-years a visibility query finds (`bloc overdue --all`, the web console's overview). */
export async function findBlocYears(client: Client, query: string): Promise<ListedBlocYear[]> {
  const found: ListedBlocYear[] = [];
  for await (const wf of client.workflow.list({ query })) {
    const attrs = wf.typedSearchAttributes;
    const blocId = attrs.get(BLOC_ID);
    const year = attrs.get(BLOC_YEAR);
    const overdueCount = attrs.get(OVERDUE_COUNT);
    const overdueUnits = attrs.get(OVERDUE_UNITS);
    const nextDeadline = attrs.get(NEXT_DEADLINE);
    if (blocId === undefined || year === undefined) continue;
    found.push({ workflowId: wf.workflowId, blocId, year, ...(overdueCount !== undefined && { overdueCount }), ...(overdueUnits && { overdueUnits }), ...(nextDeadline && { nextDeadline }) });
  }
  return found;
}

/**
 * One visibility list at a time per query: pages asked while a list is on its way share it. Visibility lags the
 * years by itself, so a list begun a moment before a page was asked is no older than visibility already is; a
 * full office opening its overview at once costs the server one list, not thirty.
 */
export class SharedListing {
  private readonly pending = new Map<string, Promise<ListedBlocYear[]>>();

  constructor(private readonly client: Client) {}

  async find(query: string): Promise<ListedBlocYear[]> {
    let listing = this.pending.get(query);
    if (!listing) {
      listing = findBlocYears(this.client, query).finally(() => this.pending.delete(query));
      this.pending.set(query, listing);
    }
    // Each page sorts its own copy.
    return [...(await listing)];
  }
}
