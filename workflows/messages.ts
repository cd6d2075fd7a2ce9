/**
 * The bloc-year workflow's messages: what the secretariat can tell it (updates) and ask it (queries).
 * Exported for the client, so both sides share one definition.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { YearDecision } from '../config/schema';
import type { ScoringTable } from '../config/scoring';
import type { ScheduleChange, YearSchedule } from '../calendar/schedule';
import type { IsoDate, IsoInstant, YearPlan } from '../calendar/types';
import type {
  BonusDecision,
  Declaration,
  Handover,
  LinkOrigin,
  LogEntry,
  MailOrigin,
  Move,
  RankingSummary,
  Restoration,
  RoleChange,
  StoredFile,
  Submission,
  UnitChange,
  UnitScores,
  YearSummary,
} from './model';
import type { ClaimView, Ranking, ScoreStatus } from './ranking';
import type { Cell, OverdueItem } from './status';
import type { BlocTerms } from '../config/terms';

export interface SubmissionInput {
  unitId: string;
  itemId: string;
  /** When the submission arrived; the moment it is recorded when absent. Never in the future. */
  receivedAt?: IsoInstant;
  /** The document's number, e.g. "45/BC-STP". */
  reference?: string;
  note?: string;
  /** The document itself, as the console stored it. */
  file?: StoredFile;
}
export interface SubmissionResult {
  /** already-recorded: the first receipt stands; a repeat changes nothing. */
  outcome: 'recorded' | 'already-recorded';
  submission: Submission;
  cell: Cell;
}

/** A unit's declaration from its own page: what it sent, when, and the document's number. */
export interface DeclarationInput {
  unitId: string;
  itemId: string;
  /** The day the document was sent, YYYY-MM-DD; not after today. */
  sentOn: IsoDate;
  reference: string;
  by?: string;
  /** The link the unit's page was opened with, as the console read it. */
  via?: LinkOrigin;
  file?: StoredFile;
}
export interface DeclarationResult {
  declaration: Declaration;
  cell: Cell;
}

/** A message from the bloc's mailbox, matched to a unit and an item (docs/mailbox.md): a declaration by mail. */
export interface MailDeclarationInput extends MailOrigin {
  unitId: string;
  itemId: string;
  /** When the message was sent (its Date header; when it was read, without one). A later instant counts as now. */
  sentAt: IsoInstant;
  file?: StoredFile;
}
export interface MailDeclarationResult {
  /** already-recorded: this Message-ID was recorded before; nothing changed. */
  outcome: 'recorded' | 'already-recorded';
  /** Confirmed at once: the bloc chose so and the sender is proven. */
  confirmed: boolean;
  unitId: string;
  itemId: string;
  cell: Cell;
}

/** The secretariat's answer to a unit's declaration. */
export interface DeclarationReviewInput {
  unitId: string;
  itemId: string;
  decision: 'confirm' | 'reject';
  /** Confirm: when the document arrived; the declaration's instant when absent. */
  receivedAt?: IsoInstant;
  /** Reject: why (required), which the unit is told on its page. */
  reason?: string;
}

export interface ExtensionInput {
  unitId: string;
  itemId: string;
  /** A day (the extension runs to its end) or an exact instant. */
  until: IsoDate | IsoInstant;
  reason?: string;
}

export interface RescheduleInput {
  itemId: string;
  /** The day a window item gets (inside its window), or the day a dated item moves to. */
  date: IsoDate;
  /** Local HH:mm, for events. */
  time?: string;
  /**
   * An event or handover already past, entered for the record (the conference was held on 14/1). It sends
   * nothing and never triggers the handover. Deadlines cannot be moved into the past.
   */
  allowPast?: boolean;
}

export interface CalendarInput {
  /** The bloc the decisions were written for: a file of another bloc is refused. */
  blocId: string;
  /** The year's official decisions (Tết range, days in lieu, swapped working days), replacing those in force. */
  decisions: YearDecision[];
  /** False: only say what would change. */
  apply: boolean;
}
export interface CalendarResult {
  applied: boolean;
  /** Items whose date moves. */
  moved: string[];
  changes: ScheduleChange[];
}

export interface ContactsInput {
  unitId: string;
  emails: string[];
  cc?: string[];
}

export interface CancelInput {
  itemId: string;
  reason?: string;
}

export interface RestoreInput {
  itemId: string;
}

/** A unit that joins the bloc mid-year (a new department after a reorganisation). */
export interface AddUnitInput {
  unit: { id: string; name: string; head?: string; emails: string[]; cc?: string[] };
  reason?: string;
}
export interface RenameUnitInput {
  unitId: string;
  name: string;
  reason?: string;
}
export interface RetireUnitInput {
  unitId: string;
  reason?: string;
}
/** `unitId` joins `into`: `into` inherits its submissions and its open items; the record keeps both names. */
export interface MergeUnitsInput {
  unitId: string;
  into: string;
  reason?: string;
}
export interface RolesInput {
  leader?: string;
  deputy?: string;
  reason: string;
}

export interface CloseInput {
  reason?: string;
}

/** Where the year stands, for the overview and for the words of `bloc handover` and `bloc close`. */
export interface StageView {
  /** The bloc's name as people say it; the overview lists years by it. */
  blocName: string;
  stage: 'running' | 'awaiting-handover' | 'handed-over';
  /** When the plan hands over; absent while the conference has no day and its window gives none. */
  handoverAt?: IsoInstant;
  /** The handover instant passed before it was planned for: it waits for `bloc handover`. */
  handoverHeld: boolean;
  handover?: Handover;
  nextYear: number;
  next: { leader: string; deputy: string };
  /** Open for late records until this instant, once handed over. */
  openUntil?: IsoInstant;
  moves: Move[];
  cancelled: { itemId: string; at: IsoInstant; reason?: string }[];
  restored: Restoration[];
  unitChanges: UnitChange[];
  roleChanges: RoleChange[];
}

export interface ReplanInput {
  apply: boolean;
}
export interface ReplanResult {
  applied: boolean;
  changes: ScheduleChange[];
}

/** Queries take the instant to judge at, since a sleeping workflow's own clock stands still. */
export interface AtInput {
  at?: IsoInstant;
}

export interface StatusView {
  blocId: string;
  /** The bloc's name as people say it ("Khối thi đua số 4"); the id is for addresses. */
  blocName: string;
  year: number;
  at: IsoInstant;
  roles: { leader: string; deputy: string };
  /** The units, with the addresses their mail goes to. */
  units: { id: string; name: string; emails: string[]; cc: string[] }[];
  items: { id: string; kind: string; title: string; dueAt?: IsoInstant; wording: string }[];
  cells: Cell[];
  /** How many times each moved item's date moved: a calendar entry's SEQUENCE. */
  sequences?: Record<string, number>;
}

// --- scores (plan section III) -----------------------------------------------------------------

/** A unit's self-score: its scoring sheet, as the unit sent it. */
export interface ScoreInput {
  unitId: string;
  /** Points per criterion code, for every criterion of the table. */
  points: Record<string, number>;
  /** Points deducted, for criteria whose table has deductions. */
  deductions?: Record<string, number>;
  /** Bonus claimed, on quantitative criteria that carry it, each with its justification. */
  bonus?: { criterion: string; points: number; justification?: string }[];
  /** The scoring sheet's document number, e.g. "12/BC-STP". */
  reference?: string;
  /** Who sent it. */
  by?: string;
  /** Sent from the unit's page: the link it was opened with. */
  via?: LinkOrigin;
  /** When the sheet arrived; the moment it is recorded when absent. Never in the future. */
  receivedAt?: IsoInstant;
  /** A correction after the cut-off: the secretariat's consent, its reason or document. */
  consent?: string;
}
export interface ScoreResult {
  /** unchanged: the same sheet as the latest, sent again; nothing is added. */
  outcome: 'recorded' | 'corrected' | 'unchanged';
  version: number;
  status: ScoreStatus;
  criteriaTotal: number;
  bonusClaimed: number;
}

/** The leader's or the secretariat's figure for one criterion, with the reason; the unit's own stays on record. */
export interface AdjustScoreInput {
  unitId: string;
  criterion: string;
  points: number;
  deducted?: number;
  reason: string;
  by?: string;
}

/** Corrections asked of a unit: its reminders say so until it sends a corrected sheet. */
export interface CorrectionRequestInput {
  unitId: string;
  reason: string;
  criteria?: string[];
}

/** The year-end conference's decision on the bonus claims: those agreed; every other claim is refused. */
export interface BonusDecisionInput {
  /** The conference's day, YYYY-MM-DD. */
  conferenceDate: string;
  /** The minutes' number. */
  minutes: string;
  agreed: { unitId: string; criterion: string }[];
  /** False: only say what it would do. */
  apply: boolean;
}
export interface BonusDecisionResult {
  applied: boolean;
  decision: Omit<BonusDecision, 'at'> & { at?: string };
  /** The ranking with the decision in force. */
  ranking: Ranking;
}

/** Every unit's score, the ranking and the bonus claims, for `bloc score show|ranking|export`. */
export interface ScoresView {
  blocId: string;
  year: number;
  at: IsoInstant;
  /** What the bloc and its roles are called. */
  terms: BlocTerms;
  table: ScoringTable;
  /** The scoring item's cut-off (the item's; a unit's extension is in `units`). */
  dueAt?: IsoInstant;
  units: {
    unitId: string;
    name: string;
    status: ScoreStatus;
    retired: boolean;
    /** The unit's own cut-off, its extension included. */
    dueAt?: IsoInstant;
    /** Criteria where the leader's figure differs from the unit's. */
    adjusted: string[];
    record?: UnitScores;
  }[];
  claims: ClaimView[];
  decisions: BonusDecision[];
  ranking: Ranking;
}

/**
 * A year's ranking changed after it handed over (the conference's decision recorded a day late): the next
 * year replaces what it was given.
 */
export interface PreviousRankingInput {
  year: number;
  ranking: RankingSummary;
}

export const recordSubmission = defineUpdate<SubmissionResult, [SubmissionInput]>('recordSubmission');
/** A unit says it has sent: its reminders for the item stop until the secretariat confirms or rejects. */
export const declareSubmission = defineUpdate<DeclarationResult, [DeclarationInput]>('declareSubmission');
/** A message read from the bloc's mailbox, keyed by its Message-ID: recorded once however often it comes. */
export const declareByMail = defineUpdate<MailDeclarationResult, [MailDeclarationInput]>('declareByMail');
/** Confirming records the submission; rejecting resumes the unit's reminders. */
export const reviewDeclaration = defineUpdate<Cell, [DeclarationReviewInput]>('reviewDeclaration');
export const grantExtension = defineUpdate<Cell, [ExtensionInput]>('grantExtension');
export const reschedule = defineUpdate<YearPlan['items'][number], [RescheduleInput]>('reschedule');
export const replaceCalendar = defineUpdate<CalendarResult, [CalendarInput]>('replaceCalendar');
export const updateContacts = defineUpdate<void, [ContactsInput]>('updateContacts');
export const cancelItem = defineUpdate<void, [CancelInput]>('cancelItem');
export const addUnit = defineUpdate<void, [AddUnitInput]>('addUnit');
export const renameUnit = defineUpdate<void, [RenameUnitInput]>('renameUnit');
export const retireUnit = defineUpdate<void, [RetireUnitInput]>('retireUnit');
export const mergeUnits = defineUpdate<void, [MergeUnitsInput]>('mergeUnits');
/** A new leader or deputy mid-year, with the reason; the items of the role pass to the new holder. */
export const changeRoles = defineUpdate<{ leader: string; deputy: string }, [RolesInput]>('changeRoles');
/** Takes a cancellation back: the item's reminders resume from what is then owed. */
export const restoreItem = defineUpdate<void, [RestoreInput]>('restoreItem');
/** Hands the lead to the deputy now: notices to every unit and the next year started, unless the year is long past. */
export const handOver = defineUpdate<StageView>('handOver');
/** Ends the year: no more reminders or records. Before the handover, there is none. */
export const closeYear = defineUpdate<YearSummary, [CloseInput]>('closeYear');
/**
 * Recomputes the schedule from the record with the rules of the worker now running, and puts it in force when
 * `apply` is true; either way it returns what differs from the schedule in force.
 */
export const replan = defineUpdate<ReplanResult, [ReplanInput]>('replan');

/** A unit's self-score; every version is kept. Until the cut-off a unit corrects freely, later with consent. */
export const submitScore = defineUpdate<ScoreResult, [ScoreInput]>('submitScore');
export const adjustScore = defineUpdate<ScoreResult, [AdjustScoreInput]>('adjustScore');
export const requestScoreCorrection = defineUpdate<ScoreResult, [CorrectionRequestInput]>('requestScoreCorrection');
/** Records (with `apply`) or previews the conference's decision on bonus points. */
export const decideBonus = defineUpdate<BonusDecisionResult, [BonusDecisionInput]>('decideBonus');
export const amendPreviousRanking = defineSignal<[PreviousRankingInput]>('amendPreviousRanking');

/** What a query gets before the year has its first schedule; the console and the CLI tell it from other failures. */
export const YEAR_BEING_PLANNED = 'năm đang được lập lịch, xin hỏi lại sau giây lát / the year is being planned, ask again in a moment';

export const statusQuery = defineQuery<StatusView, [AtInput?]>('status');
export const overdueQuery = defineQuery<OverdueItem[], [AtInput?]>('overdue');
/** The schedule the year acts on, as recorded: the same data `bloc plan --json` prints for a year not yet changed. */
export const timelineQuery = defineQuery<YearSchedule>('timeline');
export const logQuery = defineQuery<LogEntry[]>('log');
export const previousYearsQuery = defineQuery<YearSummary[]>('previousYears');
export const stageQuery = defineQuery<StageView>('stage');
/** What the console's year page shows, in one round trip: the matrix, the schedule and the stage. */
export const yearPageQuery = defineQuery<{ view: StatusView; schedule: YearSchedule; stage: StageView }, [AtInput?]>('yearPage');
/** Every unit's declarations by item, then unit, oldest first: answered ones too. */
export const declarationsQuery = defineQuery<Record<string, Record<string, Declaration[]>>>('declarations');
/** Null for a year whose plan has no scoring table. */
export const scoresQuery = defineQuery<ScoresView | null, [AtInput?]>('scores');
