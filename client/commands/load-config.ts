/**
 * Loading a bloc file for a command: a single problem (a missing file, say) is the one line of the error;
 * several go on stderr a line each, then a line that counts them. Exit 2 either way.
 */
import { ConfigError, formatProblem, loadBlocConfig } from '../../config/load';
import type { BlocConfig } from '../../config/schema';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { InputError } from '../errors';

export function loadConfigOrExplain(file: string): BlocConfig {
  try {
    return loadBlocConfig(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const [only, ...more] = err.problems;
    if (only && more.length === 0) throw new InputError(formatProblem(only));
    for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
    const n = err.problems.length;
    throw new InputError(`${file}: ${n} lỗi, không dùng được / ${n} problem(s), file not usable`);
  }
}

/** The cycle years the schema accepts for decisions. */
export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1990 || year > 2200) {
    throw new InvalidArgumentError('năm phải là số có bốn chữ số từ 1990 đến 2200 / year must be 1990–2200');
  }
  return year;
}
