/** What a person reads when an Update is refused: the validator's message, starting with the field. */
import { WorkflowUpdateFailedError } from '@temporalio/client';

export async function refusal(work: Promise<unknown>): Promise<string> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as Error).cause as Error).message;
}
