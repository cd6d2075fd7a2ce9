/**
 * What one pass over the bloc's mailbox brings back: plain data, read by `read.ts` and judged by `match.ts`.
 * A message is either read whole, too large to download (its headers only), or unreadable (with the reason):
 * one bad message is a line in the result, never an exception that loses the others.
 */

export interface MailAddress {
  /** The display name, as decoded ('' when absent). */
  name: string;
  address: string;
}

export interface MailAttachment {
  /** The file name the sender gave ('' when none). */
  name: string;
  /** The MIME type the sender declared, lower case: a claim, checked against the bytes when the file is kept. */
  type: string;
  size: number;
  bytes: Buffer;
}

/** The headers that decide whom a message is from and what it answers. */
export interface MailHeaders {
  /** The folder's UID of the message: with the folder's UIDVALIDITY, its place in the mailbox. */
  uid: number;
  /** The message's size on the server, in bytes (RFC822.SIZE). */
  size: number;
  /** With its angle brackets, as the engine writes its own: `<…@domain>`. */
  messageId?: string;
  from: MailAddress[];
  replyTo: MailAddress[];
  to: MailAddress[];
  subject: string;
  inReplyTo?: string;
  /** Oldest first, as the header lists them. */
  references: string[];
  /** Every Authentication-Results header, topmost (the last added, by the receiving server) first. */
  authenticationResults: string[];
  /** The Date header as an ISO instant, when it is one. */
  date?: string;
  /**
   * RFC 3834's Auto-Submitted, lower case, when it is not `no`: a vacation notice or a server's report
   * answering a reminder, not a clerk.
   */
  autoSubmitted?: string;
}

export type MailboxMessage =
  | ({ status: 'read'; attachments: MailAttachment[] } & MailHeaders)
  /** Larger than the limit: the headers were read, the body was not downloaded. */
  | ({ status: 'too-large'; limit: number } & MailHeaders)
  /** The bytes could not be read as a message; `reason` says why, in Vietnamese then English. */
  | { status: 'unreadable'; uid: number; size: number; reason: string; messageId?: string };

export interface MailboxPass {
  folder: string;
  /** The folder's UIDVALIDITY, as text (IMAP gives a 32-bit unsigned number; JSON has no bigint). */
  uidValidity: string;
  /** True when the folder's UIDVALIDITY is not the one the caller had: every UID was read again from the first. */
  uidValidityChanged: boolean;
  /** In UID order. */
  messages: MailboxMessage[];
  /** The highest UID this pass looked at (the caller's own when it found none): the next pass reads after it. */
  lastUid: number;
  /** True when the pass stopped at its limit and more messages wait. */
  more: boolean;
}
