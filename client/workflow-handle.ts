/**
 * Talking to one bloc-year workflow, with Temporal's errors turned into the CLI's: what a person can
 * fix (a rejected change, a bloc-year never started) exits 2, trouble with the server exits 3.
 */
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { workflowIdFor } from '../workflows/model';
import { connectClient, type Connected } from './connection';
import { InputError, ServerError } from './errors';

export interface BlocYearRef {
  bloc: string;
  year: number;
}

function firstLine(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
}

export function explain(err: unknown, ref?: BlocYearRef): unknown {
  if (ref && err instanceof WorkflowNotFoundError) {
    // No year means no plan to say whether it is a Khối or a Cụm.
    return new InputError(`Khối/Cụm ${ref.bloc} chưa bắt đầu chu kỳ năm ${ref.year} / bloc-year not started`);
  }
  // The validator's message already names the field; nothing was written to the workflow's history.
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return new InputError(err.cause.message);
  }
  if (err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ServerError(`máy chủ Temporal báo lỗi / Temporal server error: ${firstLine(err)}`);
  }
  return err;
}

/** Runs `use` on a fresh connection and closes it afterwards, so that the process can exit. */
export async function withClient<T>(use: (connected: Connected) => Promise<T>): Promise<T> {
  const connected = await connectClient();
  try {
    return await use(connected);
  } catch (err) {
    throw explain(err);
  } finally {
    await connected.connection.close();
  }
}

export function withBlocYear<T>(ref: BlocYearRef, use: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  return withClient(async ({ client }) => {
    try {
      return await use(client.workflow.getHandle(workflowIdFor(ref.bloc, ref.year)));
    } catch (err) {
      throw explain(err, ref);
    }
  });
}
