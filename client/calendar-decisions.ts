/**
 * A year's holiday decisions typed as YAML (the web console's form), in the shape of the bloc file's
 * `calendar:` section that `bloc calendar` reads, so that a secretariat can paste one into the other. The
 * workflow's validator judges the decisions; this only reads the text and places its refusals at their lines.
 */
import { DateTime } from 'luxon';
import { tetOf } from '../calendar/lunar';
import { ConfigError, formatProblem, readYamlText } from '../config/load';
import type { YearDecision } from '../config/schema';
import { decisionsRefusal } from './commands/bloc-changes';
import { InputError } from '../config/errors';
import type { RefusalSource } from './workflow-handle';

/** What the text is called in its problems, where a file's name would stand. */
export const DECISIONS_TEXT = 'Quyết định';

export function decisionsFromText(text: string): { decisions: YearDecision[]; refusal: RefusalSource } {
  let read: ReturnType<typeof readYamlText>;
  try {
    read = readYamlText(text, DECISIONS_TEXT);
  } catch (err) {
    if (err instanceof ConfigError) throw new InputError(err.message);
    throw err;
  }
  const calendar = (read.data as { calendar?: { decisions?: unknown } } | null)?.calendar;
  const decisions = typeof calendar === 'object' && calendar !== null ? calendar.decisions : undefined;
  if (!Array.isArray(decisions)) {
    throw new InputError(`${DECISIONS_TEXT}: cần danh sách quyết định ở mục calendar.decisions, như trong tệp kế hoạch / expected calendar.decisions, a list`);
  }
  // The validator checks every field; what is not a decision is refused there, with its path.
  return { decisions: decisions as YearDecision[], refusal: decisionsRefusal((path, reason) => formatProblem(read.problemAt(path, reason))) };
}

/** An example for the form: the year's five Tết days as the law counts them, then a day in lieu. */
export function exampleDecisionsYaml(year: number): string {
  const tet = DateTime.fromObject(tetOf(year));
  const day = (d: DateTime) => `'${d.toISODate() ?? ''}'`;
  const tetDays = [-1, 0, 1, 2, 3].map((n) => `        - { date: ${day(tet.plus({ days: n }))}, name: 'Tết Nguyên đán' }`);
  return [
    'calendar:',
    '  decisions:',
    `    - year: ${year}`,
    `      source: 'Thông báo số …/TB-VPCP về lịch nghỉ Tết Âm lịch ${year}'`,
    '      replaces: [tet]',
    '      daysOff:',
    ...tetDays,
    `        - { date: ${day(tet.plus({ days: 4 }))}, name: 'Nghỉ bù Tết Nguyên đán' }`,
  ].join('\n');
}
