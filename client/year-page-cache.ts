/**
 * The console's memory of the year pages it has read, so that a full office of secretariats reading the same
 * matrix asks the year's worker once, not once a page.
 *
 * Nothing shown is ever older than the year's record: before every page the server is asked how long the year's
 * history is (a describe answered by the server alone, no worker), and a view is served again only while that
 * length and the run are the ones it was read at. Every record, declaration, move, extension, timer and handover
 * adds to the history, whoever made it — this console, another one, the CLI. What time alone changes is bounded
 * too: a view judged "now" is served until the first cut-off or event after the instant it was judged at (a
 * cell turns overdue exactly on time), and never longer than `maxAgeMs`, which bounds how old a duration such
 * as "quá hạn 3 giờ" can read.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { nowIso } from './options';
import { readYearPage, type YearPage } from './year-page';

export interface YearPageCacheOptions {
  /** How long a view judged "now" may be served again at most. */
  maxAgeMs?: number;
  /** Years held; the one read longest ago goes first. */
  maxYears?: number;
}

interface Kept {
  runId: string;
  historyLength: number;
  judgedAtMs: number;
  validUntilMs: number;
  page: Promise<YearPage>;
}

export class YearPageCache {
  private readonly kept = new Map<string, Kept>();
  private readonly maxAgeMs: number;
  private readonly maxYears: number;

  constructor(opts: YearPageCacheOptions = {}) {
    this.maxAgeMs = opts.maxAgeMs ?? 5_000;
    this.maxYears = opts.maxYears ?? 500;
  }

  /** The year's page judged at `nowMs`: read again unless the year's history is exactly as when it was last read. */
  async read(handle: WorkflowHandle, nowMs: number): Promise<YearPage> {
    const { runId, historyLength } = await handle.describe();
    const id = handle.workflowId;
    const kept = this.kept.get(id);
    if (kept && kept.runId === runId && kept.historyLength === historyLength && nowMs >= kept.judgedAtMs && nowMs < kept.validUntilMs) {
      // Read again most recently: moved to the end of the map's order, the last to be dropped.
      this.kept.delete(id);
      this.kept.set(id, kept);
      return kept.page;
    }
    const page = readYearPage(handle, nowIso(nowMs));
    // A server that does not count its history (0) gives nothing to compare: such a year is read every time.
    if (historyLength <= 0) return page;
    // Pages asked for while the worker answers wait for the same answer, then the bound narrows to the next
    // turn; a failed answer is not kept.
    const entry: Kept = { runId, historyLength, judgedAtMs: nowMs, validUntilMs: nowMs + this.maxAgeMs, page };
    this.kept.delete(id);
    this.kept.set(id, entry);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.maxYears) break;
      this.kept.delete(oldest);
    }
    try {
      const read = await page;
      entry.validUntilMs = Math.min(nowMs + this.maxAgeMs, nextTurnAfter(read, nowMs));
      return read;
    } catch (err) {
      if (this.kept.get(id) === entry) this.kept.delete(id);
      throw err;
    }
  }
}

/** The first instant after `atMs` at which the page would read differently with no new record: a cut-off or an event. */
export function nextTurnAfter(page: YearPage, atMs: number): number {
  const instants = [...page.view.cells.map((c) => c.dueAt), ...page.schedule.items.map((i) => i.at), page.stage.handoverAt, page.stage.openUntil];
  let next = Number.POSITIVE_INFINITY;
  for (const instant of instants) {
    const ms = instant === undefined ? Number.NaN : Date.parse(instant);
    if (ms > atMs && ms < next) next = ms;
  }
  return next;
}
