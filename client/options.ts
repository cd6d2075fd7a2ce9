/**
 * The options the bloc-year commands share, and the parsers that turn a bad value into a one-line
 * error naming the option (commander prefixes the option; exit 2) before anything reaches the server.
 */
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DateTime } from 'luxon';
import { cli } from './cli-context';
import { parseYear } from './commands/load-config';

/** The domain's zone: an instant typed without an offset means Vietnamese local time. */
export const BLOC_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function parseInstant(value: string): string {
  const dt = DateTime.fromISO(value, { zone: BLOC_ZONE });
  if (!dt.isValid) {
    throw new InvalidArgumentError(
      'cần thời điểm ISO-8601, ví dụ 2026-06-20T08:00+07:00 / expected an ISO-8601 instant',
    );
  }
  return dt.toISO() ?? value;
}

export function parseIsoDate(value: string): string {
  if (!ISO_DATE.test(value) || !DateTime.fromISO(value).isValid) {
    throw new InvalidArgumentError('cần ngày dạng YYYY-MM-DD, ví dụ 2026-06-25 / expected a date YYYY-MM-DD');
  }
  return value;
}

/** A bare day stays a day: the workflow reads it as "to the end of that day". */
export function parseDateOrInstant(value: string): string {
  return ISO_DATE.test(value) ? parseIsoDate(value) : parseInstant(value);
}

export function parseHourMinute(value: string): string {
  if (!HOUR_MINUTE.test(value)) throw new InvalidArgumentError('cần giờ dạng HH:mm, ví dụ 08:30 / expected HH:mm');
  return value;
}

export const blocOption = () => new Option('--bloc <id>', 'mã Khối/Cụm / bloc or cluster id');
export const yearOption = () => new Option('--year <yyyy>', 'năm của chu kỳ / the cycle year').argParser(parseYear);
export const atOption = () =>
  new Option('--at <iso>', 'xét tại thời điểm này (mặc định: bây giờ) / judge at this instant (default: now)').argParser(
    parseInstant,
  );
export const jsonOption = () => new Option('--json', 'in JSON / print JSON');
/** For what cannot be undone: without it, a command only says what it would do. */
export const yesOption = () => new Option('--yes', 'thực hiện (mặc định chỉ nói sẽ làm gì) / do it (default: only say what it would do)');
export const NOTHING_DONE_YET = 'Chưa thay đổi gì; chạy lại với --yes để thực hiện / nothing changed yet; run again with --yes\n';

/**
 * A command of ours. Help after an error is turned off so that a bad argument is one line on
 * stderr, which scripts and people can both read.
 */
export function newCommand(program: Command, name: string, description: string) {
  return program.command(name).description(description).showHelpAfterError(false);
}

/** A command about one bloc-year: --bloc and --year, both required. */
export function blocYearCommand(program: Command, name: string, description: string) {
  return newCommand(program, name, description)
    .addOption(blocOption().makeOptionMandatory())
    .addOption(yearOption().makeOptionMandatory());
}

export function nowIso(ms = cli().now()): string {
  return DateTime.fromMillis(ms).setZone(BLOC_ZONE).toISO() ?? new Date(ms).toISOString();
}
