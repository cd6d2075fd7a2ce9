/**
 * The engine's own counts, beside the SDK's, on the worker's Prometheus endpoint (worker/metrics.ts): messages
 * delivered, refused for good, and failed for a passing reason (the batch retries), by the kind of message. By
 * kind only: a country's thousands of blocs as a label would be thousands of series per counter.
 */
import type { MetricMeter } from '@temporalio/common';
import type { OutgoingMessage } from './types';

export type MailOutcome = 'delivered' | 'refused' | 'retried';

/** A unit's daily message by its first notice ("reminder", "invitation", ...), else a digest or a handover. */
export function messageKind(message: OutgoingMessage): string {
  if (message.digest) return 'digest';
  if (message.handover) return 'handover';
  return message.notices[0]?.kind ?? 'notice';
}

export function mailCounter(meter: MetricMeter): (outcome: MailOutcome, message: OutgoingMessage) => void {
  const counters = {
    delivered: meter.createCounter('bloc_mail_delivered', 'messages', 'thư đã gửi tới máy chủ thư / messages the SMTP server accepted'),
    refused: meter.createCounter('bloc_mail_refused', 'messages', 'thư bị từ chối hẳn (5xx) / messages refused for good'),
    retried: meter.createCounter('bloc_mail_retried', 'messages', 'lần gửi lỗi tạm thời, sẽ gửi lại / passing failures the batch retries'),
  };
  return (outcome, message) => counters[outcome].add(1, { kind: messageKind(message) });
}
