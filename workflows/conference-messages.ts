/**
 * The conference's messages (issue 25): the units' registration of titles and the secret ballot. Apart from
 * workflows/messages.ts so that the year's other messages read as before; the client imports both.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BallotRoundRecord, Declaration, LinkOrigin } from './model';
import type { RegistrationInput, RegistrationsView } from './registration';
import type { Cell } from './status';

export type { RegistrationInput, RegistrationsView } from './registration';

export interface RegistrationResult {
  declaration: Declaration;
  cell: Cell;
}

export interface OpenRoundInput {
  titleId: string;
  /** The round this opens, the next of the title's: a second open of the same round is refused. */
  round: number;
  /** By default a runoff's candidates, else the units whose registration for the title was accepted. */
  candidates?: string[];
}

/** A unit's ballot: `sealed` is its choice encrypted under the round's key, which the workflow never has. */
export interface CastVoteInput {
  titleId: string;
  round: number;
  unitId: string;
  sealed: string;
  via?: LinkOrigin;
}

/**
 * The secretariat closes a round with its totals: those the console counted from the sealed ballots it opened,
 * or those of the paper ballots.
 */
export interface CloseRoundInput {
  titleId: string;
  round: number;
  source: 'sealed' | 'paper';
  /** Ballots cast: for sealed ones, the number counted, which must be the number of units that voted. */
  ballots: number;
  valid: number;
  votes: Record<string, number>;
}

/** A round ended without a count, with the reason; the next round repeats it. */
export interface AnnulRoundInput {
  titleId: string;
  round: number;
  reason: string;
}

export type BallotRoundView = Omit<BallotRoundRecord, 'sealed'>;

/** A unit registers titles (the registration item's declaration); `reviewDeclaration` answers it. */
export const registerTitles = defineUpdate<RegistrationResult, [RegistrationInput]>('registerTitles');
export const openBallotRound = defineUpdate<BallotRoundView, [OpenRoundInput]>('openBallotRound');
export const castVote = defineUpdate<{ voters: number }, [CastVoteInput]>('castVote');
export const closeBallotRound = defineUpdate<BallotRoundView, [CloseRoundInput]>('closeBallotRound');
export const annulBallotRound = defineUpdate<BallotRoundView, [AnnulRoundInput]>('annulBallotRound');

/** Null for a plan without a registration item. */
export const registrationsQuery = defineQuery<RegistrationsView | null>('registrations');
export const ballotQuery = defineQuery<BallotRoundView[]>('ballot');
/** The sealed ballots of an open round, for the console that holds its key to count. */
export const sealedBallotsQuery = defineQuery<string[], [{ titleId: string; round: number }]>('sealedBallots');
