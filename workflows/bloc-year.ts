/**
 * One bloc's emulation year, from the start of its cycle to the handover after the January
 * review conference. It reads like the plan: remind before each deadline and event, record what
 * arrives, chase what is missing, and hand the lead to the deputy for the next year.
 */
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { PlanningActivities } from '../activities/planning';
import type { BatchActivities, OutgoingMessage } from '../activities/types';
import { hasCutOff } from '../calendar/kinds';
import { planYear, scheduleChanges, type PlanRequest, type YearSchedule } from '../calendar/schedule';
import { agenda } from './agenda';
import * as changes from './changes';
import * as msg from './messages';
import { BlocYearInput, initialState, YearState, YearSummary, workflowIdFor } from './model';
import { buildHandoverMessages, buildMessage, nextRoles } from './outgoing';
import { patches } from './patches';
import { planRequestOf } from './plan';
import { recordOutcomes } from './sent-log';
import { BLOC_ID, BLOC_YEAR, NEXT_DEADLINE, OVERDUE_COUNT, OVERDUE_UNITS } from './search-attributes';
import { createSerialQueue } from './serially';
import { cellOf, overdueAt, statusView, summarise } from './status';

const { sendBatch } = wf.proxyActivities<BatchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Planning is quick and pure: a failure is a bug no retry mends, and it fails only the Update that asked. */
const planning = wf.proxyLocalActivities<PlanningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Messages per activity call: small enough to finish well inside its timeout at a modest SMTP rate. */
const BATCH_SIZE = 25;
/** Years of summaries carried forward. */
const SUMMARY_YEARS = 10;

export async function blocYear(input: BlocYearInput): Promise<YearSummary> {
  const startedAt = DateTime.fromMillis(Date.now(), { zone: input.config.bloc.timeZone }).toISO() ?? '';
  const state: YearState = input.carried ?? initialState(input, startedAt);
  const now = () => Date.now();
  let version = 0;

  /**
   * The schedule for the record with `change` applied. From release 0.2 it comes from the planning activity
   * and the history keeps it; a year begun earlier replays its past computing it in place, as it did then.
   */
  const scheduleFor = async (change: Partial<PlanRequest> = {}): Promise<{ schedule: YearSchedule; recorded: boolean }> => {
    const request = planRequestOf(state, change);
    if (!patches.scheduleRecorded()) return { schedule: planYear(request), recorded: false };
    return { schedule: await planning.planYear(request), recorded: true };
  };
  let schedule: YearSchedule | undefined;
  let recorded = false;
  const adopt = (next: { schedule: YearSchedule; recorded: boolean }) => {
    ({ schedule, recorded } = next);
    state.schedule = next.schedule;
  };
  const ready = (state.schedule ? Promise.resolve({ schedule: state.schedule, recorded: true }) : scheduleFor()).then(adopt);
  // Handlers are set at once, since an Update that arrives with the start would otherwise be refused for
  // want of one; each waits its turn behind the first schedule, and a validator checks only once there is one.
  const serially = createSerialQueue(ready);
  const inForce = (): YearSchedule => {
    if (!schedule) {
      throw ApplicationFailure.create({ type: 'NotPlannedYet', message: 'năm đang được lập lịch, xin hỏi lại sau giây lát / the year is being planned, ask again in a moment' });
    }
    return schedule;
  };
  const changed = () => version++;

  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: input.config.bloc.timeZone }).toISO() ?? '';
  const judgeAt = (q?: msg.AtInput) => (q?.at === undefined ? now() : changes.parseInstant('at', q.at, input.config.bloc.timeZone));
  // Accepted changes name a planned item.
  const itemById = (id: string) => inForce().items.find((i) => i.id === id) as YearSchedule['items'][number];

  wf.setHandler(
    msg.recordSubmission,
    (s) =>
      serially(() => {
        const accepted = changes.acceptSubmission(inForce(), state, s, now());
        const { outcome, submission } = changes.applySubmission(inForce(), state, accepted, now());
        changed();
        return { outcome, submission, cell: cellOf(state, itemById(accepted.itemId), accepted.unitId, now()) };
      }),
    { validator: (s) => void (schedule && changes.acceptSubmission(schedule, state, s, now())) },
  );
  wf.setHandler(
    msg.grantExtension,
    (e) =>
      serially(async () => {
        const accepted = changes.acceptExtension(inForce(), state, e);
        const extensions = planRequestOf(state).extensions ?? {};
        const own = { ...extensions[accepted.itemId], [accepted.unitId]: accepted.until };
        const next = await scheduleFor({ extensions: { ...extensions, [accepted.itemId]: own } });
        changes.applyExtension(inForce(), state, accepted, now());
        adopt(next);
        changed();
        return cellOf(state, itemById(accepted.itemId), accepted.unitId, now());
      }),
    { validator: (e) => void (schedule && changes.acceptExtension(schedule, state, e)) },
  );
  wf.setHandler(
    msg.reschedule,
    (r) =>
      serially(async () => {
        const accepted = changes.acceptReschedule(inForce(), state, r, now());
        const next = await scheduleFor({ dateOverrides: { ...state.dateOverrides, [accepted.itemId]: accepted.override } });
        changes.applyReschedule(state, accepted);
        adopt(next);
        changed();
        return itemById(accepted.itemId);
      }),
    { validator: (r) => void (schedule && changes.acceptReschedule(schedule, state, r, now())) },
  );
  wf.setHandler(
    msg.replaceCalendar,
    (c) =>
      serially(async () => {
        const decisions = changes.acceptCalendar(inForce(), c);
        const next = await scheduleFor({ decisions });
        const moved = changes.applyCalendar(state, decisions, inForce(), next.schedule);
        adopt(next);
        changed();
        return { moved };
      }),
    { validator: (c) => void (schedule && changes.acceptCalendar(schedule, c)) },
  );
  wf.setHandler(
    msg.updateContacts,
    (c) =>
      serially(() => {
        changes.applyContacts(state, changes.acceptContacts(state, c));
        changed();
      }),
    { validator: (c) => void changes.acceptContacts(state, c) },
  );
  wf.setHandler(
    msg.cancelItem,
    (c) =>
      serially(() => {
        changes.applyCancel(inForce(), state, changes.acceptCancel(inForce(), state, c), now());
        changed();
      }),
    { validator: (c) => void (schedule && changes.acceptCancel(schedule, state, c)) },
  );

  wf.setHandler(
    msg.replan,
    (r) =>
      serially(async () => {
        const before = inForce();
        const next = await scheduleFor();
        const result = { applied: r.apply, changes: scheduleChanges(before, next.schedule) };
        if (!r.apply) return result;
        changes.markMoved(state, before, next.schedule);
        adopt(next);
        changed();
        return result;
      }),
    { validator: (r) => changes.acceptReplan(r) },
  );

  wf.setHandler(msg.statusQuery, (q) => statusView(inForce(), state, judgeAt(q)));
  wf.setHandler(msg.overdueQuery, (q) => overdueAt(inForce(), state, judgeAt(q)));
  wf.setHandler(msg.timelineQuery, () => inForce());
  wf.setHandler(msg.logQuery, () => state.log);
  wf.setHandler(msg.previousYearsQuery, () => state.previousYears);

  let published = '';
  const publishSearchAttributes = () => {
    const overdue = overdueAt(inForce(), state, now());
    const units = [...new Set(overdue.flatMap((o) => o.units.map((u) => u.unitId)))].sort();
    const count = overdue.reduce((n, o) => n + o.units.length, 0);
    const next = inForce()
      .items.filter((i) => hasCutOff(i.kind) && i.at && Date.parse(i.at) > now() && !state.cancelled[i.id])
      .map((i) => Date.parse(i.at as string))
      .sort((a, b) => a - b)[0];
    const fingerprint = JSON.stringify([count, units, next]);
    if (fingerprint === published) return;
    published = fingerprint;
    wf.upsertSearchAttributes([
      { key: BLOC_ID, value: state.config.bloc.id },
      { key: BLOC_YEAR, value: state.year },
      { key: OVERDUE_COUNT, value: count },
      { key: OVERDUE_UNITS, value: units },
      { key: NEXT_DEADLINE, value: next === undefined ? null : new Date(next) },
    ]);
  };

  /** Sends in batches and records what happened; `plannedAt` tells when each message was due. */
  const send = async (messages: OutgoingMessage[], plannedAt: (m: OutgoingMessage) => string) => {
    const chunks: OutgoingMessage[][] = [];
    for (let i = 0; i < messages.length; i += BATCH_SIZE) chunks.push(messages.slice(i, i + BATCH_SIZE));
    const outcomes = (await Promise.all(chunks.map((chunk) => sendBatch(chunk)))).flat();
    recordOutcomes(state, messages, outcomes, plannedAt, iso(now()));
  };

  await ready;
  for (;;) {
    // A year begun before release 0.2 records its schedule at its first step under the new code.
    if (!recorded && patches.scheduleRecorded()) await serially(async () => adopt(await scheduleFor()));
    publishSearchAttributes();
    const current = inForce();
    const handover = current.items.find((i) => i.kind === 'handover' && i.at);
    const handoverAt = handover?.at ? Date.parse(handover.at) : undefined;
    if (handoverAt !== undefined && now() >= handoverAt) break;

    const { messages, nextAt } = agenda(current, state, now(), { overdueDigests: patches.scheduleRecorded() });
    if (messages.length > 0) {
      const plannedAt = new Map(messages.map((m) => [m.messageKey, m.slots[0]?.plannedAt ?? iso(now())]));
      await send(
        messages.map((m) => buildMessage(state, current, m, now())),
        (m) => plannedAt.get(m.key) ?? iso(now()),
      );
      continue;
    }
    if (shouldContinueAsNew(input)) {
      await wf.condition(wf.allHandlersFinished);
      await wf.continueAsNew<typeof blocYear>({ ...input, carried: state });
    }
    const wakeAt = Math.min(nextAt ?? Infinity, handoverAt ?? Infinity);
    const seen = version;
    if (Number.isFinite(wakeAt)) await wf.condition(() => version !== seen, Math.max(wakeAt - now(), 1));
    else await wf.condition(() => version !== seen);
  }

  return handOver(state, inForce(), iso(now()), send);
}

async function handOver(
  state: YearState,
  plan: YearSchedule,
  endedAt: string,
  send: (messages: OutgoingMessage[], plannedAt: (m: OutgoingMessage) => string) => Promise<void>,
): Promise<YearSummary> {
  const next = nextRoles(state);
  const handoverAt = plan.items.find((i) => i.kind === 'handover')?.at ?? endedAt;
  const messages = buildHandoverMessages(state, plan, next, Date.parse(endedAt)).filter((m) => !state.log.some((e) => e.messageKey === m.key));
  if (messages.length > 0) await send(messages, () => handoverAt);
  await wf.condition(wf.allHandlersFinished);

  const summary = summarise(state, plan, endedAt);
  const nextYear = state.year + 1;
  try {
    await wf.startChild(blocYear, {
      workflowId: workflowIdFor(state.config.bloc.id, nextYear),
      args: [{ config: state.config, year: nextYear, roles: next, previousYears: [...state.previousYears, summary].slice(-SUMMARY_YEARS) }],
      parentClosePolicy: 'ABANDON',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    // The next year may have been started by hand already; this year still ends with its summary.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    wf.log.warn('next year already started', { workflowId: workflowIdFor(state.config.bloc.id, nextYear) });
  }
  return summary;
}

function shouldContinueAsNew(input: BlocYearInput): boolean {
  const info = wf.workflowInfo();
  return info.continueAsNewSuggested || (input.maxHistoryEvents !== undefined && info.historyLength >= input.maxHistoryEvents);
}
