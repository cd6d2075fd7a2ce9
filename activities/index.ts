/**
 * The mail activity: render (Vietnamese or English, text, HTML, .ics) and send over SMTP.
 *
 * Idempotent as the recipient sees it: the Message-ID comes from the message's business key, so a
 * retry, or a resend after continue-as-new, carries the same Message-ID as the first attempt.
 * One window no design closes: the server accepted the DATA and queued the message, and the
 * connection dropped before the client read the 250. The client cannot tell this from a message
 * that never arrived, so Temporal's retry sends it again; the receiving side can only dedupe by
 * Message-ID (the local inbox in activities/mail/inbox.ts does; most mailbox servers do not).
 */
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { domainOf, type RawMail } from './mail/compose';
import { createComposer, MailRenderError, type Composer } from './mail/composer';
import { messageIdFor } from './mail/message-id';
import { smtpSettingsFromEnv, type SmtpSettings } from './mail/settings';
import { classifySmtpError, createMailTransport, type MailTransport } from './mail/transport';
import { unitLinkerFromEnv, type UnitLinker } from './mail/unit-links';
import { isoAt } from '../calendar/zone-offset';
import { createBatchSender } from './batch';
import { createPlanningActivities, type PlanningActivities } from './planning';
import type { BatchActivities, BlocActivities, OutgoingMessage, SendResult } from './types';

export interface ActivityDeps {
  /** Default: from the environment (SMTP_URL, MAIL_FROM, ...). */
  settings?: SmtpSettings;
  /** Default: a pooled transport built from the settings. */
  transport?: MailTransport;
  /** The send instant that wording and DTSTAMP are computed from; tests pin it. */
  now?: () => Date;
  /** The signed link to a unit's page for its messages. Default: from the environment (activities/mail/unit-links.ts), or none. */
  unitLink?: UnitLinker;
  /** Default: a composer thread for the settings' sender (mail/composer.ts). */
  composer?: Composer;
}

/**
 * A whole send, queueing for the rate limit included, ends well inside the batch activity's 1-minute
 * heartbeat timeout, so a stalled server fails as a classified SmtpTransient, not a bare timeout.
 */
const SEND_DEADLINE_MS = 45_000;

export function createActivities(deps: ActivityDeps = {}): BlocActivities & BatchActivities & PlanningActivities {
  const settings = deps.settings ?? smtpSettingsFromEnv();
  const transport = deps.transport ?? createMailTransport(settings);
  const clock = deps.now ?? (() => new Date());
  const unitLink = deps.unitLink ?? unitLinkerFromEnv();
  const composer = deps.composer ?? createComposer({ from: settings.from });
  const domain = domainOf(settings.from);

  /** Renders and sends one message; `signal` aborts the send (the activity cancelled, or its deadline passed). */
  async function send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
    const ctx = Context.current();
    const now = clock();
    const messageId = messageIdFor(message.key, domain);
    let mail: RawMail;
    try {
      mail = await composer.compose(message, now, unitLink?.(message), signal);
    } catch (err) {
      // A message the templates cannot render is a bug in the data or the code: retrying renders it the same way.
      if (err instanceof MailRenderError) throw ApplicationFailure.create({ message: `cannot render ${message.key}: ${err.message}`, type: 'MailRender', nonRetryable: true, cause: err });
      throw err;
    }

    let info;
    try {
      info = await transport.sendMail({ ...mail, signal });
    } catch (err) {
      if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
      const failure = classifySmtpError(err);
      log.warn('mail not sent', { key: message.key, messageId, type: failure.type, error: failure.message, detail: err instanceof Error ? err.message : String(err), attempt: ctx.info.attempt });
      throw failure;
    }
    const result: SendResult = {
      messageId,
      accepted: [...info.accepted],
      rejected: [...info.rejected],
      sentAt: isoAt(clock().getTime(), message.bloc.timeZone),
    };
    // No line for each message sent, not even at debug: the SDK builds a line's context before it looks at the
    // level. The batch says what it sent, at info; the reminder log has every message.
    if (result.rejected.length > 0) log.warn('mail sent, some addresses refused', { key: message.key, messageId, rejected: result.rejected });
    return result;
  }

  const mail: BlocActivities = {
    sendMessage: (message) => send(message, AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(SEND_DEADLINE_MS)])),
  };
  return { ...mail, ...createBatchSender(send, { rate: settings.rate, deadlineMs: SEND_DEADLINE_MS }), ...createPlanningActivities() };
}
