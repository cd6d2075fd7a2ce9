/**
 * Starting a bloc's year: one workflow per bloc and year, with an id people can read and type.
 * A second start of the same bloc-year is refused, even after the first has ended.
 */
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { planYear } from '../calendar/schedule';
import type { BlocConfig } from '../config/schema';
import { blocYear } from '../workflows';
import { workflowIdFor } from '../workflows/model';
import { BLOC_ID, BLOC_YEAR } from '../workflows/search-attributes';
import { InputError } from '../config/errors';

export interface StartOptions {
  taskQueue: string;
  /**
   * A year before last, started on purpose to keep its record: it sends nothing stale and never hands over
   * by itself into the years after it.
   */
  past?: boolean;
  /** The present, in tests. */
  now?: Date;
  /** Continue-as-new sooner than the server suggests (tests of long histories). */
  maxHistoryEvents?: number;
}

export async function startBlocYear(
  client: Client,
  config: BlocConfig,
  year: number,
  opts: StartOptions,
): Promise<{ workflowId: string; alreadyStarted: boolean }> {
  const workflowId = workflowIdFor(config.bloc.id, year);
  checkYearToStart(config, year, opts);
  // The year's first step plans it with the same function: a plan it could not schedule is refused here,
  // where a person reads why, rather than failing the year as it begins.
  try {
    planYear({ config, year });
  } catch (err) {
    throw new InputError(`${config.bloc.name}: không lập được lịch năm ${year} / cannot plan the year: ${(err as Error).message}`);
  }
  try {
    await client.workflow.start(blocYear, {
      taskQueue: opts.taskQueue,
      workflowId,
      args: [{ config, year, ...(opts.maxHistoryEvents ? { maxHistoryEvents: opts.maxHistoryEvents } : {}) }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: BLOC_ID, value: config.bloc.id },
        { key: BLOC_YEAR, value: year },
      ],
    });
    return { workflowId, alreadyStarted: false };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, alreadyStarted: true };
    throw err;
  }
}

/** The year before, this year and the next start freely; an earlier one only on purpose, a later one never. */
function checkYearToStart(config: BlocConfig, year: number, opts: StartOptions): void {
  const current = DateTime.fromJSDate(opts.now ?? new Date(), { zone: config.bloc.timeZone }).year;
  if (year > current + 1) {
    throw new InputError(`--year: ${year} còn quá xa; chỉ bắt đầu được đến năm ${current + 1} / too far ahead: at most ${current + 1}`);
  }
  if (year < current - 1 && !opts.past) {
    throw new InputError(
      `--year: ${year} đã qua; thêm --past nếu muốn mở hồ sơ năm đó để ghi nhận (không gửi thư, không tự chuyển giao sang năm sau) / ` +
        `${year} is past; add --past to open its record (it sends nothing and never hands over by itself)`,
    );
  }
}

/** For the CLI: a second start is a mistake a person should hear about. */
export function alreadyStartedError(workflowId: string, year: number, blocName: string): InputError {
  return new InputError(
    `${blocName} đã bắt đầu chu kỳ năm ${year} (${workflowId}); không thể bắt đầu lại / this bloc-year was already started`,
  );
}
