/**
 * One bloc's emulation year, from the start of its cycle to the handover after the January
 * review conference. It reads like the plan: remind before each deadline and event, record what
 * arrives, chase what is missing, and hand the lead to the deputy for the next year.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { BatchActivities, OutgoingMessage } from '../activities/types';
import { hasCutOff } from '../calendar/kinds';
import type { YearPlan } from '../calendar/types';
import { agenda } from './agenda';
import * as changes from './changes';
import * as msg from './messages';
import { BlocYearInput, initialState, YearState, YearSummary, workflowIdFor } from './model';
import { buildHandoverMessages, buildMessage, nextRoles } from './outgoing';
import { currentPlan } from './plan';
import { recordOutcomes } from './sent-log';
import { BLOC_ID, BLOC_YEAR, NEXT_DEADLINE, OVERDUE_COUNT, OVERDUE_UNITS } from './search-attributes';
import { cellOf, overdueAt, statusView, summarise } from './status';

const { sendBatch } = wf.proxyActivities<BatchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Messages per activity call: small enough to finish well inside its timeout at a modest SMTP rate. */
const BATCH_SIZE = 25;
/** Years of summaries carried forward. */
const SUMMARY_YEARS = 10;

export async function blocYear(input: BlocYearInput): Promise<YearSummary> {
  const startedAt = DateTime.fromMillis(Date.now(), { zone: input.config.bloc.timeZone }).toISO() ?? '';
  const state: YearState = input.carried ?? initialState(input, startedAt);
  let { plan, reminders } = currentPlan(state);
  let version = 0;

  const now = () => Date.now();
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: plan.timeZone }).toISO() ?? '';
  const changed = () => {
    ({ plan, reminders } = currentPlan(state));
    version++;
  };
  const judgeAt = (q?: msg.AtInput) => (q?.at ? Date.parse(q.at) : now());
  // Validators have already refused an unknown item.
  const itemById = (id: string) => plan.items.find((i) => i.id === id) as YearPlan['items'][number];

  wf.setHandler(
    msg.recordSubmission,
    (s) => {
      const { outcome, submission } = changes.applySubmission(plan, state, s, now());
      changed();
      return { outcome, submission, cell: cellOf(state, itemById(s.itemId), s.unitId, now()) };
    },
    { validator: (s) => changes.checkSubmission(plan, state, s, now()) },
  );
  wf.setHandler(
    msg.grantExtension,
    (e) => {
      changes.applyExtension(plan, state, e, now());
      changed();
      return cellOf(state, itemById(e.itemId), e.unitId, now());
    },
    { validator: (e) => changes.checkExtension(plan, state, e) },
  );
  wf.setHandler(
    msg.reschedule,
    (r) => {
      changes.applyReschedule(state, r);
      changed();
      return itemById(r.itemId);
    },
    { validator: (r) => changes.checkReschedule(plan, state, r, now()) },
  );
  wf.setHandler(
    msg.replaceCalendar,
    (c) => {
      const before = plan;
      const after = currentPlan({ ...state, decisions: c.decisions }).plan;
      const moved = changes.applyCalendar(state, c, before, after);
      changed();
      return { moved };
    },
    { validator: (c) => changes.checkCalendar(plan, c) },
  );
  wf.setHandler(
    msg.updateContacts,
    (c) => {
      changes.applyContacts(state, c);
      changed();
    },
    { validator: (c) => changes.checkContacts(state, c) },
  );
  wf.setHandler(
    msg.cancelItem,
    (c) => {
      changes.applyCancel(plan, state, c, now());
      changed();
    },
    { validator: (c) => changes.checkCancel(plan, state, c) },
  );

  wf.setHandler(msg.statusQuery, (q) => statusView(plan, state, judgeAt(q)));
  wf.setHandler(msg.overdueQuery, (q) => overdueAt(plan, state, judgeAt(q)));
  wf.setHandler(msg.timelineQuery, () => plan);
  wf.setHandler(msg.logQuery, () => state.log);
  wf.setHandler(msg.previousYearsQuery, () => state.previousYears);

  let published = '';
  const publishSearchAttributes = () => {
    const overdue = overdueAt(plan, state, now());
    const units = [...new Set(overdue.flatMap((o) => o.units.map((u) => u.unitId)))].sort();
    const count = overdue.reduce((n, o) => n + o.units.length, 0);
    const next = plan.items
      .filter((i) => hasCutOff(i.kind) && i.at && Date.parse(i.at) > now() && !state.cancelled[i.id])
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

  for (;;) {
    publishSearchAttributes();
    const handover = plan.items.find((i) => i.kind === 'handover' && i.at);
    const handoverAt = handover?.at ? Date.parse(handover.at) : undefined;
    if (handoverAt !== undefined && now() >= handoverAt) break;

    const { messages, nextAt } = agenda(plan, state, reminders, now());
    if (messages.length > 0) {
      const plannedAt = new Map(messages.map((m) => [m.messageKey, m.slots[0]?.plannedAt ?? iso(now())]));
      await send(
        messages.map((m) => buildMessage(state, plan, m, now())),
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

  return handOver(state, plan, iso(now()), send);
}

async function handOver(
  state: YearState,
  plan: YearPlan,
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
