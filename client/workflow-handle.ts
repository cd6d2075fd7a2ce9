/**
 * Talking to one bloc-year workflow, with Temporal's errors turned into the CLI's: what a person can
 * fix (a rejected change, a bloc-year never started) exits 2, trouble with the server exits 3.
 */
import {
  isGrpcDeadlineError,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { YEAR_BEING_PLANNED } from '../workflows/messages';
import { workflowIdFor } from '../workflows/model';
import { connectClient, type Connected } from './connection';
import { InputError, ServerError } from '../config/errors';
import { EngineNotAnsweringError, YearBeingPlannedError } from './errors';
import { optionOf } from './field-labels';

export interface BlocYearRef {
  bloc: string;
  year: number;
}

function firstLine(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
}

/**
 * Where a refused field came from, when a command took it from elsewhere than an option (a file);
 * undefined leaves the option's name, or the field's own.
 */
export type RefusalSource = (field: string, reason: string) => string | undefined;

/** What the validator said, with its field named as the person gave it. */
function refusal(failure: ApplicationFailure, source?: RefusalSource): string {
  const detail: unknown = failure.details?.[0];
  const { field, reason } = (typeof detail === 'object' && detail !== null ? detail : {}) as { field?: unknown; reason?: unknown };
  if (typeof field !== 'string' || typeof reason !== 'string') return failure.message;
  const option = optionOf(field);
  return source?.(field, reason) ?? (option ? `${option}: ${reason}` : failure.message);
}

export function explain(err: unknown, ref?: BlocYearRef, source?: RefusalSource): unknown {
  if (ref && err instanceof WorkflowNotFoundError) {
    // No year means no plan to say whether it is a Khối or a Cụm.
    return new InputError(`Khối/Cụm ${ref.bloc} chưa bắt đầu chu kỳ năm ${ref.year} / bloc-year not started`);
  }
  // The validator refused before anything was written to the workflow's history.
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return new InputError(refusal(err.cause, source));
  }
  // A query the year cannot answer yet comes back as "not registered", with the workflow's own words.
  if (err instanceof QueryNotRegisteredError && err.message.includes(YEAR_BEING_PLANNED)) return new YearBeingPlannedError(YEAR_BEING_PLANNED);
  if (err instanceof ServiceError && isGrpcDeadlineError(err.cause)) {
    return new EngineNotAnsweringError('bộ máy nhắc hạn không trả lời kịp: không có worker nào đang chạy, hoặc đều quá tải / no worker answered in time');
  }
  if (err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    const detail = firstLine(err);
    return new ServerError(`máy chủ Temporal báo lỗi: ${detail} / Temporal server error: ${detail}`);
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

/** Runs `use` on one bloc-year's workflow through a client already connected (the web console keeps one). */
export async function onBlocYear<T>(client: Client, ref: BlocYearRef, use: (handle: WorkflowHandle) => Promise<T>, source?: RefusalSource): Promise<T> {
  try {
    return await use(client.workflow.getHandle(workflowIdFor(ref.bloc, ref.year)));
  } catch (err) {
    throw explain(err, ref, source);
  }
}

export function withBlocYear<T>(ref: BlocYearRef, use: (handle: WorkflowHandle) => Promise<T>, source?: RefusalSource): Promise<T> {
  return withClient(({ client }) => onBlocYear(client, ref, use, source));
}
