/**
 * Determinism, proved once per run rather than at every workflow task: test workers keep a workflow cache as
 * production does, and when an engine stops, every run its task queue saw is replayed from its whole history
 * on the same workflow code. (test/workflow/replay.test.ts replays the histories of earlier releases.)
 */
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { dataConverter } from '../../worker/data-converter';

export interface RecordedRun {
  workflowId: string;
  runId: string;
  history: temporal.api.history.v1.IHistory;
}

type Executions = temporal.api.workflow.v1.IWorkflowExecutionInfo[];
type Page = temporal.api.workflowservice.v1.IListOpenWorkflowExecutionsRequest & temporal.api.workflowservice.v1.IListClosedWorkflowExecutionsRequest;

/**
 * Every run, open or closed, started on `taskQueue` that a worker has answered at least once. Listed with the
 * older List{Open,Closed} calls, which the Java time-skipping server implements (it has no visibility queries).
 */
export async function runsOn(client: Client, namespace: string, taskQueue: string): Promise<RecordedRun[]> {
  const executions: Executions = [];
  const service = client.workflowService;
  const lists = [(page: Page) => service.listOpenWorkflowExecutions(page), (page: Page) => service.listClosedWorkflowExecutions(page)];
  for (const list of lists) {
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await list({ namespace, maximumPageSize: 1000, nextPageToken });
      executions.push(...(page.executions ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  const runs: RecordedRun[] = [];
  const seen = new Set<string>();
  for (const e of executions) {
    const { workflowId, runId } = e.execution ?? {};
    if (!workflowId || !runId || seen.has(runId)) continue;
    seen.add(runId);
    // The Java server leaves the listing's task queue empty: the run's first event names it.
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const startedOn = history.events?.[0]?.workflowExecutionStartedEventAttributes?.taskQueue?.name;
    if (startedOn === taskQueue && history.events?.some((event) => event.workflowTaskCompletedEventAttributes)) runs.push({ workflowId, runId, history });
  }
  return runs;
}

/** Replays each run on `workflowBundle`; throws one error naming every run that did not replay, and why. */
export async function replayRuns(workflowBundle: ReplayWorkerOptions['workflowBundle'], runs: RecordedRun[]): Promise<void> {
  const failed: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter }, runs)) {
    if (result.error) failed.push(`${result.workflowId} (${result.runId}): ${result.error.message}`);
  }
  if (failed.length > 0) throw new Error(`${failed.length} of ${runs.length} runs do not replay on the code that ran them:\n${failed.join('\n')}`);
}
