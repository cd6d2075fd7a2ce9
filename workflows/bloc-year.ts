/**
 * One bloc's emulation year, from the start of its cycle to the handover after the January review
 * conference, and on, open for late records, until the secretariat closes it. It reads like the plan:
 * remind before each deadline and event, record what arrives, chase what is missing, hand the lead to the
 * deputy for the next year.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { YearSchedule } from '../calendar/schedule';
import { agenda } from './agenda';
import { setHandlers, type YearRun } from './handlers';
import { createMailer, type Mailer } from './mail-out';
import { BlocYearInput, initialState, YearState, YearSummary, workflowIdFor } from './model';
import { buildHandoverMessages, buildMessage, nextRoles } from './outgoing';
import { patchesOfThisRun } from './patches';
import { publisher } from './publish';
import { configForNextYear } from './reorganisation';
import { isoInZone } from './local-time';
import { handoverAt, ScheduleKeeper } from './schedule-keeper';
import { createSerialQueue } from './serially';
import { summarise } from './status';

/** Years of summaries carried forward. */
const SUMMARY_YEARS = 10;
/** After its handover a year takes late records this long, unless the secretariat closes it sooner. */
const OPEN_FOR_MS = 180 * 24 * 3600 * 1000;

export async function blocYear(input: BlocYearInput): Promise<YearSummary> {
  // Asked first, before the year is planned: workflows/patches.ts, askedAtStart, says why.
  const patches = patchesOfThisRun();
  const startedAt = isoInZone(Date.now(), input.config.bloc.timeZone);
  const state: YearState = input.carried ?? initialState(input, startedAt);
  const now = () => Date.now();
  const iso = (ms: number) => isoInZone(ms, state.config.bloc.timeZone);
  let version = 0;
  const keeper = new ScheduleKeeper(state, now, patches);
  const mailer = createMailer(state, now);
  const year: YearRun = {
    state,
    keeper,
    serially: createSerialQueue(keeper.ready),
    now,
    changed: () => void version++,
    sending: () => mailer.sending(),
    openFor: OPEN_FOR_MS,
  };
  setHandlers(year);
  const publish = publisher(state, now);

  await keeper.ready;
  for (;;) {
    if (keeper.mustRecord()) await year.serially(() => keeper.record());
    publish(keeper.inForce());
    const current = keeper.inForce();
    const handover = handoverAt(current);
    if (state.closeRequested || state.handoverRequested) break;
    if (handover !== undefined && now() >= handover && !state.handoverHeld) break;

    const { messages, nextAt } = agenda(current, state, now(), { overdueDigests: patches.scheduleRecorded() });
    if (messages.length > 0) {
      const plannedAt = new Map(messages.map((m) => [m.messageKey, m.slots[0]?.plannedAt ?? iso(now())]));
      await mailer.send(
        messages.map((m) => buildMessage(state, current, m, now())),
        (m) => plannedAt.get(m.key) ?? iso(now()),
      );
      continue;
    }
    if (shouldContinueAsNew(input)) {
      await wf.condition(wf.allHandlersFinished);
      await wf.continueAsNew<typeof blocYear>({ ...input, carried: state });
    }
    const wakeAt = Math.min(nextAt ?? Infinity, state.handoverHeld ? Infinity : (handover ?? Infinity));
    const seen = version;
    if (Number.isFinite(wakeAt)) await wf.condition(() => version !== seen, Math.max(wakeAt - now(), 1));
    else await wf.condition(() => version !== seen);
  }

  // Years begun before release 0.3 ended at their handover; their recorded past replays that way.
  if (!patches.yearStaysOpen()) return handOverAndEnd(state, keeper.inForce(), iso(now()), mailer);

  if (!state.closeRequested) await handOver(state, keeper.inForce(), now(), mailer);
  // Open for late records until the secretariat closes the year; each one shows in the search attributes.
  const openUntil = state.handover ? Date.parse(state.handover.at) + OPEN_FOR_MS : now();
  while (!state.closeRequested && now() < openUntil) {
    publish(keeper.inForce());
    const seen = version;
    await wf.condition(() => version !== seen, Math.max(openUntil - now(), 1));
  }
  await wf.condition(wf.allHandlersFinished);
  return summarise(state, keeper.inForce(), state.closeRequested?.at ?? iso(now()));
}

/**
 * The deputy takes the lead: every unit is told and the next year begins, unless this year is long past
 * (its next year already over), when nobody needs telling and there is no next year to begin.
 */
async function handOver(state: YearState, schedule: YearSchedule, nowMs: number, mailer: Mailer): Promise<void> {
  const zone = state.config.bloc.timeZone;
  const at = DateTime.fromMillis(nowMs, { zone });
  const longPast = state.year + 1 < at.year;
  const next = nextRoles(state);
  if (!longPast) {
    const plannedAt = schedule.items.find((i) => i.kind === 'handover')?.at ?? at.toISO() ?? '';
    const messages = buildHandoverMessages(state, schedule, next, nowMs).filter((m) => !state.log.some((e) => e.messageKey === m.key));
    if (messages.length > 0) await mailer.sendAll(messages, () => plannedAt);
    await startNextYear(state, summarise(state, schedule, at.toISO() ?? ''));
  }
  state.handover = { at: at.toISO() ?? '', by: state.handoverRequested ? 'secretariat' : 'plan', noticesSent: !longPast, nextYearStarted: !longPast };
}

async function startNextYear(state: YearState, summary: YearSummary): Promise<void> {
  const nextYear = state.year + 1;
  try {
    await wf.startChild(blocYear, {
      workflowId: workflowIdFor(state.config.bloc.id, nextYear),
      args: [{ config: configForNextYear(state), year: nextYear, roles: nextRoles(state), previousYears: [...state.previousYears, summary].slice(-SUMMARY_YEARS) }],
      parentClosePolicy: 'ABANDON',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    // The next year may have been started by hand already; this year hands over all the same.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    wf.log.warn('next year already started', { workflowId: workflowIdFor(state.config.bloc.id, nextYear) });
  }
}

/** The handover as releases before 0.3 made it: notices, the next year, and the year's end. */
async function handOverAndEnd(state: YearState, schedule: YearSchedule, endedAt: string, mailer: Mailer): Promise<YearSummary> {
  const handoverAt = schedule.items.find((i) => i.kind === 'handover')?.at ?? endedAt;
  const messages = buildHandoverMessages(state, schedule, nextRoles(state), Date.parse(endedAt)).filter(
    (m) => !state.log.some((e) => e.messageKey === m.key),
  );
  if (messages.length > 0) await mailer.sendAll(messages, () => handoverAt);
  await wf.condition(wf.allHandlersFinished);
  const summary = summarise(state, schedule, endedAt);
  await startNextYear(state, summary);
  return summary;
}

function shouldContinueAsNew(input: BlocYearInput): boolean {
  const info = wf.workflowInfo();
  return info.continueAsNewSuggested || (input.maxHistoryEvents !== undefined && info.historyLength >= input.maxHistoryEvents);
}
