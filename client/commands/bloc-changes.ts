/**
 * What the secretariat records or changes in a year: `bloc submit`, `extend`, `reschedule`, `cancel`,
 * `calendar` (the year's official decisions, re-read from the bloc file) and `contacts`.
 * Each is one workflow update; its validator refuses bad input before anything is written.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import {
  cancelItem,
  grantExtension,
  recordSubmission,
  replaceCalendar,
  reschedule,
  restoreItem,
  updateContacts,
  type CalendarResult,
  type SubmissionResult,
} from '../../workflows/messages';
import { dueVi } from '../../calendar/wording';
import { formatProblem, problemInFile } from '../../config/load';
import { loadOwnConfigOrExplain } from './load-config';
import { cellVi, whenVi, zoneOf } from '../cell-wording';
import { emit } from '../output';
import { changesTableVi } from '../schedule-changes';
import { blocYearCommand, jsonOption, NOTHING_DONE_YET, parseDateOrInstant, parseHourMinute, parseInstant, parseIsoDate, yesOption } from '../options';
import { withBlocYear, type RefusalSource } from '../workflow-handle';

export const unitOption = () => new Option('--unit <id>', 'mã đơn vị / unit id').makeOptionMandatory();
export const itemOption = () => new Option('--item <id>', 'mã mục trong kế hoạch / item id').makeOptionMandatory();
const reasonOption = () => new Option('--reason <text>', 'lý do / reason');

function calendarVi(r: CalendarResult): string {
  const moved = r.moved.length > 0 ? `Các mục đổi ngày: ${r.moved.join(', ')} / items moved\n` : 'Không mục nào đổi ngày / no item moves\n';
  const head = r.applied ? 'Đã áp dụng lịch mới / calendar applied\n' : 'Lịch mới sẽ thay đổi / the new calendar would change\n';
  return `${head}${moved}${r.changes.length > 0 ? changesTableVi(r.changes) : ''}${r.applied ? '' : NOTHING_DONE_YET}`;
}

function submissionVi(unitId: string, itemId: string, r: SubmissionResult): string {
  const received = whenVi(r.submission.receivedAt);
  return r.outcome === 'recorded'
    ? `Đã ghi nhận: ${unitId} nộp "${itemId}", nhận lúc ${received} — ${cellVi(r.cell)} / recorded\n`
    : `Đã ghi nhận trước đó lúc ${received} (giữ thời điểm nhận đầu tiên) / already recorded; the first receipt stands\n`;
}

/**
 * Where the workflow's refusal of a decision lies in the bloc file's YAML it came from, by `at` (a path in that
 * document, the reason): shown at its line, as `bloc config check` shows the file's own problems. A refusal of
 * them all (the year has handed over) is not the text's fault.
 */
export function decisionsRefusal(at: (path: PropertyKey[], reason: string) => string): RefusalSource {
  return (field, reason) => {
    if (field === 'decisions') return reason;
    if (field === 'blocId') return at(['bloc', 'id'], reason);
    if (!field.startsWith('decisions[')) return undefined;
    // `decisions[1].daysOff[0].date` → ['decisions', 1, 'daysOff', 0, 'date']
    const path = [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? (m[1] ?? '') : Number(m[2])));
    return at(['calendar', ...path], reason);
  };
}

const decisionsIn = (file: string): RefusalSource => decisionsRefusal((path, reason) => formatProblem(problemInFile(file, path, reason)));

export function registerChangeCommands(program: Command): void {
  blocYearCommand(program, 'submit', 'Ghi nhận hồ sơ một đơn vị đã nộp / record a unit’s submission')
    .addOption(unitOption())
    .addOption(itemOption())
    .option('--received <iso>', 'thời điểm nhận (mặc định: bây giờ) / when it arrived (default: now)', parseInstant)
    .option('--ref <number>', 'số văn bản, ví dụ 45/BC-STP / document number')
    .option('--note <text>', 'ghi chú / note')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, itemId: opts.item, receivedAt: opts.received, reference: opts.ref, note: opts.note };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(recordSubmission, { args: [input] }));
      emit(opts.json, result, (r) => submissionVi(opts.unit, opts.item, r));
    });

  blocYearCommand(program, 'extend', 'Gia hạn nộp cho một đơn vị / extend a unit’s deadline')
    .addOption(unitOption())
    .addOption(itemOption())
    .requiredOption('--until <date-or-iso>', 'đến hết ngày YYYY-MM-DD hoặc đến thời điểm ISO / to the end of a day or an instant', parseDateOrInstant)
    .addOption(reasonOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, itemId: opts.item, until: opts.until, reason: opts.reason };
      const cell = await withBlocYear(opts, (h) => h.executeUpdate(grantExtension, { args: [input] }));
      emit(opts.json, cell, (c) => `Đã gia hạn cho ${c.unitId} nộp "${c.itemId}" đến ${c.dueAt ? whenVi(c.dueAt) : opts.until} / extension granted\n`);
    });

  blocYearCommand(program, 'reschedule', 'Ấn định hoặc dời ngày của một mục / set or move an item’s date')
    .addOption(itemOption())
    .requiredOption('--date <yyyy-mm-dd>', 'ngày mới, trong khoảng thời gian của mục / the new day, within the item’s window', parseIsoDate)
    .option('--time <HH:mm>', 'giờ bắt đầu, cho sự kiện / start time, for events', parseHourMinute)
    .option('--past', 'ghi nhận ngày đã qua của một sự kiện (không gửi thư, không kích hoạt chuyển giao) / record a past day of an event (sends nothing, never triggers the handover)')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { itemId: opts.item, date: opts.date, time: opts.time, ...(opts.past && { allowPast: true }) };
      const item = await withBlocYear(opts, (h) => h.executeUpdate(reschedule, { args: [input] }));
      emit(opts.json, item, (i) => `Đã ấn định "${i.title}": ${i.at ? dueVi(i, zoneOf(i.at)) : i.wording} / date set\n`);
    });

  blocYearCommand(program, 'cancel', 'Hủy một mục của kế hoạch năm (hoàn tác bằng bloc restore) / cancel an item of the year (undo: bloc restore)')
    .addOption(itemOption())
    .addOption(reasonOption())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const cancelled = Boolean(opts.yes);
      if (cancelled) await withBlocYear(opts, (h) => h.executeUpdate(cancelItem, { args: [{ itemId: opts.item, reason: opts.reason }] }));
      emit(opts.json, { itemId: opts.item, cancelled }, (c) =>
        c.cancelled
          ? `Đã hủy mục "${c.itemId}"; không nhắc hạn mục này nữa (hoàn tác: bloc restore) / item cancelled\n`
          : `Sẽ hủy mục "${c.itemId}": không còn nhắc hạn, mời họp hay đôn đốc mục này; hồ sơ đã nhận vẫn giữ / would cancel the item: no more reminders for it; records stay\n${NOTHING_DONE_YET}`,
      );
    });

  blocYearCommand(program, 'restore', 'Khôi phục một mục đã hủy / take back a cancellation')
    .addOption(itemOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      await withBlocYear(opts, (h) => h.executeUpdate(restoreItem, { args: [{ itemId: opts.item }] }));
      emit(opts.json, { itemId: opts.item, restored: true }, (c) => `Đã khôi phục mục "${c.itemId}"; nhắc hạn tiếp tục / item restored\n`);
    });

  blocYearCommand(program, 'calendar', 'Áp dụng lịch nghỉ, làm bù của năm từ tệp kế hoạch / apply the year’s official decisions from the bloc file')
    .argument('<file>', 'tệp kế hoạch của chính Khối/Cụm này, có mục calendar.decisions / this bloc’s or cluster’s file with calendar.decisions')
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (file, opts) => {
      const config = loadOwnConfigOrExplain(file, opts.bloc);
      const input = { blocId: config.bloc.id, decisions: config.calendar.decisions, apply: Boolean(opts.yes) };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(replaceCalendar, { args: [input] }), decisionsIn(file));
      emit(opts.json, result, calendarVi);
    });

  blocYearCommand(program, 'contacts', 'Đổi địa chỉ email nhận nhắc việc của một đơn vị / change a unit’s email addresses')
    .addOption(unitOption())
    .addOption(new Option('--email <address...>', 'địa chỉ nhận / addresses to send to').makeOptionMandatory())
    .option('--cc <address...>', 'địa chỉ đồng gửi / addresses to copy')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, emails: opts.email, cc: opts.cc ?? [] };
      await withBlocYear(opts, (h) => h.executeUpdate(updateContacts, { args: [input] }));
      emit(opts.json, input, (c) => `Đã cập nhật địa chỉ của ${c.unitId}: ${c.emails.join(', ')} / contacts updated\n`);
    });
}
