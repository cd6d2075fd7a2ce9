/**
 * The bloc's mailbox, read over IMAP one pass at a time (docs/mailbox.md). A pass is read-only and returns what
 * each message is and whom it matches; each matched message is recorded in its year by the year's Update keyed by
 * its Message-ID, so a message read twice (a retry, a UIDVALIDITY reset, a crash anywhere) is recorded once; the
 * rest waits on the secretariat's list. The folder's place moves only once a pass is settled, and a recorded
 * message is flagged or moved only after that.
 */
import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type * as mailboxActivities from '../activities/mailbox/pass';
import { isoInZone } from './local-time';
import type { MailDeclarationInput } from './messages';
import * as mb from './mailbox-messages';
import { reject } from './refusal';

/** Past this, the oldest line is dismissed on its own: the list is for deciding, not an archive. */
const MAX_UNMATCHED = 500;
/** Enough to cover a folder read again from the first message after a UIDVALIDITY reset. */
const MAX_SEEN = 5000;
/** A mailbox unreachable waits 1, 2, 4, … minutes between passes, never more than this. */
const MAX_BACKOFF_MS = 15 * 60_000;
const ZONE = 'Asia/Ho_Chi_Minh';

type Activities = ReturnType<typeof mailboxActivities.createMailboxActivities>;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** What the year is told: the message as the matcher or the secretariat placed it. */
export function declarationOf(mail: mb.JudgedMail, unitId: string, itemId: string, readAt: string): MailDeclarationInput {
  const { messageId, from, subject, authentication, file } = mail;
  return { messageId, from, subject, authentication, unitId, itemId, sentAt: mail.date ?? readAt, ...(file && { file }) };
}

export async function blocMailbox(input: mb.MailboxInput): Promise<void> {
  const state: mb.MailboxState = input.carried ?? { lastUid: 0, unmatched: [], seen: [], toMark: [] };
  const iso = () => isoInZone(Date.now(), ZONE);
  const queue = mb.mailboxTaskQueueOf(wf.workflowInfo().taskQueue);
  const pass = wf.proxyActivities<Activities>({
    taskQueue: queue,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '2 minutes',
    // A few quick tries; then the workflow waits its own capped backoff and says since when.
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3 },
  }).readMailboxPass;
  // The year answers in seconds when it runs; a year without a worker holds the pass until it has one.
  const { recordMailDeclaration, markMailDone } = wf.proxyActivities<Activities>({
    taskQueue: queue,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

  let poked = false;
  const remember = (messageId: string) => {
    if (!state.seen.includes(messageId)) state.seen = [...state.seen, messageId].slice(-MAX_SEEN);
  };
  const list = (mail: mb.JudgedMail, uidValidity: string) => {
    remember(mail.messageId);
    state.unmatched = [...state.unmatched, { ...mail, uidValidity, listedAt: iso() }].slice(-MAX_UNMATCHED);
  };
  const lineOf = (messageId: unknown) => {
    const line = state.unmatched.find((m) => m.messageId === messageId);
    if (!line) reject('messageId', 'không có thư này trong danh sách thư chưa khớp / no such message on the unmatched list');
    return line;
  };
  const needs = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') reject(field, 'cần điền / required');
  };

  wf.setHandler(
    mb.assignMail,
    async (a) => {
      const line = lineOf(a.messageId);
      const result = await recordMailDeclaration({ workflowId: a.workflowId, input: declarationOf(line, a.unitId, a.itemId, line.listedAt) });
      // The year's own words, which already start with the field.
      if (result.status === 'refused') throw ApplicationFailure.create({ type: 'ChangeRejected', message: result.reason, nonRetryable: true });
      state.unmatched = state.unmatched.filter((m) => m.messageId !== a.messageId);
      if (line.uidValidity === state.uidValidity) state.toMark = [...state.toMark, line.uid];
      poked = true;
      return result;
    },
    {
      validator: (a) => {
        lineOf(a?.messageId);
        for (const field of ['workflowId', 'unitId', 'itemId', 'by'] as const) needs(field, a[field]);
      },
    },
  );
  wf.setHandler(
    mb.dismissMail,
    (d) => {
      const line = lineOf(d.messageId);
      state.unmatched = state.unmatched.filter((m) => m.messageId !== d.messageId);
      // Settled too: marked like a recorded message, so that a person reading the mailbox sees it was dealt with.
      if (line.uidValidity === state.uidValidity) state.toMark = [...state.toMark, line.uid];
      poked = true;
    },
    {
      validator: (d) => {
        lineOf(d?.messageId);
        needs('by', d.by);
      },
    },
  );
  wf.setHandler(mb.checkMailNow, () => void (poked = true));
  const served = () => state.blocs ?? input.blocs;
  wf.setHandler(mb.serveBlocs, (blocs) => {
    if (Array.isArray(blocs) && blocs.every((b) => typeof b === 'string')) state.blocs = blocs;
  });
  wf.setHandler(mb.unmatchedMailQuery, () => state.unmatched);
  wf.setHandler(mb.mailboxStatusQuery, (): mb.MailboxStatus => {
    const { uidValidity, lastUid, lastPass, outage, markProblem } = state;
    return { mailbox: input.mailbox, blocs: served(), lastUid, toMark: state.toMark.length, ...(uidValidity && { uidValidity }), ...(lastPass && { lastPass }), ...(outage && { outage }), ...(markProblem && { markProblem }) };
  });
  const wait = async (ms: number) => {
    await wf.condition(() => poked, ms);
    poked = false;
  };

  for (;;) {
    let read: mb.PassResult;
    try {
      read = await pass({ ...(state.uidValidity && { uidValidity: state.uidValidity }), lastUid: state.lastUid, blocs: served(), at: Date.now() });
    } catch (err) {
      const reason = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
      const attempts = (state.outage?.attempts ?? 0) + 1;
      state.outage = { since: state.outage?.since ?? iso(), attempts, reason };
      await wait(backoffMs(attempts));
      continue;
    }
    state.outage = undefined;
    // Another folder, or the same one renumbered: the UIDs waiting to be marked name other messages now.
    if (read.uidValidity !== state.uidValidity) state.toMark = [];
    let recorded = 0;
    for (const mail of read.messages) {
      const matched = mail.reasons.length === 0 && mail.match?.unitId && mail.match.itemId ? mail.match : undefined;
      if (!matched) {
        if (!state.seen.includes(mail.messageId)) list(mail, read.uidValidity);
        continue;
      }
      const result = await recordMailDeclaration({ workflowId: matched.workflowId, input: declarationOf(mail, matched.unitId as string, matched.itemId as string, iso()) });
      if (result.status === 'refused') {
        if (!state.seen.includes(mail.messageId)) list({ ...mail, reasons: [{ code: 'refused', text: result.reason }] }, read.uidValidity);
        continue;
      }
      recorded++;
      state.toMark.push(mail.uid);
    }
    state.uidValidity = read.uidValidity;
    state.lastUid = read.lastUid;
    state.lastPass = { at: iso(), read: read.messages.length, recorded, listed: read.messages.length - recorded };
    if (state.toMark.length > 0) {
      const marked = await markMailDone({ uidValidity: read.uidValidity, uids: state.toMark });
      state.toMark = [];
      if (marked.status === 'flag-refused') state.markProblem = marked.reason;
      else delete state.markProblem;
    }
    if (wf.workflowInfo().continueAsNewSuggested) {
      await wf.condition(wf.allHandlersFinished);
      await wf.continueAsNew<typeof blocMailbox>({ ...input, carried: state });
    }
    if (!read.more) await wait(input.pollMs);
  }
}
