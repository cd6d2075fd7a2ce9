/**
 * One bloc's emulation year, from the start of its cycle to the handover after the January
 * review conference. It reads like the plan: remind before each deadline and event, record what
 * arrives, chase what is missing, and hand the lead to the deputy for the next year.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { BatchActivities, OutgoingMessage, SendOutcome } from '../activities/types';
import { hasCutOff } from '../calendar/kinds';
import type { YearPlan } from '../calendar/types';
import { agenda } from './agenda';
import * as changes from './changes';
import * as msg from './messages';
import { BlocYearInput, initialState, LogEntry, YearState, YearSummary, workflowIdFor } from './model';
import { buildHandoverMessages, buildMessage, nextRoles } from './outgoing';
import { currentPlan } from './plan';
import { BLOC_ID, BLOC_YEAR, NEXT_DEADLINE, OVERDUE_COUNT, OVERDUE_UNITS } from './search-attributes';
import { cellOf, overdueAt, statusMatrix, trackedItems } from './status';

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
  const state: YearState = input.carried ?? initialState(input, DateTime.fromMillis(Date.now(), { zone: input.config.bloc.timeZone }).toISO() ?? '');
  let { plan, reminders } = currentPlan(state);
  let version = 0;

  const now = () => Date.now();
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: plan.timeZone }).toISO() ?? '';
  const changed = () => {
    ({ plan, reminders } = currentPlan(state));
    version++;
  };
  const judgeAt = (q?: msg.AtInput) => (q?.at ? Date.parse(q.at) : now());

  wf.setHandler(
    msg.recordSubmission,
    (s) => {
      const { outcome } = changes.applySubmission(plan, state, s, now());
      changed();
      const item = plan.items.find((i) => i.id === s.itemId) as YearPlan['items'][number];
      const submission =
        item.kind === 'ongoing'
          ? (state.reports[item.id] ?? []).filter((r) => r.unitId === s.unitId).at(-1)
          : state.submissions[item.id]?.[s.unitId];
      return { outcome, submission: submission!, cell: cellOf(state, item, s.unitId, now()) };
    },
    { validator: (s) => changes.checkSubmission(plan, state, s, now()) },
  );
  wf.setHandler(
    msg.grantExtension,
    (e) => {
      changes.applyExtension(plan, state, e, now());
      changed();
      const item = plan.items.find((i) => i.id === e.itemId) as YearPlan['items'][number];
      return cellOf(state, item, e.unitId, now());
    },
    { validator: (e) => changes.checkExtension(plan, state, e) },
  );
  wf.setHandler(
    msg.reschedule,
    (r) => {
      changes.applyReschedule(state, r);
      changed();
      return plan.items.find((i) => i.id === r.itemId) as YearPlan['items'][number];
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

  const send = async (messages: OutgoingMessage[], plannedAt: Map<string, string>) => {
    const chunks: OutgoingMessage[][] = [];
    for (let i = 0; i < messages.length; i += BATCH_SIZE) chunks.push(messages.slice(i, i + BATCH_SIZE));
    const outcomes = (await Promise.all(chunks.map((chunk) => sendBatch(chunk)))).flat();
    const byKey = new Map(messages.map((m) => [m.key, m]));
    for (const outcome of outcomes) {
      const message = byKey.get(outcome.key);
      if (message) state.log.push(logEntry(message, outcome, plannedAt.get(message.key) ?? iso(now()), iso(now())));
    }
    if (messages.some((m) => m.digest)) state.pendingFailures = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'failed' || outcome.result.rejected.length > 0) {
        const message = byKey.get(outcome.key);
        state.pendingFailures.push({
          messageKey: outcome.key,
          unitId: message?.addressee.unitId,
          addresses: outcome.status === 'failed' ? outcome.addresses : outcome.result.rejected,
          reason: outcome.status === 'failed' ? outcome.error : 'một số địa chỉ bị từ chối / some addresses refused',
          at: outcome.status === 'failed' ? outcome.at : outcome.result.sentAt,
        });
      }
    }
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
        plannedAt,
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
  send: (messages: OutgoingMessage[], plannedAt: Map<string, string>) => Promise<void>,
): Promise<YearSummary> {
  const next = nextRoles(state);
  const handoverAt = plan.items.find((i) => i.kind === 'handover')?.at ?? endedAt;
  const messages = buildHandoverMessages(state, plan, next, Date.parse(endedAt)).filter((m) => !state.log.some((e) => e.messageKey === m.key));
  if (messages.length > 0) await send(messages, new Map(messages.map((m) => [m.key, handoverAt])));
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

/** `sentAt` is workflow time when the batch came back: the log and the agenda share one clock. */
function logEntry(message: OutgoingMessage, outcome: SendOutcome, plannedAt: string, sentAt: string): LogEntry {
  const addressee = message.handover ? `handover:${message.addressee.unitId}` : (message.addressee.unitId ?? 'digest');
  const notices = message.digest
    ? [...new Set(message.digest.rows.map((r) => r.itemId))].map((itemId) => ({ key: `digest|${itemId}|*|${plannedAt}`, itemId, kind: 'digest' as const, plannedAt }))
    : message.notices.map((n) => ({ key: n.key, itemId: n.itemId, kind: n.kind, plannedAt: n.plannedAt }));
  const base = { messageKey: message.key, addressee, to: message.addressee.to, notices, plannedAt };
  if (outcome.status === 'delivered') {
    const { messageId, rejected } = outcome.result;
    return { ...base, messageId, sentAt, status: rejected.length > 0 ? 'partial' : 'delivered', ...(rejected.length ? { rejected } : {}) };
  }
  return { ...base, sentAt, status: 'failed', error: outcome.error, transient: !outcome.permanent };
}

function statusView(plan: YearPlan, state: YearState, atMs: number): msg.StatusView {
  return {
    blocId: plan.blocId,
    year: plan.year,
    at: DateTime.fromMillis(atMs, { zone: plan.timeZone }).toISO() ?? '',
    roles: plan.roles,
    units: state.config.units.map((u) => ({ id: u.id, name: u.name })),
    items: trackedItems(plan).map((i) => ({ id: i.id, kind: i.kind, title: i.title, dueAt: i.at, wording: i.wording })),
    cells: statusMatrix(plan, state, atMs),
  };
}

function summarise(state: YearState, plan: YearPlan, endedAt: string): YearSummary {
  const atMs = Date.parse(endedAt);
  return {
    year: state.year,
    roles: state.roles,
    items: trackedItems(plan)
      .filter((i) => i.kind !== 'ongoing')
      .map((item) => {
        const cells = item.units.map((u) => cellOf(state, item, u, atMs));
        const count = (s: string) => cells.filter((c) => c.state === s).length;
        return { itemId: item.id, title: item.title, onTime: count('submitted-on-time'), late: count('submitted-late'), missing: count('overdue') };
      }),
    messagesSent: state.log.filter((e) => e.status !== 'failed').length,
    messagesFailed: state.log.filter((e) => e.status === 'failed').length,
    endedAt,
  };
}
