/**
 * How the workflow refuses a change: an ApplicationFailure whose message is for people (Vietnamese first,
 * starting with the field), which fails the Update and never the workflow task.
 */
import { ApplicationFailure } from '@temporalio/common';

const CHANGE_REJECTED = 'ChangeRejected';

export function reject(field: string, reason: string): never {
  throw ApplicationFailure.create({ type: CHANGE_REJECTED, message: `${field}: ${reason}`, nonRetryable: true, details: [{ field, reason }] });
}
