/** `bloc config check FILE`: validate a bloc file and say what it holds. */
import type { Command } from '@commander-js/extra-typings';
import type { BlocConfig } from '../../config/schema';
import { loadConfigOrExplain } from './load-config';
import { cli } from '../cli-context';
import { blocTerms } from '../../config/terms';

function summary(file: string, cfg: BlocConfig): string {
  const decisions = cfg.calendar.decisions.map((d) => d.year).join(', ') || 'không có / none';
  const { leader, deputy } = blocTerms(cfg.bloc).vi;
  return (
    `OK: ${file}: ${cfg.bloc.name} (${cfg.bloc.province}): ${cfg.units.length} đơn vị, ${cfg.items.length} mục; ` +
    `${leader} ${cfg.roles.leader}, ${deputy} ${cfg.roles.deputy}; quyết định lịch nghỉ: ${decisions} / ` +
    `${cfg.units.length} units, ${cfg.items.length} items\n`
  );
}

/** A name that says one kind while `kind` says the other: every email would then use the other's words. */
export function kindWarnings(cfg: BlocConfig): string[] {
  const says = /^\s*cụm\b/iu.test(cfg.bloc.name) ? 'cum' : /^\s*khối\b/iu.test(cfg.bloc.name) ? 'khoi' : undefined;
  if (!says || says === cfg.bloc.kind) return [];
  const { leader } = blocTerms(cfg.bloc).vi;
  return [
    `Cảnh báo: tên "${cfg.bloc.name}" là ${says === 'cum' ? 'một Cụm' : 'một Khối'} nhưng bloc.kind là ${cfg.bloc.kind}: mọi thư sẽ gọi "${leader}"; ` +
      `thêm "kind: ${says}" vào mục bloc nếu đúng vậy / warning: the name says ${says} but bloc.kind is ${cfg.bloc.kind}\n`,
  ];
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('Tệp cấu hình của Khối/Cụm / the bloc or cluster file');
  config
    .command('check')
    .description('Kiểm tra tệp cấu hình, liệt kê mọi lỗi / validate a bloc file, listing every problem')
    .argument('<file>', 'tệp .yaml, .yml hoặc .json')
    .action((file) => {
      const cfg = loadConfigOrExplain(file);
      cli().stdout(summary(file, cfg));
      for (const warning of kindWarnings(cfg)) cli().stderr(warning);
    });
}
