/**
 * The January conference as the documents tell it: plain data, read from the year's record by
 * documents/conference.ts and written out by documents/minutes.ts and documents/proposal.ts. Nothing here is
 * invented: what the record does not hold (who attended, the signer's name, the documents' numbers) the
 * documents leave blank for the clerk.
 */
import type { IsoInstant } from '../calendar/types';
import type { BlocTerms } from '../config/terms';

export interface UnitRef {
  unitId: string;
  name: string;
}

/** One unit's line of the ranking: its own figures and those the leader counted, by group of the table. */
export interface RankingLine extends UnitRef {
  /** Competition ranking (1, 1, 3); absent for a unit without a sheet or no longer in the bloc. */
  rank?: number;
  /** The units with the same total. */
  tiedWith: UnitRef[];
  /** Per group of the table, in its order: the sum of the unit's own figures and of those counted. */
  groups: { own: number; counted: number }[];
  /** The criteria as the unit scored them, less its own deductions. */
  own?: number;
  /** The criteria as counted: the leader's figure where the leader adjusted one. */
  counted?: number;
  bonusAgreed: number;
  bonusPending: number;
  total?: number;
  /** Why the unit has no rank. */
  unranked?: 'not-sent' | 'retired';
}

export interface Adjustment extends UnitRef {
  criterion: string;
  /** The unit's own figure less its deduction, and the leader's that counts instead. */
  own: number;
  counted: number;
  reason: string;
}

export interface BonusLine extends UnitRef {
  criterion: string;
  points: number;
  justification?: string;
  decision: 'agreed' | 'refused' | 'pending';
}

/** A unit a title's rule proposes, with its figures; `votes` once a ballot gave them. */
export interface Proposed extends UnitRef {
  rank?: number;
  total?: number;
  votes?: number;
}

export interface TitleProposal {
  titleId: string;
  title: string;
  ranks: { from: number; to: number };
  places: number;
  minTotal?: number;
  /** More units than places, tied across the last: the conference settles it. */
  tie: boolean;
  units: Proposed[];
}

/** A round of the conference's secret ballot for one title: the totals only, never who chose whom. */
export interface BallotRound {
  titleId: string;
  title: string;
  /** 1 for the first round, 2 for a second round among those tied, … */
  round: number;
  seats: number;
  /** Ballots cast, and the ballots that count. */
  ballots: number;
  valid?: number;
  candidates: (UnitRef & { total?: number; votes: number })[];
  /** The units the round elected. */
  elected: string[];
}

export interface ConferenceModel {
  bloc: {
    id: string;
    /** "Khối thi đua số 4", "Cụm thi đua số 2". */
    name: string;
    terms: BlocTerms;
    /** The province, for the place of the date line; left blank when the record does not carry it. */
    province?: string;
    /** The province's emulation-reward board, as the proposal addresses it. */
    board: string;
  };
  /** The cycle's year (the conference meets in January of the next). */
  year: number;
  timeZone: string;
  conference: { itemId: string; title: string; at: IsoInstant; location?: string };
  /** The bloc's member units at the conference, in the plan's order: who was invited. */
  members: UnitRef[];
  leader: UnitRef;
  deputy: UnitRef;
  table: {
    reference?: string;
    /** A table made up to show the form: every document says so. */
    illustrative: boolean;
    maxTotal: number;
    groups: { code: string; title: string; max: number }[];
  };
  /** Ranked units best first, then those without a rank. */
  ranking: RankingLine[];
  adjustments: Adjustment[];
  bonus: {
    /** The conference's decision in force: its day and the minutes' number it was recorded with. */
    decision?: { date: string; minutes: string };
    claims: BonusLine[];
  };
  proposals: TitleProposal[];
  /** The ballot's rounds, when the year holds them; the section is left out otherwise. */
  rounds?: BallotRound[];
}
