/**
 * The bloc-year workflow's messages: what the secretariat can tell it (updates) and ask it (queries).
 * Exported for the client, so both sides share one definition.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { YearDecision } from '../config/schema';
import type { ScheduleChange, YearSchedule } from '../calendar/schedule';
import type { IsoDate, IsoInstant, YearPlan } from '../calendar/types';
import type { Handover, LogEntry, Move, Restoration, RoleChange, Submission, UnitChange, YearSummary } from './model';
import type { Cell, OverdueItem } from './status';

export interface SubmissionInput {
  unitId: string;
  itemId: string;
  /** When the submission arrived; the moment it is recorded when absent. Never in the future. */
  receivedAt?: IsoInstant;
  /** The document's number, e.g. "45/BC-STP". */
  reference?: string;
  note?: string;
}
export interface SubmissionResult {
  /** already-recorded: the first receipt stands; a repeat changes nothing. */
  outcome: 'recorded' | 'already-recorded';
  submission: Submission;
  cell: Cell;
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
  year: number;
  at: IsoInstant;
  roles: { leader: string; deputy: string };
  units: { id: string; name: string }[];
  items: { id: string; kind: string; title: string; dueAt?: IsoInstant; wording: string }[];
  cells: Cell[];
}

export const recordSubmission = defineUpdate<SubmissionResult, [SubmissionInput]>('recordSubmission');
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

export const statusQuery = defineQuery<StatusView, [AtInput?]>('status');
export const overdueQuery = defineQuery<OverdueItem[], [AtInput?]>('overdue');
/** The schedule the year acts on, as recorded: the same data `bloc plan --json` prints for a year not yet changed. */
export const timelineQuery = defineQuery<YearSchedule>('timeline');
export const logQuery = defineQuery<LogEntry[]>('log');
export const previousYearsQuery = defineQuery<YearSummary[]>('previousYears');
export const stageQuery = defineQuery<StageView>('stage');
