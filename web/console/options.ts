/** What a console is made with, and what a request carries through its parts. */
import type { Client } from '@temporalio/client';
import type { CalendarEvent } from '../../activities/mail/ics';
import type { UnitLinkKeys } from '../../activities/mail/unit-links';
import type { Account } from '../../client/accounts';
import type { SignInLimiter } from '../sign-in-limits';
import type { Session, WebSecrets } from '../security';
import type { UploadStore } from '../uploads';

export interface ConsoleOptions {
  client: Client;
  accountsFile: string;
  secrets: WebSecrets;
  limiter?: SignInLimiter;
  /** The proxies whose X-Real-IP names the client for the sign-in limits (web/client-address.ts); none by default. */
  trustedProxies?: ReadonlySet<string>;
  /** The keys of the units' signed links; without them there are no unit pages. */
  unitLinks?: UnitLinkKeys;
  /** The Temporal UI's origins, for its remote codec (`/codec/decode`); without them it answers none. */
  codecOrigins?: string[];
  /** How long a page waits for the engine to answer before saying it does not (default 10 s). */
  answerWithinMs?: number;
  /** How often the matrix fetches itself to show what changed (default 15 s). */
  liveMs?: number;
  /**
   * How long a year's view judged now may be shown again while the year's history has not grown (default 5 s;
   * 0 reads every page from the worker): client/year-page-cache.ts.
   */
  viewMaxAgeMs?: number;
  /** The console's address as units reach it (behind a proxy); default: the address the request came to. */
  publicUrl?: string;
  /** Where attached documents are kept, and how large one may be (default data/uploads, 10 MB). */
  uploads?: UploadStore;
  /** Where the ballot's rounds' keys are kept while a round is open (BLOC_BALLOT_KEY_DIR; default data/ballot-keys). */
  ballotKeyDir?: string;
  /** Who the unit's calendar file names as organizer: the mail's sender (MAIL_FROM). */
  organizer?: CalendarEvent['organizer'];
  /**
   * The present the console judges a year by (the matrix, a unit's page, a link's expiry); this process's
   * clock by default. Tests under faketime give the Temporal server's, which the year's dates come from.
   */
  clock?: () => number;
  /** The mailbox workflow's id (worker/mailbox.ts): with it, the list "Thư chưa khớp" at /thu-chua-khop. */
  mailbox?: string;
}

export interface Env {
  /** `formNonce`: what the forms' token is bound to (the session's nonce, or the visitor's on the sign-in page). */
  Variables: { session?: Session; account?: Account; formNonce?: string; askedAt?: number };
}
