/** `bloc config check FILE`: validate a bloc file and say what it holds. */
import type { Command } from '@commander-js/extra-typings';
import type { BlocConfig } from '../../config/schema';
import { loadConfigOrExplain } from './load-config';
import { cli } from '../cli-context';
import { blocTerms } from '../../config/terms';
import { pointsVi, type TitleRule } from '../../config/scoring';
import { ballotRuleVi, titleTerms, titleWarnings } from '../../config/titles';

function summary(file: string, cfg: BlocConfig): string {
  const decisions = cfg.calendar.decisions.map((d) => d.year).join(', ') || 'không có / none';
  const { leader, deputy } = blocTerms(cfg.bloc).vi;
  return (
    `OK: ${file}: ${cfg.bloc.name} (${cfg.bloc.province}): ${cfg.units.length} đơn vị, ${cfg.items.length} mục; ` +
    `${leader} ${cfg.roles.leader}, ${deputy} ${cfg.roles.deputy}; quyết định lịch nghỉ: ${decisions} / ` +
    `${cfg.units.length} units, ${cfg.items.length} items\n`
  );
}

/** "hạng 1, từ 90 điểm", "hạng 2–3": the rank rule, as the ranking applies it. */
function ranksVi(t: TitleRule): string {
  const ranks = t.ranks.from === t.ranks.to ? `hạng ${t.ranks.from}` : `hạng ${t.ranks.from}–${t.ranks.to}`;
  return t.minTotal === undefined ? ranks : `${ranks}, từ ${pointsVi(t.minTotal)} điểm`;
}

/**
 * The titles the plan lets units aim for, one line each, in Vietnamese: who grants it, the seats, whether
 * registration is required, the ballot's rule and the rank rule. What the file leaves out is said as it
 * will be read (seats from the ranks, no registration, no ballot rule), so a secretariat sees the defaults.
 */
export function titleLines(cfg: BlocConfig): string[] {
  const table = cfg.scoring;
  if (!table || table.titles.length === 0) return [];
  const bloc = blocTerms(cfg.bloc).vi.bloc;
  const heading = table.illustrative
    ? 'Danh hiệu (MINH HỌA, số liệu không phải của tỉnh) / titles (illustrative):\n'
    : 'Danh hiệu / titles:\n';
  return [
    heading,
    ...table.titles.map((t) => {
      const terms = titleTerms(t);
      const parts = [
        terms.grantor ? `do ${terms.grantor} tặng` : 'chưa ghi cấp tặng',
        terms.seatsStated ? `${terms.seats} suất` : `${terms.seats} suất (theo số hạng)`,
        terms.requiresRegistration ? 'phải đăng ký thi đua' : 'không cần đăng ký thi đua',
        terms.ballot ? `bình xét: ${ballotRuleVi(terms.ballot, bloc)}` : 'chưa ghi tỷ lệ phiếu bình xét',
        `xếp hạng: ${ranksVi(t)}`,
      ];
      return `  - ${t.title} (${t.id}): ${parts.join('; ')}\n`;
    }),
  ];
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
      for (const line of titleLines(cfg)) cli().stdout(line);
      for (const warning of [...kindWarnings(cfg), ...titleWarnings(cfg.scoring?.titles ?? [])]) cli().stderr(warning);
    });
}
