/**
 * The bloc's mailbox workflow (workflows/mailbox.ts): what a pass brings it, what it keeps, and what the
 * secretariat can tell it and ask it. Plain data, shared by the workflow, its activities and the console.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ImapSettings } from '../activities/mailbox/settings';
import type { IsoInstant } from '../calendar/types';
import type { MailOrigin, StoredFile } from './model';

/** A message as a pass judged it: metadata only, never its bytes. */
export interface JudgedMail {
  uid: number;
  /** Its Message-ID, or one made from its headers when it has none (activities/mailbox/pass.ts). */
  messageId: string;
  from: string;
  subject: string;
  /** The Date header, when it is one. */
  date?: IsoInstant;
  size: number;
  authentication: MailOrigin['authentication'];
  /** Empty when matched: each `code` with the words for the secretariat. */
  reasons: { code: string; text: string }[];
  /** The bloc-year, unit and item it was matched to; with `reasons`, what the matcher suggests. */
  match?: { workflowId: string; unitId?: string; itemId?: string; by: string };
  /** Its document, checked and kept like an upload; absent when it had none or it was refused (a reason says why). */
  file?: StoredFile;
}

export interface PassInput {
  uidValidity?: string;
  lastUid: number;
  /** The bloc ids whose running years the mailbox serves. */
  blocs: string[];
  /** The workflow's present: the years running then are matched against. */
  at: number;
}

export interface PassResult {
  uidValidity: string;
  messages: JudgedMail[];
  lastUid: number;
  more: boolean;
}

export type RecordResult =
  | { status: 'recorded'; outcome: 'recorded' | 'already-recorded'; confirmed: boolean }
  /** The year refused it (the item closed, already declared, the unit retired): its words name the field. */
  | { status: 'refused'; reason: string };

/** A message the secretariat decides: on the list "thư chưa khớp" until assigned or dismissed. */
export interface UnmatchedMail extends JudgedMail {
  /** The folder's UIDVALIDITY its `uid` belongs to. */
  uidValidity: string;
  listedAt: IsoInstant;
}

export interface MailboxStatus {
  mailbox: string;
  blocs: string[];
  uidValidity?: string;
  lastUid: number;
  lastPass?: { at: IsoInstant; read: number; recorded: number; listed: number };
  /** Set while passes fail: since when, how many in a row, the last reason. */
  outage?: { since: IsoInstant; attempts: number; reason: string };
  /** Recorded messages not yet flagged or moved. */
  toMark: number;
  /** Why marking fails (a server that keeps no keywords): a setting to change. */
  markProblem?: string;
}

export interface MailboxState {
  /** The blocs served, when a start since the first named others (`serveBlocs`). */
  blocs?: string[];
  uidValidity?: string;
  lastUid: number;
  unmatched: UnmatchedMail[];
  /** Message-IDs settled without a record in a year (listed, dismissed, assigned): never listed twice. */
  seen: string[];
  toMark: number[];
  outage?: MailboxStatus['outage'];
  lastPass?: MailboxStatus['lastPass'];
  markProblem?: string;
}

export interface MailboxInput {
  /** `mailbox/<user>@<host>/<folder>`, shown to the secretariat. */
  mailbox: string;
  blocs: string[];
  /** Between passes. */
  pollMs: number;
  carried?: MailboxState;
}

export interface AssignMailInput {
  messageId: string;
  /** The bloc-year the declaration goes to. */
  workflowId: string;
  unitId: string;
  itemId: string;
  /** The secretariat account deciding. */
  by: string;
}

export interface DismissMailInput {
  messageId: string;
  by: string;
  reason?: string;
}

/** Records the declaration the message makes, in the year and for the unit and item the secretariat chose. */
export const assignMail = defineUpdate<RecordResult & { status: 'recorded' }, [AssignMailInput]>('assignMail');
export const dismissMail = defineUpdate<void, [DismissMailInput]>('dismissMail');
/** Reads the mailbox now rather than at the next poll. */
export const checkMailNow = defineSignal('checkMailNow');
/** The blocs the mailbox serves from now on: each start of a worker says them again (worker/mailbox.ts). */
export const serveBlocs = defineSignal<[string[]]>('serveBlocs');
export const unmatchedMailQuery = defineQuery<UnmatchedMail[]>('unmatchedMail');
export const mailboxStatusQuery = defineQuery<MailboxStatus>('mailboxStatus');

/** The mailbox activities' own task queue, beside the engine's: a slow IMAP server never holds up a year. */
export function mailboxTaskQueueOf(taskQueue: string): string {
  return `${taskQueue}-mailbox`;
}

/** One workflow per mailbox and folder: what the console reads and the worker's start is keyed by. */
export function mailboxWorkflowId(settings: Pick<ImapSettings, 'auth' | 'host' | 'folder'>): string {
  return `mailbox/${settings.auth.user}@${settings.host}/${settings.folder}`;
}
