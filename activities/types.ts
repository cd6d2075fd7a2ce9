/**
 * What the workflow asks the mail activity to send. The workflow decides who gets what and when;
 * the activity renders (Vietnamese or English, text, HTML, .ics) and sends. Plain data only.
 */
import type { ItemKind, Party } from '../config/schema';
import type { IsoInstant } from '../calendar/types';
import type { BlocKind, TermOverrides } from '../config/terms';

export type NoticeKind = 'reminder' | 'followUp' | 'invitation' | 'taskReminder' | 'handover';

/** One item in a unit's daily message. */
export interface Notice {
  /** The workflow's business key for this notice; never sent twice. */
  key: string;
  kind: NoticeKind;
  itemId: string;
  itemKind: ItemKind;
  title: string;
  titleEn?: string;
  /** Plan wording of the date, e.g. "trước ngày 15/6/2020". */
  wording: string;
  /** Effective cut-off (deadline, task) or start (event) for this unit, extensions included. */
  at: IsoInstant;
  /** Where the submission goes, or who organises: names already resolved for the year. */
  to: { party: Party; name: string }[];
  location?: string;
  /** Rises each time the item's date moves, so calendar clients update the same entry. */
  sequence: number;
  /** True when the unit has an extension on this item. */
  extended: boolean;
  /** The instant this notice was planned for (the reminder log keeps planned and actual). */
  plannedAt: IsoInstant;
  /** On the scoring item of a plan with a scoring table: what is missing from the unit's self-score. */
  scoring?: ScoringGap;
}

/** What a unit's self-score still lacks, for its reminder. */
export interface ScoringGap {
  status: 'not-sent' | 'bonus-unjustified' | 'corrections-asked';
  /** The latest sheet received. */
  received?: { version: number; reference?: string; at: IsoInstant };
  /** Criteria whose bonus claim has no justification. */
  unjustified?: string[];
  /** The corrections asked, in the leader's or the secretariat's words. */
  correction?: { reason: string; criteria?: string[]; at: IsoInstant };
}

export interface DigestRow {
  itemId: string;
  title: string;
  unitId: string;
  unitName: string;
  dueAt: IsoInstant;
  /**
   * On the scoring item of a plan with a scoring table: the score missing, or in dispute (a justification or
   * a correction owed, or the leader's figure differing from the unit's).
   */
  score?: 'not-sent' | 'bonus-unjustified' | 'corrections-asked' | 'adjusted';
}

export interface FailureRow {
  messageKey: string;
  unitId?: string;
  /** Filled in when a digest is built, so that the leader reads the unit's name; the log keeps the id. */
  unitName?: string;
  addresses: string[];
  reason: string;
  /** When the failure was recorded. */
  at: IsoInstant;
  /** When the reminder was planned for, as the digest gives it; filled in when the digest is built. */
  plannedAt?: IsoInstant;
}

export interface Addressee {
  /** unit: a member unit; digest: the leader and the secretariat; */
  kind: 'unit' | 'digest';
  unitId?: string;
  name: string;
  to: string[];
  cc: string[];
}

export interface HandoverInfo {
  fromYear: number;
  toYear: number;
  newLeader: { id: string; name: string };
  newDeputy: { id: string; name: string };
}

export interface OutgoingMessage {
  /** `${blocId}/${year}/${addressee}/${localDate}`: stable across retries and continue-as-new; the Message-ID comes from it. */
  key: string;
  /**
   * `kind` and `terms` as the plan gives them (what the bloc and its roles are called); absent in messages
   * built before the plan could say, which are a Khối's. The renderer resolves them (config/terms.ts).
   */
  bloc: { id: string; name: string; province: string; language: 'vi' | 'en'; timeZone: string; kind?: BlocKind; terms?: TermOverrides };
  year: number;
  /**
   * The instant the workflow decided to send, in workflow time: "days left" are counted from it, so what
   * the message says is what was true when it was decided (and tests on a skipped clock read right).
   */
  asOf?: IsoInstant;
  addressee: Addressee;
  notices: Notice[];
  /** For digests: units missing past a deadline, and deliveries that failed since the last digest. */
  digest?: { rows: DigestRow[]; failures: FailureRow[] };
  handover?: HandoverInfo;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  /** Addresses the server refused while accepting the others: a success that must still be reported. */
  rejected: string[];
  sentAt: IsoInstant;
}

/** The activities the workflow calls; implemented in activities/index.ts. */
export interface BlocActivities {
  sendMessage(message: OutgoingMessage): Promise<SendResult>;
}

/**
 * One message's fate in a batch. `deferred`: not tried, because the relay's rate allowed no more in this
 * batch; it stays owed and goes in the workflow's next batch, without counting as a failure.
 */
export type SendOutcome =
  | { key: string; status: 'delivered'; result: SendResult }
  | { key: string; status: 'failed'; permanent: boolean; error: string; addresses: string[]; at: IsoInstant }
  | { key: string; status: 'deferred' };

/** Messages the workflow hands one batch activity. */
export const BATCH_SIZE = 25;

/** The task queue of the mail activities: its own, so that the Temporal server can hold it to the relay's rate. */
export function mailTaskQueueOf(taskQueue: string): string {
  return `${taskQueue}-mail`;
}

/**
 * Sending a whole instant's messages in one activity keeps a year's history small (one activity
 * instead of one per unit); progress is heartbeated so a retry sends only what is still owed.
 */
export interface BatchActivities {
  sendBatch(messages: OutgoingMessage[]): Promise<SendOutcome[]>;
}
