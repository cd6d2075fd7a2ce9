/** `bloc config check FILE`: validate a bloc file and say what it holds. */
import type { Command } from '@commander-js/extra-typings';
import { blocTerms } from '../../calendar/wording';
import type { BlocConfig } from '../../config/schema';
import { loadConfigOrExplain } from './load-config';
import { cli } from '../cli-context';

function summary(file: string, cfg: BlocConfig): string {
  const decisions = cfg.calendar.decisions.map((d) => d.year).join(', ') || 'không có / none';
  const { leader, deputy } = blocTerms(cfg.bloc).vi;
  return (
    `OK: ${file}: ${cfg.bloc.name} (${cfg.bloc.province}): ${cfg.units.length} đơn vị, ${cfg.items.length} mục; ` +
    `${leader} ${cfg.roles.leader}, ${deputy} ${cfg.roles.deputy}; quyết định lịch nghỉ: ${decisions} / ` +
    `${cfg.units.length} units, ${cfg.items.length} items\n`
  );
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('Tệp cấu hình của Khối/Cụm / the bloc or cluster file');
  config
    .command('check')
    .description('Kiểm tra tệp cấu hình, liệt kê mọi lỗi / validate a bloc file, listing every problem')
    .argument('<file>', 'tệp .yaml, .yml hoặc .json')
    .action((file) => {
      cli().stdout(summary(file, loadConfigOrExplain(file)));
    });
}
