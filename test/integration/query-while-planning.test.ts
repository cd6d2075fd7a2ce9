/**
 * A query that reaches a year while its first step plans it. The server hands the query to the worker with that
 * step; the SDK answers it ("năm đang được lập lịch") and, when the planning local activity finishes in the
 * same instant, records the activity's result in that workflow task and gives the code its result in the next.
 * Replayed, the result comes back one task earlier, so the code that follows it runs where the history holds
 * the previous task's events. A patch asked there (0.3's, up to 0.6) was answered "no" on replay, and the year
 * could never be replayed again: after a worker restart, or evicted from its cache, it stopped.
 *
 * Release 0.7 asks every patch in the run's first step (workflows/patches.ts). Here, on a real server and a real
 * worker, years are started and queried at once until the race shows in both codes: the code as 0.6 ran it
 * (`askedAtStart` forced off) leaves years that do not replay, and this release's all replay. Then one such year,
 * handed to this release's worker as an upgrade would, stops; reset to its first workflow task with the command
 * docs/versioning.md gives, it plans again on this release's code and keeps the submission recorded before.
 *
 * @devserver
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../worker/data-converter';
import { blocYear } from '../../workflows';
import * as msg from '../../workflows/messages';
import { PATCH_IDS } from '../../workflows/patches';
import { startEngine, type Engine } from '../support/engine';
import { FIXTURE_YEAR, smallBloc } from '../support/fixtures';
import { forcingBundle } from '../support/forcing-bundle';
import { saysBeingPlanned, whenPlanned } from '../support/planned';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { ensureDevServer } from '../../scripts/provision';
import { createDevServerEnv, ENGINE_BUNDLE, PROVISION_TIMEOUT_MS } from '../support/temporal';
import { forcedWorkflowId } from '../support/workflows/patches-forced';

type History = temporal.api.history.v1.IHistory;
type Code = 'as 0.6 ran it' | 'this release';

/** Enough years queried at once for the race to show a few times in each code (it did in 1 of 6 here). */
const RACES_WANTED = 2;
const MOST_YEARS = 300;

let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let engine: Engine;

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  engine = await startEngine(env, smtp.url, { workflowBundle: await forcingBundle() });
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await engine?.shutdown({ replay: false });
  await Promise.all([smtp?.close(), env?.teardown()]);
});

const markerOf = (e: temporal.api.history.v1.IHistoryEvent) => e.markerRecordedEventAttributes?.markerName;
const patchOf = (e: temporal.api.history.v1.IHistoryEvent) => {
  const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
  return data ? (JSON.parse(Buffer.from(data).toString()) as { id: string }).id : undefined;
};

/** The planning's result recorded as the last event of its workflow task: the code got it in the next one. */
function plannedOneTaskEarly(history: History): boolean {
  const events = history.events ?? [];
  const planned = events.findIndex((e) => markerOf(e) === 'core_local_activity');
  return planned >= 0 && Boolean(events[planned + 1]?.workflowTaskScheduledEventAttributes);
}

/** The history once the year has acted on its plan (set its first timer), or the test's time runs out. */
async function settledHistory(workflowId: string): Promise<History> {
  for (;;) {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    if (history.events?.some((e) => e.timerStartedEventAttributes)) return history;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('years queried while they are planned: under 0.6 some no longer replay, under this release every one does', async () => {
  const runs: Record<Code, { workflowId: string; history: History; answeredPlanning: boolean }[]> = { 'as 0.6 ran it': [], 'this release': [] };
  const raced = (code: Code) => runs[code].filter((r) => plannedOneTaskEarly(r.history)).length;
  for (let k = 0; k < MOST_YEARS && (raced('as 0.6 ran it') < RACES_WANTED || raced('this release') < RACES_WANTED); k++) {
    for (const code of ['as 0.6 ran it', 'this release'] as const) {
      const workflowId = code === 'this release' ? `year-${k}` : forcedWorkflowId('askedAtStart', false, `year-${k}`);
      const handle = await env.client.workflow.start(blocYear, { taskQueue: engine.taskQueue, workflowId, args: [{ config: smallBloc(), year: FIXTURE_YEAR }] });
      const answeredPlanning = await handle.query(msg.timelineQuery).then(() => false, saysBeingPlanned);
      runs[code].push({ workflowId, history: await settledHistory(workflowId), answeredPlanning });
    }
  }
  expect(raced('as 0.6 ran it')).toBeGreaterThanOrEqual(RACES_WANTED);
  expect(raced('this release')).toBeGreaterThanOrEqual(RACES_WANTED);
  // A year's planning recorded early comes only with a query answered "being planned".
  for (const r of [...runs['as 0.6 ran it'], ...runs['this release']]) if (plannedOneTaskEarly(r.history)) expect(r.answeredPlanning).toBe(true);

  // This release asks its patches before it plans: they are the first events of its first completed task.
  const first = runs['this release'][0]?.history.events ?? [];
  const markers = first.filter((e) => markerOf(e)).map((e) => patchOf(e) ?? markerOf(e));
  expect(markers.slice(0, 4)).toEqual([PATCH_IDS.askedAtStart, PATCH_IDS.scheduleRecorded, PATCH_IDS.yearStaysOpen, 'core_local_activity']);

  const replayed = new Map<string, Error | undefined>();
  const all = [...runs['as 0.6 ran it'], ...runs['this release']].map(({ workflowId, history }) => ({ workflowId, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: await forcingBundle(), dataConverter }, all)) replayed.set(result.workflowId, result.error);

  for (const r of runs['as 0.6 ran it']) {
    const error = replayed.get(r.workflowId);
    if (plannedOneTaskEarly(r.history)) {
      expect(error).toBeInstanceOf(DeterminismViolationError);
      expect(error?.message).toContain(`patch marker encountered for change ${PATCH_IDS.yearStaysOpen}, but there is no corresponding change command`);
    } else {
      expect(error).toBeUndefined();
    }
  }
  for (const r of runs['this release']) expect([r.workflowId, replayed.get(r.workflowId)]).toEqual([r.workflowId, undefined]);

  // Such a year runs on while its worker keeps it cached; this release's worker, replaying it, cannot go on.
  const stuck = runs['as 0.6 ran it'].find((r) => plannedOneTaskEarly(r.history));
  if (!stuck) throw new Error('no year left unreplayable');
  const year = env.client.workflow.getHandle(stuck.workflowId);
  const submitted = await year.executeUpdate(msg.recordSubmission, { args: [{ unitId: 'so-b', itemId: 'bao-cao-6-thang', reference: '12/BC-SB' }] });
  await engine.shutdown({ replay: false });
  engine = await startEngine(env, smtp.url, { taskQueue: engine.taskQueue });
  await expect(year.query(msg.statusQuery)).rejects.toThrow(/[Nn]ondeterminism/);

  // Reset to its first workflow task, as docs/versioning.md says, it plans again on this release's code and keeps what it recorded.
  await promisify(execFile)(await ensureDevServer(), [
    'workflow', 'reset', '--address', env.address, '--workflow-id', stuck.workflowId, '--type', 'FirstWorkflowTask', '--reason', 'replay after a query while planning',
  ]);
  const status = await whenPlanned(() => year.query(msg.statusQuery));
  expect(status.cells.find((c) => c.itemId === 'bao-cao-6-thang' && c.unitId === 'so-b')).toMatchObject({ state: 'submitted-on-time', reference: submitted.submission.reference });
  const afterReset = await settledHistory(stuck.workflowId);
  expect(afterReset.events?.map((e) => patchOf(e)).find(Boolean)).toBe(PATCH_IDS.askedAtStart);
  await expect(Worker.runReplayHistory({ workflowBundle: ENGINE_BUNDLE, dataConverter }, afterReset, stuck.workflowId)).resolves.toBeUndefined();
}, 120_000);
