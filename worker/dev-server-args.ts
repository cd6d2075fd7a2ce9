/**
 * The server holds a task queue to `maxTaskQueueActivitiesPerSecond` partition by partition, each with its
 * own burst, so a queue split four ways (the server's default) can start four mail batches at once. One
 * partition makes the relay's rate hold over every few seconds, not only on average (docs/mail.md says how
 * to set the same for the mail task queue on a cluster).
 */
export const ONE_PARTITION_PER_TASK_QUEUE = [
  '--dynamic-config-value',
  'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value',
  'matching.numTaskqueueWritePartitions=1',
] as const;
