/**
 * The handlers of the conference's messages (workflows/conference-messages.ts), checked twice like every other
 * Update (workflows/handlers.ts): by the validator, so that a refusal writes nothing, and again in the handler.
 */
import type { UpdateDefinition } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import type { YearSchedule } from '../calendar/schedule';
import * as ballot from './ballot';
import * as msg from './conference-messages';
import { applyDeclaration } from './declarations';
import type { YearRun } from './handlers';
import { acceptRegistration, registrationsView } from './registration';
import type { YearState } from './model';
import { cellOf } from './status';

export function setConferenceHandlers(year: YearRun, validate: (year: YearRun, check: (plan: YearSchedule) => void) => void): void {
  const { state, keeper, serially, now, changed } = year;
  const inForce = () => keeper.inForce();

  wf.setHandler(
    msg.registerTitles,
    (r) =>
      serially(() => {
        const accepted = acceptRegistration(inForce(), state, r, now());
        const declaration = applyDeclaration(inForce(), state, accepted, now());
        changed();
        const item = inForce().items.find((i) => i.id === accepted.itemId) as YearSchedule['items'][number];
        return { declaration, cell: cellOf(state, item, accepted.unitId, now()) };
      }),
    { validator: (r) => validate(year, (plan) => void acceptRegistration(plan, state, r, now())) },
  );
  wf.setHandler(
    msg.openBallotRound,
    (o) =>
      serially(() => {
        const round = ballot.acceptOpenRound(inForce(), state, o, now());
        ballot.applyOpenRound(state, round);
        changed();
        return round;
      }),
    { validator: (o) => validate(year, (plan) => void ballot.acceptOpenRound(plan, state, o, now())) },
  );
  /** A ballot's change: `accept` in the validator, so that a refusal writes nothing, then again before `apply`, in turn. */
  function onBallot<I, A, R>(update: UpdateDefinition<R, [I]>, accept: (s: YearState, input: I) => A, apply: (s: YearState, accepted: A, at: number) => R): void {
    wf.setHandler(
      update,
      (input: I) =>
        serially(() => {
          const result = apply(state, accept(state, input), now());
          changed();
          return result;
        }),
      { validator: (input: I) => void accept(state, input) },
    );
  }
  onBallot(msg.castVote, ballot.acceptVote, (s, vote, at) => ({ voters: ballot.applyVote(s, vote, at).voters.length }));
  onBallot(msg.closeBallotRound, ballot.acceptCloseRound, ballot.applyCloseRound);
  onBallot(msg.annulBallotRound, ballot.acceptAnnulRound, ballot.applyAnnulRound);
  wf.setHandler(msg.registrationsQuery, () => registrationsView(state) ?? null);
  wf.setHandler(msg.ballotQuery, () => ballot.ballotView(state));
  wf.setHandler(msg.sealedBallotsQuery, (q) => (state.ballots ?? []).find((r) => r.titleId === q?.titleId && r.round === q.round)?.sealed ?? []);
}
