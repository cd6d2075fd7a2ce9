/**
 * The bloc-year workflow's messages: what the secretariat can tell it (updates) and ask it (queries).
 * Exported for the client, so both sides share one definition.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { YearDecision } from '../config/schema';
import type { ScheduleChange, YearSchedule } from '../calendar/schedule';
import type { IsoDate, IsoInstant, YearPlan } from '../calendar/types';
import type { LogEntry, Submission, YearSummary } from './model';
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
  /** The day a window item gets, or the day a dated item moves to. */
  date: IsoDate;
  /** Local HH:mm, for events. */
  time?: string;
}

export interface CalendarInput {
  /** The year's official decisions (Tết range, days in lieu, swapped working days), replacing those in force. */
  decisions: YearDecision[];
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
export const replaceCalendar = defineUpdate<{ moved: string[] }, [CalendarInput]>('replaceCalendar');
export const updateContacts = defineUpdate<void, [ContactsInput]>('updateContacts');
export const cancelItem = defineUpdate<void, [CancelInput]>('cancelItem');
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
