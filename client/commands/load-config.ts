/**
 * Loading a bloc file for a command: every problem on a line of its own (the first MAX_REPORTED_PROBLEMS,
 * then a line that counts them all), and exit 2.
 */
import { blocTerms } from '../../config/terms';
import { ConfigError, formatProblem, loadBlocConfig } from '../../config/load';
import type { BlocConfig } from '../../config/schema';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { InputError } from '../../config/errors';

export function loadConfigOrExplain(file: string): BlocConfig {
  try {
    return loadBlocConfig(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const lines = err.problems.map(formatProblem);
    const n = err.total;
    const shown = err.problems.length;
    if (shown < n) {
      lines.push(`${file}: ${n} lỗi (in ${shown} lỗi đầu), không dùng được / ${n} problems (first ${shown} shown), file not usable`);
    }
    throw new InputError(lines.join('\n'));
  }
}

/** The file of the bloc a command is about: another bloc's file is refused, naming the file. */
export function loadOwnConfigOrExplain(file: string, blocId: string): BlocConfig {
  const config = loadConfigOrExplain(file);
  if (config.bloc.id !== blocId) {
    const t = blocTerms(config.bloc);
    throw new InputError(`${file}: tệp của ${t.vi.bloc} "${config.bloc.id}", không phải "${blocId}" / this file is another ${t.en.bloc}'s`);
  }
  return config;
}

/** The cycle years the schema accepts for decisions. */
export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1990 || year > 2200) {
    throw new InvalidArgumentError('năm phải là số có bốn chữ số từ 1990 đến 2200 / year must be 1990–2200');
  }
  return year;
}
