/**
 * The record of a bloc's year: who submitted what and when, what was moved, extended or cancelled,
 * and every message sent. It lives in the workflow (Temporal is the durable store) and crosses
 * continue-as-new whole, so it is plain JSON.
 */
import type { BlocConfig, YearDecision } from '../config/schema';
import type { YearSchedule } from '../calendar/schedule';
import type { DateOverride, IsoDate, IsoInstant, RoleHolders } from '../calendar/types';
import type { FailureRow, NoticeKind } from '../activities/types';

/**
 * A document a unit or the secretariat attached: the console keeps its bytes under data/ by their SHA-256,
 * the year keeps this, which proves later that the bytes shown are the ones sent.
 */
export interface StoredFile {
  sha256: string;
  /** The name it was uploaded with, for the download. */
  name: string;
  size: number;
  type: 'pdf' | 'docx';
}

export interface Submission {
  /** When the unit's submission arrived (the secretariat may record it later than that). */
  receivedAt: IsoInstant;
  recordedAt: IsoInstant;
  reference?: string;
  note?: string;
  /** The unit's name when it was recorded: units are renamed and merged during a year. */
  unitName?: string;
  /** Inherited from a unit merged into this one. */
  via?: string;
  file?: StoredFile;
  /** Confirmed from the unit's own declaration, made at this instant. */
  declaredAt?: IsoInstant;
  /** The registration item: the titles the unit registered for. */
  titles?: string[];
}

/**
 * A unit's word, from its own page, that it has sent a document ("đơn vị báo đã gửi"). It stops the unit's
 * reminders for the item until the secretariat confirms it (a submission is recorded) or rejects it (the
 * reminders resume). Every declaration stays on record, rejected ones too.
 */
/**
 * How an entry reached the year through a unit's signed link: the link in the unit's own mail, one the named
 * secretariat account copied from the console, or a link issued before links said which (release 0.5 and earlier).
 */
export type LinkOrigin = { link: 'mail' } | { link: 'console'; account: string } | { link: 'unmarked' };

/** The message a declaration "gửi qua thư điện tử" was read from, as the secretariat checks it. */
export interface MailOrigin {
  /** Its Message-ID: the year records one message once, whatever retries or rereads bring it again. */
  messageId: string;
  from: string;
  subject: string;
  /** What the receiving server said of the sender: only `pass` may confirm a declaration by itself. */
  authentication: { verdict: 'pass' | 'fail' | 'none'; why: string };
}

export interface Declaration {
  declaredAt: IsoInstant;
  /** The day the unit says it sent the document. */
  sentOn: IsoDate;
  reference: string;
  /** Who declared, as the unit gave it. */
  by?: string;
  /** The link it came through. */
  via?: LinkOrigin;
  file?: StoredFile;
  /** The unit's name when it declared. */
  unitName?: string;
  /** Read from the bloc's mailbox rather than declared on the unit's page. */
  mail?: MailOrigin;
  review?: { decision: 'confirmed' | 'rejected'; at: IsoInstant; reason?: string };
  /** The registration item: the titles the unit registers for (workflows/registration.ts). */
  titles?: string[];
}

export interface OngoingReport extends Submission {
  unitId: string;
}

export interface Extension {
  /** The unit's own cut-off. */
  until: IsoInstant;
  grantedAt: IsoInstant;
  reason?: string;
}

export interface Cancellation {
  at: IsoInstant;
  reason?: string;
}

/** A date the secretariat set or moved: what it was before, so that a mistaken move can be undone. */
export interface Move {
  itemId: string;
  /** The day in force before, when the secretariat had set one (absent: the plan's own). */
  from?: DateOverride;
  to: DateOverride;
  at: IsoInstant;
  /** Entered after the fact, for the record (an event already held); such a date never triggers the handover. */
  pastDated: boolean;
}

/** A cancellation the secretariat took back; the cancellation itself stays on record. */
export interface Restoration extends Cancellation {
  itemId: string;
  restoredAt: IsoInstant;
}

/** A change to the bloc's make-up during the year; the record of who the units were. */
export interface UnitChange {
  at: IsoInstant;
  kind: 'added' | 'renamed' | 'retired' | 'merged';
  unitId: string;
  /** The unit's name before the change (the name it had until then). */
  name: string;
  /** A rename: the new name. */
  newName?: string;
  /** A merge: the unit that took this one's records and open items. */
  into?: string;
  reason?: string;
}

/** A unit no longer in the bloc: no reminders, its record kept. */
export interface Retirement {
  at: IsoInstant;
  reason?: string;
  mergedInto?: string;
}

export interface RoleChange {
  at: IsoInstant;
  from: RoleHolders;
  to: RoleHolders;
  reason: string;
}

/** How the lead passed to the deputy. */
export interface Handover {
  at: IsoInstant;
  /** plan: at the instant the plan gives; secretariat: asked for by `bloc handover`. */
  by: 'plan' | 'secretariat';
  /** False for a year long past, whose units need no notice and whose next year is not started. */
  noticesSent: boolean;
  nextYearStarted: boolean;
}

/** One line of the reminder log: one email, with the notices it carried. */
export interface LogEntry {
  messageKey: string;
  messageId?: string;
  /** A unit id, or 'digest' for the leader and secretariat, or 'handover:<unit>'. */
  addressee: string;
  to: string[];
  notices: { key: string; itemId: string; kind: NoticeKind | 'digest'; plannedAt: IsoInstant }[];
  /** The earliest instant its notices were planned for. */
  plannedAt: IsoInstant;
  /** When the batch came back with it (workflow time), or when the failure was recorded; for one still sending, when it was handed to the mail activity. */
  sentAt: IsoInstant;
  /** When the mail server accepted this very message, by the mail worker's clock. */
  acceptedAt?: IsoInstant;
  status: 'delivered' | 'partial' | 'failed' | 'sending';
  rejected?: string[];
  error?: string;
  /** A failure that may pass (4xx, dropped connection): its notices stay owed and are tried again. */
  transient?: boolean;
  /** A passing failure whose notices a later message carried instead: it will not be sent again. */
  supersededBy?: string;
}

// --- scores (plan section III): the units' self-scores, the leader's compilation, the conference ---------

/** A bonus claim on one criterion, with the unit's justification (none yet: the unit is asked for one). */
export interface BonusClaim {
  criterion: string;
  points: number;
  justification?: string;
}

/** One sheet a unit sent: every version is kept, with who sent it and when. */
export interface ScoreVersion {
  /** 1 for the first sheet, then one more for each correction. */
  version: number;
  receivedAt: IsoInstant;
  recordedAt: IsoInstant;
  /** Who sent it, as given (a person at the unit, or the secretariat entering a paper sheet). */
  by?: string;
  /** The unit's signed link it came through; absent when the secretariat entered it (`bloc score submit`). */
  via?: LinkOrigin;
  /** The document number of the scoring sheet. */
  reference?: string;
  /** Points per criterion code, as the unit scored itself. */
  points: Record<string, number>;
  /** Points deducted, per criterion whose table has deductions. */
  deductions?: Record<string, number>;
  bonus: BonusClaim[];
  /** A correction after the cut-off: the secretariat's consent (its reason or document). */
  consent?: string;
  /** The unit's name when it was recorded. */
  unitName?: string;
}

/** The leader's or the secretariat's figure for one criterion, kept beside the unit's own. */
export interface ScoreAdjustment {
  criterion: string;
  points: number;
  deducted?: number;
  reason: string;
  at: IsoInstant;
  by?: string;
  /** The unit's own figure when the adjustment was made. */
  unitPoints: number;
}

/** Corrections asked of a unit; answered by its next sheet. */
export interface CorrectionRequest {
  at: IsoInstant;
  reason: string;
  criteria?: string[];
  /** The version of the sheet that answered it. */
  answeredBy?: number;
}

export interface UnitScores {
  versions: ScoreVersion[];
  adjustments: ScoreAdjustment[];
  corrections: CorrectionRequest[];
}

/** What the year-end conference decided on the bonus claims; the last decision is in force. */
export interface BonusDecision {
  /** When it was recorded. */
  at: IsoInstant;
  /** The conference's day. */
  conferenceDate: string;
  /** The number of the conference's minutes. */
  minutes: string;
  agreed: { unitId: string; criterion: string; points: number }[];
  refused: { unitId: string; criterion: string; points: number }[];
}

/** The year's ranking as the next year keeps it, to compare years. */
export interface RankingSummary {
  /** The conference decided on the bonus claims, or nobody claimed any: no bonus is pending. */
  bonusSettled: boolean;
  conference?: { date: string; minutes: string };
  maxTotal: number;
  /** Ranked units first, best first; units without a score after, without a rank. */
  rows: { unitId: string; name: string; rank?: number; tied: boolean; total?: number; bonusAgreed: number; bonusPending: number }[];
  proposals: { titleId: string; title: string; unitIds: string[]; tie: boolean }[];
}

export interface YearSummary {
  year: number;
  roles: RoleHolders;
  /** Per item: how many units submitted on time, late, or never. */
  items: { itemId: string; title: string; onTime: number; late: number; missing: number }[];
  messagesSent: number;
  messagesFailed: number;
  endedAt: IsoInstant;
  /** A year whose units scored themselves: the ranking (absent in years without scores). */
  ranking?: RankingSummary;
}

export interface YearState {
  config: BlocConfig;
  year: number;
  roles: RoleHolders;
  /** Reminders planned before this instant are not owed: a year started late sends nothing stale. */
  startedAt: IsoInstant;
  submissions: Record<string, Record<string, Submission>>;
  reports: Record<string, OngoingReport[]>;
  extensions: Record<string, Record<string, Extension>>;
  dateOverrides: Record<string, DateOverride>;
  /** Rises each time an item's date moves, for the calendar entry's SEQUENCE. */
  sequences: Record<string, number>;
  cancelled: Record<string, Cancellation>;
  /** The official calendar decisions in force, when they replace the configured ones. */
  decisions?: YearDecision[];
  /**
   * The schedule the year acts on, as the planning activity returned it and the history recorded it.
   * Absent only in a year begun before release 0.2 that has not yet recorded one (workflows/patches.ts).
   */
  schedule?: YearSchedule;
  log: LogEntry[];
  /** Delivery failures not yet shown in an escalation digest. */
  pendingFailures: FailureRow[];
  previousYears: YearSummary[];
  /** Every date the secretariat set or moved, oldest first (from release 0.3). */
  moves?: Move[];
  /** Cancellations taken back (from release 0.3). */
  restored?: Restoration[];
  /**
   * The handover instant had already passed when the schedule in force was adopted (a year started after
   * the fact, a conference dated for the record): the year waits for `bloc handover` instead.
   */
  handoverHeld?: boolean;
  /** Asked for by `bloc handover` or `bloc close`; acted on at the year's next step. */
  handoverRequested?: IsoInstant;
  closeRequested?: { at: IsoInstant; reason?: string };
  handover?: Handover;
  /** Units added, renamed, retired or merged, oldest first. */
  unitChanges?: UnitChange[];
  retired?: Record<string, Retirement>;
  roleChanges?: RoleChange[];
  /** Self-scores by unit, with the leader's adjustments and the corrections asked (absent until the first). */
  scores?: Record<string, UnitScores>;
  /** The conference's decisions on bonus points, oldest first; the last is in force. */
  bonusDecisions?: BonusDecision[];
  /** Units' declarations by item, then unit, oldest first (absent until the first). */
  declarations?: Record<string, Record<string, Declaration[]>>;
  /** The conference's ballot rounds, oldest first (workflows/ballot.ts; absent until the first opens). */
  ballots?: BallotRoundRecord[];
}

/**
 * One round of the conference's secret ballot for one title. Who has voted and, once closed, the totals; never
 * which unit chose whom (docs/ballot.md). While open, `sealed` holds the ballots as ciphertexts under a key only
 * the console has, sorted so that their order says nothing of who cast them; closing drops them.
 */
export interface BallotRoundRecord {
  titleId: string;
  title: string;
  /** 1, then 2 for a second round among those concerned, … */
  round: number;
  seats: number;
  /** The bloc's units when it opened: the base of a rule over all units. */
  units: number;
  candidates: { unitId: string; name: string; total?: number }[];
  openedAt: IsoInstant;
  /** Units that cast a ballot from their page, and the link each came through. */
  voters: { unitId: string; at: IsoInstant; via?: LinkOrigin }[];
  sealed?: string[];
  closed?: {
    at: IsoInstant;
    source: 'sealed' | 'paper';
    ballots: number;
    valid: number;
    votes: Record<string, number>;
    elected: string[];
    /** Seats still to fill and the candidates of the next round: a tie on the last seat, or seats the rule left empty. */
    runoff?: { seats: number; unitIds: string[] };
  };
  /** Ended without a count (its key lost, the room's choice of paper): held again, among the same candidates. */
  annulled?: { at: IsoInstant; reason: string };
}

export interface BlocYearInput {
  config: BlocConfig;
  year: number;
  /** The role holders of this year; the configured ones when absent. */
  roles?: RoleHolders;
  /** Summaries of the years already ended, newest last. */
  previousYears?: YearSummary[];
  /** Present when this run continues an earlier run of the same year. */
  carried?: YearState;
  /** Continue-as-new once history reaches this many events, even before the server suggests it. */
  maxHistoryEvents?: number;
}

/** A year's record before anything has happened in it. */
export function initialState(input: BlocYearInput, startedAt: IsoInstant): YearState {
  return {
    config: input.config,
    year: input.year,
    roles: input.roles ?? { leader: input.config.roles.leader, deputy: input.config.roles.deputy },
    startedAt,
    submissions: {},
    reports: {},
    extensions: {},
    dateOverrides: {},
    sequences: {},
    cancelled: {},
    log: [],
    pendingFailures: [],
    previousYears: input.previousYears ?? [],
  };
}

export function workflowIdFor(blocId: string, year: number): string {
  return `bloc-${blocId}-${year}`;
}
