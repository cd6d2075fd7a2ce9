/**
 * The handlers of the conference's messages (workflows/conference-messages.ts), checked twice like every other
 * Update (workflows/handlers.ts): by the validator, so that a refusal writes nothing, and again in the handler.
 */
import * as wf from '@temporalio/workflow';
import type { YearSchedule } from '../calendar/schedule';
import * as ballot from './ballot';
import * as msg from './conference-messages';
import { applyDeclaration } from './declarations';
import type { YearRun } from './handlers';
import { acceptRegistration, registrationsView } from './registration';
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
  wf.setHandler(
    msg.castVote,
    (v) =>
      serially(() => {
        const round = ballot.applyVote(state, ballot.acceptVote(state, v), now());
        changed();
        return { voters: round.voters.length };
      }),
    { validator: (v) => void ballot.acceptVote(state, v) },
  );
  wf.setHandler(
    msg.closeBallotRound,
    (c) =>
      serially(() => {
        const round = ballot.applyCloseRound(state, ballot.acceptCloseRound(state, c), now());
        changed();
        return round;
      }),
    { validator: (c) => void ballot.acceptCloseRound(state, c) },
  );
  wf.setHandler(
    msg.annulBallotRound,
    (a) =>
      serially(() => {
        const round = ballot.applyAnnulRound(state, ballot.acceptAnnulRound(state, a), now());
        changed();
        return round;
      }),
    { validator: (a) => void ballot.acceptAnnulRound(state, a) },
  );
  wf.setHandler(msg.registrationsQuery, () => registrationsView(state) ?? null);
  wf.setHandler(msg.ballotQuery, () => ballot.ballotView(state));
  wf.setHandler(msg.sealedBallotsQuery, (q) => (state.ballots ?? []).find((r) => r.titleId === q?.titleId && r.round === q.round)?.sealed ?? []);
}
