/**
 * The figures a province watches on its dashboard, beside each worker's own counts: how many bloc-years are
 * running, and how many units are overdue on something. Both come from the search attributes every year keeps
 * current (one visibility count, and one list of the years where someone is overdue), never from the
 * workflows themselves, so a census costs the history service nothing. Every worker reports the same
 * cluster-wide figures: a dashboard takes their max, not their sum.
 */
import type { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import { InputError } from '../config/errors';
import { OVERDUE_UNITS } from '../workflows/search-attributes';

export interface Census {
  yearsRunning: number;
  /** A unit overdue in two blocs counts twice: each bloc's secretariat chases it. */
  unitsOverdue: number;
}

const RUNNING = "WorkflowType = 'blocYear' AND ExecutionStatus = 'Running'";

export async function takeCensus(client: Client): Promise<Census> {
  const { count } = await client.workflow.count(RUNNING);
  let unitsOverdue = 0;
  for await (const year of client.workflow.list({ query: `${RUNNING} AND OverdueCount > 0` })) {
    unitsOverdue += year.typedSearchAttributes.get(OVERDUE_UNITS)?.length ?? 0;
  }
  return { yearsRunning: count, unitsOverdue };
}

/** BLOC_CENSUS_SECONDS: how often the census is taken, 60 s unless set (10 to 3,600). */
export function censusSecondsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.BLOC_CENSUS_SECONDS?.trim();
  if (!text) return 60;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600) {
    throw new InputError(`BLOC_CENSUS_SECONDS: cần số giây nguyên từ 10 đến 3600, nhận "${text}" / expected whole seconds from 10 to 3600`);
  }
  return seconds;
}

/**
 * Takes the census now and every `seconds` after, until `signal` aborts. A failed census keeps the last
 * figures (visibility may be briefly unreachable) and says so once, in the worker's log.
 */
export function reportCensus(client: Client, meter: MetricMeter, seconds: number, signal: AbortSignal, warn: (message: string) => void): void {
  const years = meter.createGauge('bloc_years_running', 'int', 'years', 'năm thi đua đang chạy / bloc-years running');
  const overdue = meter.createGauge('bloc_units_overdue', 'int', 'units', 'đơn vị đang quá hạn, mỗi khối một lần / units overdue, once per bloc');
  let failing = false;
  const take = async () => {
    try {
      const census = await takeCensus(client);
      years.set(census.yearsRunning);
      overdue.set(census.unitsOverdue);
      failing = false;
    } catch (err) {
      if (!failing) warn(`census: ${(err as Error).message.split('\n')[0]}`);
      failing = true;
    }
  };
  void take();
  const timer = setInterval(() => void take(), seconds * 1000);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
