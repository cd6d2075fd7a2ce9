/**
 * The pooled SMTP transport, and how its failures become Temporal failures. Temporal's retry policy
 * is the only retry loop: nodemailer must not resend on its own behind the workflow's back.
 */
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPPoolOptions, SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import { smtpFailureReason } from './failure-reasons';
import type { SmtpSettings } from './settings';
import { startTlsOptions } from './tls';

export type MailTransport = Transporter<SMTPPoolSentMessageInfo>;

export const SMTP_TRANSIENT = 'SmtpTransient';
export const SMTP_PERMANENT = 'SmtpPermanent';

export function createMailTransport(settings: SmtpSettings): MailTransport {
  const options: SMTPPoolOptions & { pool: true } = {
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // With a login to another machine, requireTLS whatever `starttls` says: the password never goes in clear.
    ...startTlsOptions(settings),
    ...(settings.auth ? { auth: settings.auth } : {}),
    // No `rateLimit`: nodemailer's counts per connection and per process, and its queue would count against
    // the send deadline; the rate is paced by the batch activity and held across workers by the server.
    maxConnections: settings.poolSize,
    // nodemailer's pool resends a message whose connection closed mid-send (5 times by default), inside
    // one activity attempt and invisibly to the workflow. Failing fast hands the retry to Temporal,
    // which counts it, backs off and records it in the history. (nodemailer 10 ships its own
    // declarations, which do include this option; @types/nodemailer lacked it.)
    maxRequeues: 0,
    // Defaults are 2 min to connect and 10 min of socket silence: far past the batch activity's 1-minute
    // heartbeat timeout, which would then fire first and hide the SMTP cause.
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  };
  return nodemailer.createTransport(options);
}

function asNodemailerError(err: unknown): NodemailerError {
  return err instanceof Error ? (err as NodemailerError) : Object.assign(new Error(String(err)), { code: undefined });
}

/** Codes for errors that carry no SMTP reply and that sending the same message again cannot cure. */
const PERMANENT_WITHOUT_REPLY = new Set(['EENVELOPE', 'ECONFIG', 'ENOAUTH', 'EMESSAGE', 'EMAXRECIPIENTS', 'EREQUIRETLS']);

/**
 * TLS was required and the server answered STARTTLS with a refusal, which is also what nodemailer meets
 * when the server never offered it (or a relay in between struck it from the EHLO). Permanent whatever
 * the reply's class, 454 included: the next attempt meets the same server, and one that strips STARTTLS
 * answers as it likes. Nothing was sent, the login included; the settings or the server must change.
 */
function startTlsRefused(e: NodemailerError): boolean {
  return e.code === 'ETLS' && e.command === 'STARTTLS' && typeof e.response === 'string' && e.response !== '';
}

/**
 * 4xx replies, timeouts and dropped connections are retryable (SmtpTransient); 5xx replies, refused
 * envelopes and a refused STARTTLS are not (SmtpPermanent). A partly refused message never reaches
 * here: it resolves. The message is the reason the reminder log and the digest show, in Vietnamese
 * with the server's code (failure-reasons.ts); nodemailer's own words stay in the cause and the details.
 */
export function classifySmtpError(err: unknown): ApplicationFailure {
  const e = asNodemailerError(err);
  const details = {
    code: e.code ?? null,
    command: e.command ?? null,
    responseCode: e.responseCode ?? null,
    response: e.response ?? null,
    rejected: e.rejected ?? [],
  };
  if (startTlsRefused(e)) {
    return ApplicationFailure.create({
      message:
        'máy chủ SMTP từ chối STARTTLS trong khi kết nối bắt buộc phải mã hóa, nên không gửi gì (kể cả mật khẩu) / ' +
        `the SMTP server refused STARTTLS and TLS is required, so nothing was sent (no password either); it answered: ${e.response ?? ''}`,
      type: SMTP_PERMANENT,
      nonRetryable: true,
      details: [details],
      cause: e,
    });
  }
  // nodemailer sets `permanent` from the reply class, and treats 503 (bad sequence) as transient.
  const permanent = e.responseCode !== undefined ? e.permanent === true : PERMANENT_WITHOUT_REPLY.has(e.code ?? '');
  return ApplicationFailure.create({
    message: smtpFailureReason(e),
    type: permanent ? SMTP_PERMANENT : SMTP_TRANSIENT,
    nonRetryable: permanent,
    details: [details],
    cause: e,
  });
}
