/**
 * The instantiated year: a bloc's template turned into absolute instants for one year.
 * Plain data (JSON-safe), because it is computed inside the workflow and shown by the CLI alike.
 */
import type { ItemKind, Party, ReminderRules } from '../config/schema';
import type { BlocTerms } from '../config/terms';

/** ISO-8601 instant with the bloc's offset, e.g. 2020-06-15T23:59:59.999+07:00. */
export type IsoInstant = string;
/** A local calendar day in the bloc's zone, yyyy-MM-dd. */
export type IsoDate = string;

/** A day the secretariat set for a window item, or a new day for a moved item. */
export interface DateOverride {
  date: IsoDate;
  /** Local HH:mm; events default to the plan's event time, deadlines end at the end of the day. */
  time?: string;
}

/** A day off that a cut-off rolled over. */
export interface SkippedDay {
  date: IsoDate;
  /** The holiday's name; absent for a plain weekend day. */
  holiday?: string;
}

export interface RoleHolders {
  leader: string;
  deputy: string;
}

export interface PlannedItem {
  id: string;
  kind: ItemKind;
  title: string;
  titleEn?: string;
  /** The plan's short names, for headings and tabs; absent in schedules planned before they existed. */
  short?: string;
  shortEn?: string;
  description?: string;
  location?: string;
  /** Unit ids that act: submit (deadline, task) or attend (event); resolved from roles for the year. */
  units: string[];
  /** Where submissions go (deadline, task), or who organises (event). */
  to: Party[];
  /** How people read the planned date, in Vietnamese: "trước ngày 15/6/2020", "Quý III/2020". */
  wording: string;
  /** The window the plan gives, when it gives one ("Q3" → 2020-07-01..2020-09-30). */
  window?: { from: IsoDate; to: IsoDate };
  /** fixed: the plan gives the day; set: the secretariat set or moved it; unset: a window still without its day. */
  dateState: 'fixed' | 'set' | 'unset';
  /**
   * Deadline and task: the last instant a submission is on time (end of the last day, after rolling).
   * Event: its start. Handover: when it takes effect. Absent while unset, and for ongoing items.
   */
  at?: IsoInstant;
  /** The last day as the plan words it, before rolling off a weekend or holiday. */
  nominalDay?: IsoDate;
  /** True when the last day fell on a day off and rolled to the next working day. */
  rolled: boolean;
  /**
   * When rolled: the days off it rolled over, from `nominalDay` on, so that people are told why the cut-off
   * is where it is with the holidays in force when it was planned. Absent in schedules recorded before it existed.
   */
  skipped?: SkippedDay[];
  /** The plan's reminder rules merged with this item's overrides. */
  rules: ReminderRules;
}

export interface YearPlan {
  blocId: string;
  year: number;
  timeZone: string;
  roles: RoleHolders;
  /** Absent in schedules recorded before the plan could name its kind: those are a Khối's. */
  terms?: BlocTerms;
  items: PlannedItem[];
}

export interface Holiday {
  date: IsoDate;
  name: string;
  /** law: fixed by the Labour Code; lunar: the Labour Code's lunar days computed at UTC+7; decision: entered for the year. */
  source: 'law' | 'lunar' | 'decision';
}
