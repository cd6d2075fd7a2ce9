/**
 * `bloc handover` and `bloc close`: the two ends of a year that a person may bring about. Both cannot be
 * undone, so without `--yes` they only say what they would do.
 */
import type { Command } from '@commander-js/extra-typings';
import { closeYear, handOver, stageQuery, statusQuery, timelineQuery, type StageView } from '../../workflows/messages';
import type { YearSummary } from '../../workflows/model';
import { termsOf, whenVi } from '../cell-wording';
import { emit } from '../output';
import { blocYearCommand, jsonOption, NOTHING_DONE_YET, yesOption } from '../options';
import { withBlocYear } from '../workflow-handle';
import type { BlocTerms } from '../../config/terms';

export function handoverVi(stage: StageView, names: Map<string, string>, done: boolean, terms: BlocTerms): string {
  const name = (id: string) => names.get(id) ?? id;
  const { leader, deputy } = terms.vi;
  if (done && stage.handover) {
    const h = stage.handover;
    return (
      `Đã chuyển giao lúc ${whenVi(h.at)} / handed over. ` +
      (h.nextYearStarted ? `Năm ${stage.nextYear} đã bắt đầu với ${leader} ${name(stage.next.leader)}.\n` : `Năm đã qua lâu: không gửi thông báo, không bắt đầu năm ${stage.nextYear}.\n`) +
      (stage.openUntil ? `Năm vẫn nhận hồ sơ nộp muộn đến ${whenVi(stage.openUntil)} hoặc đến khi đóng (bloc close) / open for late records until then\n` : '')
    );
  }
  return (
    `Sẽ chuyển giao ngay / would hand over now: ${leader} năm ${stage.nextYear}: ${name(stage.next.leader)}; ${deputy}: ${name(stage.next.deputy)}; ` +
    `thông báo đến mọi đơn vị và bắt đầu năm ${stage.nextYear} (trừ khi năm đã qua lâu); không gửi thêm nhắc hạn của năm này.\n${NOTHING_DONE_YET}`
  );
}

function closeVi(stage: StageView, summary: YearSummary | undefined): string {
  if (summary) return `Đã đóng năm ${summary.year}: không nhận thêm hồ sơ, không gửi thêm thư / the year is closed\n`;
  const before = stage.handover ? '' : ' Năm chưa chuyển giao: sẽ không chuyển giao và không bắt đầu năm sau.';
  return `Sẽ đóng năm / would close the year: không nhận thêm hồ sơ, không gửi thêm thư.${before}\n${NOTHING_DONE_YET}`;
}

export function registerYearEndCommands(program: Command): void {
  blocYearCommand(program, 'handover', 'Chuyển giao Khối trưởng (Cụm trưởng) ngay, không chờ lịch / hand the lead to the deputy now')
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const { stage, names, terms } = await withBlocYear(opts, async (h) => {
        const status = await h.query(statusQuery, {});
        const terms = termsOf(await h.query(timelineQuery));
        return { stage: opts.yes ? await h.executeUpdate(handOver) : await h.query(stageQuery), names: new Map(status.units.map((u) => [u.id, u.name])), terms };
      });
      emit(opts.json, { handedOver: Boolean(opts.yes), stage }, (r) => handoverVi(r.stage, names, r.handedOver, terms));
    });

  blocYearCommand(program, 'close', 'Đóng năm: thôi nhận hồ sơ và gửi thư / close the year: no more records or mail')
    .option('--reason <text>', 'lý do / reason')
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const result = await withBlocYear(opts, async (h) => ({
        stage: await h.query(stageQuery),
        summary: opts.yes ? await h.executeUpdate(closeYear, { args: [{ reason: opts.reason }] }) : undefined,
      }));
      emit(opts.json, { closed: Boolean(opts.yes), ...result }, (r) => closeVi(r.stage, r.summary));
    });
}
