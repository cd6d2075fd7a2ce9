/**
 * What the secretariat can tell a year (Updates) and ask it (Queries). Every Update is checked by its
 * `accept…` function twice, by the validator (so a refusal writes nothing) and again by the handler on the
 * record as it then stands, and runs after the Updates before it; a date change waits for the planning
 * activity and puts the new schedule in force with the change.
 */
import * as wf from '@temporalio/workflow';
import { DateTime } from 'luxon';
import { scheduleChanges, type YearSchedule } from '../calendar/schedule';
import * as changes from './changes';
import { setConferenceHandlers } from './conference-handlers';
import * as declarations from './declarations';
import * as msg from './messages';
import { workflowIdFor, type LogEntry, type YearState } from './model';
import { nextRoles } from './outgoing';
import { planRequestOf } from './plan';
import { rankingOf, rankingSummary, type Ranking } from './ranking';
import * as reorganisation from './reorganisation';
import * as scoring from './scoring';
import { handoverAt, type ScheduleKeeper } from './schedule-keeper';
import { cellOf, overdueAt, statusView, summarise } from './status';

export interface YearRun {
  state: YearState;
  keeper: ScheduleKeeper;
  serially: <T>(work: () => Promise<T> | T) => Promise<T>;
  now(): number;
  /** Wakes the year's loop: the record changed. */
  changed(): void;
  /** Messages handed to the mail activity and not yet back, for the log. */
  sending(): LogEntry[];
  /** How long a year stays open for late records after its handover. */
  openFor: number;
}

/** Validators check against the schedule in force; before the first exists, the handler checks. */
function validate(year: YearRun, check: (schedule: YearSchedule) => void): void {
  const schedule = year.keeper.peek();
  if (schedule) check(schedule);
}

export function stageOf(year: YearRun): msg.StageView {
  const { state, keeper } = year;
  const planned = keeper.peek();
  const at = planned ? handoverAt(planned) : undefined;
  const zone = state.config.bloc.timeZone;
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO() ?? '';
  return {
    blocName: state.config.bloc.name,
    stage: state.handover ? 'handed-over' : state.handoverHeld ? 'awaiting-handover' : 'running',
    ...(at !== undefined && { handoverAt: iso(at) }),
    handoverHeld: Boolean(state.handoverHeld),
    ...(state.handover && { handover: state.handover, openUntil: iso(Date.parse(state.handover.at) + year.openFor) }),
    nextYear: state.year + 1,
    next: nextRoles(state),
    moves: state.moves ?? [],
    cancelled: Object.entries(state.cancelled).map(([itemId, c]) => ({ itemId, ...c })),
    restored: state.restored ?? [],
    unitChanges: state.unitChanges ?? [],
    roleChanges: state.roleChanges ?? [],
  };
}

export function setHandlers(year: YearRun): void {
  const { state, keeper, serially, now, changed } = year;
  const inForce = () => keeper.inForce();
  const itemById = (id: string) => inForce().items.find((i) => i.id === id) as YearSchedule['items'][number];
  const zone = state.config.bloc.timeZone;
  const judgeAt = (q?: msg.AtInput) => (q?.at === undefined ? now() : changes.parseInstant('at', q.at, zone));

  wf.setHandler(
    msg.recordSubmission,
    (s) =>
      serially(() => {
        const accepted = changes.acceptSubmission(inForce(), state, s, now());
        const { outcome, submission } = changes.applySubmission(inForce(), state, accepted, now());
        declarations.settleByRecord(inForce(), state, accepted.itemId, accepted.unitId, now());
        changed();
        return { outcome, submission, cell: cellOf(state, itemById(accepted.itemId), accepted.unitId, now()) };
      }),
    { validator: (s) => validate(year, (plan) => changes.acceptSubmission(plan, state, s, now())) },
  );
  wf.setHandler(
    msg.declareSubmission,
    (d) =>
      serially(() => {
        const accepted = declarations.acceptDeclaration(inForce(), state, d, now());
        const declaration = declarations.applyDeclaration(inForce(), state, accepted, now());
        changed();
        return { declaration, cell: cellOf(state, itemById(accepted.itemId), accepted.unitId, now()) };
      }),
    { validator: (d) => validate(year, (plan) => declarations.acceptDeclaration(plan, state, d, now())) },
  );
  wf.setHandler(
    msg.declareByMail,
    (m) =>
      serially((): msg.MailDeclarationResult => {
        const earlier = declarations.declaredByMail(state, m?.messageId);
        const cell = (itemId: string, unitId: string) => cellOf(state, itemById(itemId), unitId, now());
        if (earlier) return { outcome: 'already-recorded', confirmed: earlier.declaration.review?.decision === 'confirmed', unitId: earlier.unitId, itemId: earlier.itemId, cell: cell(earlier.itemId, earlier.unitId) };
        const accepted = declarations.acceptMailDeclaration(inForce(), state, m, now());
        const confirmed = declarations.applyMailDeclaration(inForce(), state, accepted, now());
        changed();
        const { unitId, itemId } = accepted.declared;
        return { outcome: 'recorded', confirmed, unitId, itemId, cell: cell(itemId, unitId) };
      }),
    { validator: (m) => validate(year, (plan) => void (declarations.declaredByMail(state, m?.messageId) ?? declarations.acceptMailDeclaration(plan, state, m, now()))) },
  );
  wf.setHandler(
    msg.reviewDeclaration,
    (r) =>
      serially(() => {
        const accepted = declarations.acceptReview(inForce(), state, r, now());
        declarations.applyReview(inForce(), state, accepted, now());
        changed();
        return cellOf(state, itemById(accepted.itemId), accepted.unitId, now());
      }),
    { validator: (r) => validate(year, (plan) => declarations.acceptReview(plan, state, r, now())) },
  );
  wf.setHandler(
    msg.grantExtension,
    (e) =>
      serially(async () => {
        const accepted = changes.acceptExtension(inForce(), state, e);
        const extensions = planRequestOf(state).extensions ?? {};
        const own = { ...extensions[accepted.itemId], [accepted.unitId]: accepted.until };
        const next = await keeper.propose({ extensions: { ...extensions, [accepted.itemId]: own } });
        changes.applyExtension(inForce(), state, accepted, now());
        keeper.adopt(next);
        changed();
        return cellOf(state, itemById(accepted.itemId), accepted.unitId, now());
      }),
    { validator: (e) => validate(year, (plan) => changes.acceptExtension(plan, state, e)) },
  );
  wf.setHandler(
    msg.reschedule,
    (r) =>
      serially(async () => {
        const accepted = changes.acceptReschedule(inForce(), state, r, now());
        const next = await keeper.propose({ dateOverrides: { ...state.dateOverrides, [accepted.itemId]: accepted.override } });
        changes.applyReschedule(state, accepted, now());
        keeper.adopt(next);
        changed();
        return itemById(accepted.itemId);
      }),
    { validator: (r) => validate(year, (plan) => changes.acceptReschedule(plan, state, r, now())) },
  );
  wf.setHandler(
    msg.replaceCalendar,
    (c) =>
      serially(async () => {
        const decisions = changes.acceptCalendar(inForce(), state, c);
        const next = await keeper.propose({ decisions });
        const preview = { changes: scheduleChanges(inForce(), next.schedule) };
        if (!c.apply) return { applied: false, moved: changes.movedItems(inForce(), next.schedule), ...preview };
        const moved = changes.applyCalendar(state, decisions, inForce(), next.schedule);
        keeper.adopt(next);
        changed();
        return { applied: true, moved, ...preview };
      }),
    { validator: (c) => validate(year, (plan) => changes.acceptCalendar(plan, state, c)) },
  );
  wf.setHandler(
    msg.replan,
    (r) =>
      serially(async () => {
        changes.acceptReplan(state, r);
        const before = inForce();
        const next = await keeper.propose();
        const result = { applied: r.apply, changes: scheduleChanges(before, next.schedule) };
        if (!r.apply) return result;
        changes.markMoved(state, before, next.schedule);
        keeper.adopt(next);
        changed();
        return result;
      }),
    { validator: (r) => changes.acceptReplan(state, r) },
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
    { validator: (c) => validate(year, (plan) => changes.acceptCancel(plan, state, c)) },
  );
  wf.setHandler(
    msg.restoreItem,
    (r) =>
      serially(() => {
        changes.applyRestore(state, changes.acceptRestore(inForce(), state, r), now());
        changed();
      }),
    { validator: (r) => validate(year, (plan) => changes.acceptRestore(plan, state, r)) },
  );
  /** A change to who takes part: applied to the record, then a new schedule for the units as they now are. */
  const reshape = <I, A>(accept: (input: I) => A, apply: (accepted: A) => void) => (input: I) =>
    serially(async () => {
      const accepted = accept(input);
      apply(accepted);
      keeper.adopt(await keeper.propose());
      changed();
    });
  wf.setHandler(
    msg.addUnit,
    reshape((i) => reorganisation.acceptAddUnit(state, i), (a) => reorganisation.applyAddUnit(state, a, now())),
    { validator: (i) => void reorganisation.acceptAddUnit(state, i) },
  );
  wf.setHandler(
    msg.renameUnit,
    reshape((i) => reorganisation.acceptRenameUnit(state, i), (a) => reorganisation.applyRenameUnit(state, a, now())),
    { validator: (i) => void reorganisation.acceptRenameUnit(state, i) },
  );
  wf.setHandler(
    msg.retireUnit,
    reshape((i) => reorganisation.acceptRetireUnit(state, i), (a) => reorganisation.applyRetireUnit(state, a, now())),
    { validator: (i) => void reorganisation.acceptRetireUnit(state, i) },
  );
  wf.setHandler(
    msg.mergeUnits,
    reshape((i) => reorganisation.acceptMergeUnits(state, i), (a) => reorganisation.applyMergeUnits(state, a, now())),
    { validator: (i) => void reorganisation.acceptMergeUnits(state, i) },
  );
  wf.setHandler(
    msg.changeRoles,
    async (i) => {
      await reshape((r: msg.RolesInput) => reorganisation.acceptChangeRoles(state, r), (a) => reorganisation.applyChangeRoles(state, a, now()))(i);
      return state.roles;
    },
    { validator: (i) => void reorganisation.acceptChangeRoles(state, i) },
  );
  wf.setHandler(
    msg.handOver,
    (): Promise<msg.StageView> =>
      serially(async () => {
        changes.acceptHandOver(state);
        state.handoverRequested = DateTime.fromMillis(now(), { zone }).toISO() ?? '';
        changed();
        // The year's loop carries it out (notices, the next year); the answer says how it went.
        await wf.condition(() => state.handover !== undefined);
        return stageOf(year);
      }),
    { validator: () => changes.acceptHandOver(state) },
  );
  wf.setHandler(
    msg.closeYear,
    (c) =>
      serially(() => {
        const accepted = changes.acceptClose(state, c);
        state.closeRequested = { at: DateTime.fromMillis(now(), { zone }).toISO() ?? '', ...(accepted.reason && { reason: accepted.reason }) };
        changed();
        return summarise(state, inForce(), state.closeRequested.at);
      }),
    { validator: (c) => void changes.acceptClose(state, c) },
  );

  setScoringHandlers(year, judgeAt);
  setConferenceHandlers(year, validate);

  wf.setHandler(msg.statusQuery, (q) => statusView(inForce(), state, judgeAt(q)));
  wf.setHandler(msg.overdueQuery, (q) => overdueAt(inForce(), state, judgeAt(q)));
  wf.setHandler(msg.timelineQuery, () => inForce());
  wf.setHandler(msg.logQuery, () => [...state.log, ...year.sending()]);
  wf.setHandler(msg.previousYearsQuery, () => state.previousYears);
  wf.setHandler(msg.stageQuery, () => stageOf(year));
  wf.setHandler(msg.yearPageQuery, (q) => ({ view: statusView(inForce(), state, judgeAt(q)), schedule: inForce(), stage: stageOf(year) }));
  wf.setHandler(msg.declarationsQuery, () => state.declarations ?? {});
}

/**
 * Self-scores, the leader's compilation and the conference's decision (workflows/scoring.ts). A year whose
 * plan has no scoring table refuses them all, and nothing in it changes.
 */
function setScoringHandlers(year: YearRun, judgeAt: (q?: msg.AtInput) => number): void {
  const { state, keeper, serially, now, changed } = year;
  const inForce = () => keeper.inForce();

  /**
   * The next year was given this year's ranking when it began. A change after the handover (the conference's
   * decision recorded the day after it, a late correction) is passed on, so that its `previousYears` holds the
   * ranking as it finally stands. Only years with scores ever send it.
   */
  const passOnRanking = async () => {
    if (!state.handover?.nextYearStarted) return;
    const ranking = rankingSummary(state);
    if (!ranking) return;
    const nextId = workflowIdFor(state.config.bloc.id, state.year + 1);
    try {
      await wf.getExternalWorkflowHandle(nextId).signal(msg.amendPreviousRanking, { year: state.year, ranking });
    } catch (err) {
      // The next year may already be closed: the ranking stays in this year's record and its result.
      wf.log.warn('the next year could not take the new ranking', { workflowId: nextId, error: String(err) });
    }
  };

  wf.setHandler(
    msg.submitScore,
    (s) =>
      serially(async () => {
        const result = scoring.applyScore(inForce(), state, scoring.acceptScore(inForce(), state, s, now()), now());
        if (result.outcome === 'unchanged') return result;
        changed();
        await passOnRanking();
        return result;
      }),
    { validator: (s) => validate(year, (plan) => void scoring.acceptScore(plan, state, s, now())) },
  );
  wf.setHandler(
    msg.adjustScore,
    (a) =>
      serially(async () => {
        const result = scoring.applyAdjustment(state, scoring.acceptAdjustment(state, a), now());
        changed();
        await passOnRanking();
        return result;
      }),
    { validator: (a) => void scoring.acceptAdjustment(state, a) },
  );
  wf.setHandler(
    msg.requestScoreCorrection,
    (r) =>
      serially(() => {
        const result = scoring.applyCorrectionRequest(state, scoring.acceptCorrectionRequest(state, r), now());
        changed();
        return result;
      }),
    { validator: (r) => void scoring.acceptCorrectionRequest(state, r) },
  );
  wf.setHandler(
    msg.decideBonus,
    (d) =>
      serially(async (): Promise<msg.BonusDecisionResult> => {
        const { apply, ...decided } = scoring.acceptBonusDecision(inForce(), state, d, now());
        if (!apply) {
          const preview = { at: DateTime.fromMillis(now(), { zone: state.config.bloc.timeZone }).toISO() ?? '', ...decided };
          return { applied: false, decision: decided, ranking: scoring.rankingWith(state, preview) };
        }
        const decision = scoring.applyBonusDecision(state, { apply, ...decided }, now());
        changed();
        await passOnRanking();
        return { applied: true, decision, ranking: rankingOf(state) as Ranking };
      }),
    { validator: (d) => validate(year, (plan) => void scoring.acceptBonusDecision(plan, state, d, now())) },
  );
  wf.setHandler(msg.amendPreviousRanking, ({ year: earlier, ranking }) => {
    const summary = state.previousYears.find((y) => y.year === earlier);
    if (summary && typeof ranking === 'object' && ranking !== null) summary.ranking = ranking;
  });
  wf.setHandler(msg.scoresQuery, (q) => (state.config.scoring ? scoring.scoresView(inForce(), state, judgeAt(q)) : null));
}
