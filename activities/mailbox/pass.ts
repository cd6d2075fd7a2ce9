/**
 * The mailbox workflow's activities (docs/mailbox.md), on their own task queue: one read-only pass judged
 * against the running years of the blocs served, the record of one message in its year, and the marking of
 * recorded messages. Each is safe to repeat: the pass changes nothing on the server and keeps documents by
 * their SHA-256; the record is the year's Update keyed by the Message-ID; a flag or a move is idempotent.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { hasCutOff } from '../../calendar/kinds';
import { InputError } from '../../config/errors';
import { stageBytes, type UploadStore } from '../../web/uploads';
import type { MailDeclarationInput } from '../../workflows/messages';
import { declareByMail, logQuery, statusQuery, timelineQuery } from '../../workflows/messages';
import type { JudgedMail, PassInput, PassResult, RecordResult } from '../../workflows/mailbox-messages';
import { workflowIdFor } from '../../workflows/model';
import { markDone, type MarkResult } from './done';
import { matchMessage, type MailMatch, type MatchContext } from './match';
import { readMailbox } from './read';
import { sentFromLog, threadRootsOf } from './sent';
import type { ImapSettings } from './settings';
import type { MailboxMessage } from './types';

export interface MailboxActivityDeps {
  client: Client;
  settings: ImapSettings;
  store: UploadStore;
  /** MAIL_FROM's domain: the engine's Message-IDs and thread roots carry it. */
  domain: string;
  /** Which receiving servers' Authentication-Results count (IMAP_AUTHSERV_ID); the topmost header when absent. */
  trustedAuthServIds?: readonly string[];
}

interface RunningYear {
  workflowId: string;
  ctx: MatchContext;
}

/** The subject as the year keeps it: one line, bounded. */
const MAX_SUBJECT = 300;

/**
 * The years of the blocs that run at `at`, newest first. A year is started before its calendar year begins and
 * stays open after it ends, so the one before and the one after are looked at too.
 */
async function runningYears(deps: MailboxActivityDeps, blocs: readonly string[], at: number): Promise<RunningYear[]> {
  const calendarYear = new Date(at).getUTCFullYear();
  const years: RunningYear[] = [];
  for (const blocId of blocs) {
    for (const year of [calendarYear + 1, calendarYear, calendarYear - 1]) {
      const workflowId = workflowIdFor(blocId, year);
      const handle = deps.client.workflow.getHandle(workflowId);
      const described = await handle.describe().catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
      if (described?.status.name !== 'RUNNING') continue;
      const [status, schedule, log] = await Promise.all([handle.query(statusQuery), handle.query(timelineQuery), handle.query(logQuery)]);
      const items = schedule.items.filter((i) => hasCutOff(i.kind));
      years.push({
        workflowId,
        ctx: {
          units: status.units,
          items,
          sent: sentFromLog(log, deps.domain),
          threads: threadRootsOf({ blocId, year, items }, deps.domain),
          ...(deps.trustedAuthServIds && { trustedAuthServIds: deps.trustedAuthServIds }),
        },
      });
    }
  }
  return years;
}

/**
 * A message without a Message-ID is known by its headers: a retry or a reread gives the same key, which is what
 * recording it once needs.
 */
function keyOf(message: MailboxMessage): string {
  if (message.messageId) return message.messageId;
  const parts = message.status === 'unreadable' ? [message.size] : [message.from[0]?.address, message.subject, message.date, message.size];
  return `<${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}@no-message-id>`;
}

/** The first year the message matches in, else the one where it came closest (a unit and an item named), else the newest. */
function bestMatch(message: MailboxMessage, years: readonly RunningYear[]): { workflowId: string; match: MailMatch } | undefined {
  const judged = years.map((y) => ({ workflowId: y.workflowId, match: matchMessage(message, y.ctx) }));
  return judged.find((j) => j.match.status === 'matched') ?? judged.find((j) => j.match.unit && j.match.item) ?? judged[0];
}

/** The document kept like an upload, or why it was refused. */
async function keepDocument(store: UploadStore, message: MailboxMessage, match: MailMatch): Promise<{ file?: JudgedMail['file']; refusal?: string }> {
  const first = match.documents[0];
  const attachment = message.status === 'read' && first ? message.attachments[first.index] : undefined;
  if (!attachment) return {};
  try {
    const staged = await stageBytes(store, attachment.bytes, attachment.name);
    staged.keep();
    return { file: staged.record };
  } catch (err) {
    if (err instanceof InputError) return { refusal: err.message };
    throw err;
  }
}

async function judge(deps: MailboxActivityDeps, message: MailboxMessage, years: readonly RunningYear[]): Promise<JudgedMail> {
  const headers = message.status === 'unreadable' ? undefined : message;
  const best = bestMatch(message, years);
  const base = {
    uid: message.uid,
    messageId: keyOf(message),
    from: headers?.from[0]?.address.toLowerCase() ?? '',
    subject: (headers?.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT),
    ...(headers?.date && { date: headers.date }),
    size: message.size,
  };
  if (!best) {
    return { ...base, authentication: { verdict: 'none', why: '' }, reasons: [{ code: 'no-year', text: 'không có năm nào của Khối đang chạy / no year of the bloc is running' }] };
  }
  const { match, workflowId } = best;
  const { file, refusal } = await keepDocument(deps.store, message, match);
  const reasons = [...match.reasons, ...(refusal ? [{ code: 'document-refused', text: refusal }] : [])];
  const unitId = match.unit?.unitId ?? match.suggestedUnitId;
  const itemId = match.item?.itemId;
  const by = [match.unit?.by, match.item?.by].filter(Boolean).join(', ');
  return {
    ...base,
    authentication: { verdict: match.authentication.verdict, why: match.authentication.why },
    reasons,
    match: { workflowId, ...(unitId && { unitId }), ...(itemId && { itemId }), by },
    ...(file && { file }),
  };
}

export function createMailboxActivities(deps: MailboxActivityDeps) {
  return {
    async readMailboxPass(input: PassInput): Promise<PassResult> {
      const years = await runningYears(deps, input.blocs, input.at);
      const heartbeat = (done: number) => Context.current().heartbeat(done);
      const pass = await readMailbox(deps.settings, { lastUid: input.lastUid, ...(input.uidValidity && { uidValidity: input.uidValidity }), onProgress: heartbeat });
      const messages: JudgedMail[] = [];
      for (const message of pass.messages) messages.push(await judge(deps, message, years));
      return { uidValidity: pass.uidValidity, messages, lastUid: pass.lastUid, more: pass.more };
    },

    /** The year's Update, with the Message-ID as its id too: a retry of this activity gets the first answer. */
    async recordMailDeclaration({ workflowId, input }: { workflowId: string; input: MailDeclarationInput }): Promise<RecordResult> {
      try {
        const result = await deps.client.workflow.getHandle(workflowId).executeUpdate(declareByMail, { args: [input], updateId: `mail:${input.messageId}` });
        return { status: 'recorded', outcome: result.outcome, confirmed: result.confirmed };
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) return { status: 'refused', reason: err.cause?.message ?? err.message };
        if (err instanceof WorkflowNotFoundError) return { status: 'refused', reason: `workflowId: không có năm ${workflowId} / no such year` };
        throw err;
      }
    },

    async markMailDone({ uidValidity, uids }: { uidValidity: string; uids: number[] }): Promise<MarkResult> {
      return markDone(deps.settings, uidValidity, uids);
    },
  };
}
