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
  updateContacts,
  type SubmissionResult,
} from '../../workflows/messages';
import { loadConfigOrExplain } from './load-config';
import { cellVi, whenVi } from '../cell-wording';
import { emit } from '../output';
import { blocYearCommand, jsonOption, parseDateOrInstant, parseHourMinute, parseInstant, parseIsoDate } from '../options';
import { withBlocYear } from '../workflow-handle';

const unitOption = () => new Option('--unit <id>', 'mã đơn vị / unit id').makeOptionMandatory();
const itemOption = () => new Option('--item <id>', 'mã mục trong kế hoạch / item id').makeOptionMandatory();
const reasonOption = () => new Option('--reason <text>', 'lý do / reason');

function submissionVi(unitId: string, itemId: string, r: SubmissionResult): string {
  const received = whenVi(r.submission.receivedAt);
  return r.outcome === 'recorded'
    ? `Đã ghi nhận: ${unitId} nộp "${itemId}", nhận lúc ${received} — ${cellVi(r.cell)} / recorded\n`
    : `Đã ghi nhận trước đó lúc ${received} (giữ thời điểm nhận đầu tiên) / already recorded; the first receipt stands\n`;
}

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
    .requiredOption('--date <yyyy-mm-dd>', 'ngày mới / the new day', parseIsoDate)
    .option('--time <HH:mm>', 'giờ bắt đầu, cho sự kiện / start time, for events', parseHourMinute)
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { itemId: opts.item, date: opts.date, time: opts.time };
      const item = await withBlocYear(opts, (h) => h.executeUpdate(reschedule, { args: [input] }));
      emit(opts.json, item, (i) => `Đã ấn định "${i.title}": ${i.wording}${i.at ? ` (${whenVi(i.at)})` : ''} / date set\n`);
    });

  blocYearCommand(program, 'cancel', 'Hủy một mục của kế hoạch năm / cancel an item of the year')
    .addOption(itemOption())
    .addOption(reasonOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      await withBlocYear(opts, (h) => h.executeUpdate(cancelItem, { args: [{ itemId: opts.item, reason: opts.reason }] }));
      emit(opts.json, { itemId: opts.item, cancelled: true }, (c) => `Đã hủy mục "${c.itemId}"; không nhắc hạn mục này nữa / item cancelled\n`);
    });

  blocYearCommand(program, 'calendar', 'Áp dụng lịch nghỉ, làm bù của năm từ tệp kế hoạch / apply the year’s official decisions from the bloc file')
    .argument('<file>', 'tệp kế hoạch có mục calendar.decisions / bloc file with calendar.decisions')
    .addOption(jsonOption())
    .action(async (file, opts) => {
      const decisions = loadConfigOrExplain(file).calendar.decisions;
      const result = await withBlocYear(opts, (h) => h.executeUpdate(replaceCalendar, { args: [{ decisions }] }));
      emit(opts.json, result, (r) =>
        r.moved.length > 0
          ? `Đã áp dụng lịch mới; các mục đổi ngày: ${r.moved.join(', ')} / calendar applied; items moved\n`
          : 'Đã áp dụng lịch mới; không mục nào đổi ngày / calendar applied; no item moved\n',
      );
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
