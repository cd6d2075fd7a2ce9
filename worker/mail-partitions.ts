/**
 * The relay's rate (SMTP_RATE) is held by the Temporal server with `maxTaskQueueActivitiesPerSecond`, partition by
 * partition, each with its own burst: on a mail task queue split four ways (the server's default) a 1/s limit
 * dispatched a batch every 40 s instead of 10 s, and delayed the retries after an outage by as much. So a worker
 * given a rate asks the server how the mail task queue is split, and refuses to start unless it is whole.
 */
import { isGrpcServiceError } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { InputError } from '../config/errors';
import type { MailRate } from '../activities/mail/settings';

const GRPC_UNIMPLEMENTED = 12;

export class MailPartitionsError extends InputError {
  override name = 'MailPartitionsError';
}

/** The settings docs/mail.md shows, for the message: an operator copies them into the dynamic config. */
function setting(mailTaskQueue: string): string {
  return ['matching.numTaskqueueReadPartitions', 'matching.numTaskqueueWritePartitions']
    .map((key) => `${key}: [{ value: 1, constraints: { taskQueueName: ${mailTaskQueue} } }]`)
    .join('; ');
}

/**
 * Resolves when the mail task queue has one partition, or the server cannot say (the time-skipping test server
 * has no partitions to list); `warn` hears of any other failure to ask, which leaves the worker to start.
 */
export async function checkMailPartitions(
  connection: NativeConnection,
  opts: { namespace: string; mailTaskQueue: string; rate: MailRate; warn: (message: string) => void },
): Promise<void> {
  let partitions: number;
  try {
    const answer = await connection.workflowService.listTaskQueuePartitions({
      namespace: opts.namespace,
      taskQueue: { name: opts.mailTaskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    });
    partitions = answer.activityTaskQueuePartitions?.length ?? 1;
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_UNIMPLEMENTED) return;
    opts.warn(`could not ask the Temporal server how task queue ${opts.mailTaskQueue} is partitioned (${(err as Error).message}); SMTP_RATE=${opts.rate.text} holds only if it has one partition`);
    return;
  }
  if (partitions <= 1) return;
  throw new MailPartitionsError(
    `SMTP_RATE=${opts.rate.text}: máy chủ Temporal chia hàng đợi thư ${opts.mailTaskQueue} thành ${partitions} phần và giữ tốc độ riêng cho từng phần, ` +
      `nên tốc độ không được giữ; hãy đặt một phần trong dynamic config của máy chủ (docs/mail.md) / ` +
      `the Temporal server splits the mail task queue ${opts.mailTaskQueue} into ${partitions} partitions and holds the rate in each, ` +
      `so the relay's rate would not hold: give it one partition in the server's dynamic config (docs/mail.md): ${setting(opts.mailTaskQueue)}`,
  );
}
