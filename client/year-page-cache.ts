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
 * as "quá hạn 3 giờ" can read. Where a year stands (the overview's stage) depends on its history alone, and is
 * served while the history is unchanged, however old.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { nowIso } from './options';
import { stageQuery, type StageView } from '../workflows/messages';
import { readYearPage, type YearPage } from './year-page';

export interface YearPageCacheOptions {
  /** How long a view judged "now" may be served again at most; 0 keeps nothing, a stage included. */
  maxAgeMs?: number;
  /** Years held; the one read longest ago goes first. */
  maxYears?: number;
}

interface Kept {
  runId: string;
  historyLength: number;
  /** The page as judged at an instant, served again until `validUntilMs`. */
  page?: { judgedAtMs: number; validUntilMs: number; answer: Promise<YearPage> };
  /** Where the year stands (running, awaiting its handover, handed over): it changes with the history alone. */
  stage?: Promise<StageView>;
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
    // Keeping nothing, there is nothing to compare the history with: no describe before each page.
    if (this.maxAgeMs === 0) return readYearPage(handle, nowIso(nowMs));
    const { runId, historyLength } = await handle.describe();
    const kept = this.current(handle.workflowId, runId, historyLength);
    if (kept?.page && nowMs >= kept.page.judgedAtMs && nowMs < kept.page.validUntilMs) return kept.page.answer;
    const answer = readYearPage(handle, nowIso(nowMs));
    // A server that does not count its history (0) gives nothing to compare: such a year is read every time.
    if (historyLength <= 0) return answer;
    // Pages asked for while the worker answers wait for the same answer, then the bound narrows to the next
    // turn; a failed answer is not kept.
    const entry = kept ?? this.remember(handle.workflowId, runId, historyLength);
    const page = { judgedAtMs: nowMs, validUntilMs: nowMs + this.maxAgeMs, answer };
    entry.page = page;
    try {
      const read = await answer;
      page.validUntilMs = Math.min(nowMs + this.maxAgeMs, nextTurnAfter(read, nowMs));
      return read;
    } catch (err) {
      if (entry.page === page) delete entry.page;
      throw err;
    }
  }

  /** Where the year stands, for the overview: from its page, however old, or asked once, while its history is unchanged. */
  async stage(handle: WorkflowHandle): Promise<StageView> {
    if (this.maxAgeMs === 0) return handle.query(stageQuery);
    const { runId, historyLength } = await handle.describe();
    const kept = this.current(handle.workflowId, runId, historyLength);
    if (kept?.page) return (await kept.page.answer).stage;
    if (kept?.stage) return kept.stage;
    const answer = handle.query(stageQuery);
    if (historyLength <= 0) return answer;
    const entry = kept ?? this.remember(handle.workflowId, runId, historyLength);
    entry.stage = answer;
    try {
      return await answer;
    } catch (err) {
      if (entry.stage === answer) delete entry.stage;
      throw err;
    }
  }

  /** What is kept of the year while its run and history are those given; read again most recently, the last to be dropped. */
  private current(id: string, runId: string, historyLength: number): Kept | undefined {
    const kept = this.kept.get(id);
    if (!kept || kept.runId !== runId || kept.historyLength !== historyLength) return undefined;
    this.kept.delete(id);
    this.kept.set(id, kept);
    return kept;
  }

  private remember(id: string, runId: string, historyLength: number): Kept {
    const kept: Kept = { runId, historyLength };
    this.kept.delete(id);
    this.kept.set(id, kept);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.maxYears) break;
      this.kept.delete(oldest);
    }
    return kept;
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
