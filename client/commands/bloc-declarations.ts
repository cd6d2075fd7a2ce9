/**
 * `bloc declarations`, `bloc confirm` and `bloc reject`: what units said on their own pages they have sent, and
 * the secretariat's answer (the console's cell page does the same through the same Update).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import type { Declaration } from '../../workflows/model';
import { declarationsQuery, reviewDeclaration } from '../../workflows/messages';
import { cellVi } from '../cell-wording';
import { declarationFateVi, sentOnVi } from '../declaration-wording';
import { mailOriginVi, originVi } from '../link-origin-wording';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption, parseInstant } from '../options';
import { withBlocYear } from '../workflow-handle';
import { itemOption, unitOption } from './bloc-changes';


type Record = { [itemId: string]: { [unitId: string]: Declaration[] } };

function declarationsVi(record: Record, onlyPending: boolean): string {
  const sorted = <T>(o: { [key: string]: T }) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
  const rows = sorted(record).flatMap(([itemId, byUnit]) =>
    sorted(byUnit).flatMap(([unitId, list]) =>
      list
        .filter((d) => !onlyPending || !d.review)
        .map((d) => [unitId, itemId, d.declaredAt, sentOnVi(d.sentOn), d.reference, [d.by, d.via && originVi(d.via), d.mail && mailOriginVi(d.mail)].filter(Boolean).join('; ') || '—', d.file ? `${d.file.name} (sha256 ${d.file.sha256.slice(0, 12)}…)` : '—', declarationFateVi(d)]),
    ),
  );
  if (rows.length === 0) return onlyPending ? 'Không có báo gửi nào chờ xác nhận / no declaration awaits an answer\n' : 'Chưa có đơn vị nào báo gửi / no declaration yet\n';
  return table(['Đơn vị', 'Mục', 'Báo lúc', 'Ngày gửi', 'Số văn bản', 'Người báo, nguồn', 'Tệp', 'Kết quả'], rows);
}

export function registerDeclarationCommands(program: Command): void {
  blocYearCommand(program, 'declarations', 'Các lần đơn vị báo đã gửi trên trang của mình / what units declared on their own pages')
    .option('--pending', 'chỉ những báo gửi chờ xác nhận / only those awaiting an answer')
    .addOption(jsonOption())
    .action(async (opts) => {
      const record = await withBlocYear(opts, (h) => h.query(declarationsQuery));
      emit(opts.json, record, (r) => declarationsVi(r, Boolean(opts.pending)));
    });

  blocYearCommand(program, 'confirm', 'Xác nhận đơn vị đã gửi: ghi nhận hồ sơ với văn bản đơn vị báo / confirm a declaration: record the submission')
    .addOption(unitOption())
    .addOption(itemOption())
    .option('--received <iso>', 'thời điểm nhận văn bản (mặc định: lúc đơn vị báo) / when the document arrived (default: when declared)', parseInstant)
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, itemId: opts.item, decision: 'confirm' as const, receivedAt: opts.received };
      const cell = await withBlocYear(opts, (h) => h.executeUpdate(reviewDeclaration, { args: [input] }));
      emit(opts.json, cell, (c) => `Đã xác nhận: ${c.unitId} nộp "${c.itemId}", ${cellVi(c)} / declaration confirmed\n`);
    });

  blocYearCommand(program, 'reject', 'Không xác nhận lời báo của đơn vị; nhắc hạn tiếp tục / reject a declaration; reminders resume')
    .addOption(unitOption())
    .addOption(itemOption())
    .addOption(new Option('--reason <text>', 'lý do, đơn vị thấy trên trang của mình / why, shown on the unit’s page').makeOptionMandatory())
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, itemId: opts.item, decision: 'reject' as const, reason: opts.reason };
      const cell = await withBlocYear(opts, (h) => h.executeUpdate(reviewDeclaration, { args: [input] }));
      emit(opts.json, cell, (c) => `Đã ghi không xác nhận lời báo của ${c.unitId} về "${c.itemId}"; nhắc hạn tiếp tục / declaration rejected\n`);
    });
}
