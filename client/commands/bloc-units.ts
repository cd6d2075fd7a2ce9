/**
 * `bloc unit add|rename|retire|merge` and `bloc roles`: the bloc changes shape during a year. Leaving and
 * merging cannot be undone, so without `--yes` they only say what they would do.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { addUnit, changeRoles, mergeUnits, renameUnit, retireUnit } from '../../workflows/messages';
import { emit } from '../output';
import { blocYearCommand, jsonOption, NOTHING_DONE_YET, yesOption } from '../options';
import { withBlocYear } from '../workflow-handle';
import { unitOption } from './bloc-changes';

const reasonOption = () => new Option('--reason <text>', 'lý do / reason');

export function registerUnitCommands(program: Command): void {
  const unit = program.command('unit').description('Đơn vị vào, đổi tên, thôi, sáp nhập giữa năm / units joining, renamed, leaving, merging mid-year');

  blocYearCommand(unit, 'add', 'Thêm một đơn vị vào Khối, Cụm / a unit joins the bloc or cluster')
    .requiredOption('--id <id>', 'mã đơn vị mới / the new unit’s id')
    .requiredOption('--name <text>', 'tên đơn vị / its name')
    .addOption(new Option('--email <address...>', 'địa chỉ nhận / addresses to send to').makeOptionMandatory())
    .option('--cc <address...>', 'địa chỉ đồng gửi / addresses to copy')
    .option('--head <text>', 'thủ trưởng / head of the unit')
    .addOption(reasonOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unit: { id: opts.id, name: opts.name, emails: opts.email, cc: opts.cc ?? [], ...(opts.head && { head: opts.head }) }, reason: opts.reason };
      await withBlocYear(opts, (h) => h.executeUpdate(addUnit, { args: [input] }));
      emit(opts.json, input.unit, (u) => `Đã thêm ${u.name} (${u.id}); đơn vị nhận nhắc hạn từ nay / unit added\n`);
    });

  blocYearCommand(unit, 'rename', 'Đổi tên một đơn vị; hồ sơ giữ tên cũ / rename a unit; the record keeps the old name')
    .addOption(unitOption())
    .requiredOption('--name <text>', 'tên mới / the new name')
    .addOption(reasonOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      await withBlocYear(opts, (h) => h.executeUpdate(renameUnit, { args: [{ unitId: opts.unit, name: opts.name, reason: opts.reason }] }));
      emit(opts.json, { unitId: opts.unit, name: opts.name }, (u) => `Đã đổi tên ${u.unitId} thành "${u.name}" / unit renamed\n`);
    });

  blocYearCommand(unit, 'retire', 'Một đơn vị thôi tham gia; hồ sơ của đơn vị vẫn giữ / a unit leaves; its record stays')
    .addOption(unitOption())
    .addOption(reasonOption())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const done = Boolean(opts.yes);
      if (done) await withBlocYear(opts, (h) => h.executeUpdate(retireUnit, { args: [{ unitId: opts.unit, reason: opts.reason }] }));
      emit(opts.json, { unitId: opts.unit, retired: done }, (r) =>
        r.retired
          ? `${r.unitId} đã thôi tham gia: không nhắc hạn nữa, hồ sơ đã nộp vẫn giữ / the unit has left\n`
          : `Sẽ cho ${r.unitId} thôi tham gia: không nhắc hạn, không đôn đốc đơn vị này nữa; hồ sơ đã nộp vẫn giữ / would retire the unit\n${NOTHING_DONE_YET}`,
      );
    });

  blocYearCommand(unit, 'merge', 'Sáp nhập một đơn vị vào đơn vị khác / merge a unit into another')
    .addOption(unitOption())
    .requiredOption('--into <id>', 'đơn vị nhận sáp nhập / the unit it joins')
    .addOption(reasonOption())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const done = Boolean(opts.yes);
      if (done) await withBlocYear(opts, (h) => h.executeUpdate(mergeUnits, { args: [{ unitId: opts.unit, into: opts.into, reason: opts.reason }] }));
      emit(opts.json, { unitId: opts.unit, into: opts.into, merged: done }, (m) =>
        m.merged
          ? `Đã sáp nhập ${m.unitId} vào ${m.into}: ${m.into} nhận hồ sơ đã nộp và các việc còn lại / merged\n`
          : `Sẽ sáp nhập ${m.unitId} vào ${m.into}: ${m.into} nhận hồ sơ ${m.unitId} đã nộp (nơi ${m.into} chưa nộp) và các việc còn lại; ${m.unitId} thôi nhận nhắc hạn; hồ sơ giữ cả hai tên / would merge\n${NOTHING_DONE_YET}`,
      );
    });

  blocYearCommand(program, 'roles', 'Đổi Khối (Cụm) trưởng hoặc phó giữa năm / change the leader or the deputy mid-year')
    .option('--leader <id>', 'đơn vị trưởng mới / the new leader')
    .option('--deputy <id>', 'đơn vị phó mới / the new deputy')
    .requiredOption('--reason <text>', 'lý do, ví dụ số quyết định / the reason, e.g. the decision’s number')
    .addOption(jsonOption())
    .action(async (opts) => {
      const roles = await withBlocYear(opts, (h) => h.executeUpdate(changeRoles, { args: [{ leader: opts.leader, deputy: opts.deputy, reason: opts.reason }] }));
      emit(opts.json, roles, (r) => `Trưởng: ${r.leader}; phó: ${r.deputy} / roles changed\n`);
    });
}
