/**
 * One reminder as a whole MIME message: rendered (Vietnamese or English, text, HTML, .ics) and built into the
 * bytes that go over SMTP, with the envelope they go to. Pure work on the message, no I/O: the mail activity
 * runs it on its composer thread (composer.ts), and bench/raw-sender.ts runs the same without Temporal.
 */
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../types';
import { calendarEntries } from './calendar-entries';
import { renderCalendar, type CalendarEvent } from './ics';
import { messageIdFor, threadHeaders } from './message-id';
import type { SmtpSettings } from './settings';
import { renderMessage } from './templates';
import { headerValue } from './text';

export type Sender = SmtpSettings['from'];

/** A message built to its last byte, and who it goes to. */
export interface RawMail {
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

/** The sender's domain: the right-hand side of every Message-ID. */
export const domainOf = (from: Sender) => from.address.split('@').pop() ?? 'localhost';

function calendarParts(entries: CalendarEvent[], message: OutgoingMessage, stamp: Date): Pick<SendMailOptions, 'icalEvent' | 'attachments'> {
  const ics = (events: CalendarEvent[]) =>
    renderCalendar(events, { stamp, prodId: '-//bloc-engine//khoi-thi-dua//VI', language: message.bloc.language });
  const [only, ...more] = entries;
  if (only === undefined) return {};
  // One entry goes in as the message's text/calendar alternative: Outlook and Gmail show it as an
  // event card with "add to calendar". They show only one card per message, though, so several
  // entries go as separate .ics attachments, one event each, which every client opens on its own.
  if (more.length === 0) return { icalEvent: { method: 'PUBLISH', filename: 'lich.ics', content: ics([only]) } };
  return {
    attachments: entries.map((e) => ({
      filename: `${e.uid.split('@')[0] ?? 'lich'}.ics`,
      content: ics([e]),
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    })),
  };
}

/** The nodemailer message for one OutgoingMessage. `now` is the send instant. */
export function composeMail(message: OutgoingMessage, from: Sender, now: Date, unitPage?: string): SendMailOptions {
  const domain = domainOf(from);
  // Days left and overdue are counted from the instant the workflow decided to send: what was true then.
  const rendered = renderMessage(message, message.asOf ? new Date(message.asOf) : now, unitPage);
  const thread = threadHeaders(message, domain);
  const name = headerValue(message.addressee.name);
  return {
    from: { name: headerValue(from.name), address: from.address },
    to: message.addressee.to.map((address) => ({ name, address })),
    cc: message.addressee.cc,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdFor(message.key, domain),
    ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
    references: thread.references,
    date: now,
    headers: {
      // RFC 3834: vacation responders and auto-replies must not answer an automatic reminder.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Content-Language': message.bloc.language,
    },
    ...calendarParts(calendarEntries(message, from), message, now),
    // Everything is in the message itself: nothing may name a file or a URL for nodemailer to read.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The message's bytes, as nodemailer's sendMail would build them from `composeMail`'s options. */
export async function buildMail(mail: SendMailOptions): Promise<RawMail> {
  const node = new MailComposer(mail).compile();
  const { from, to } = node.getEnvelope();
  return { raw: await node.build(), envelope: { from: from || '', to } };
}
