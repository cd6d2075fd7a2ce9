/**
 * The January conference's papers: a workbook with the summary ranking, one sheet per unit's score and a
 * sheet of the bonus claims with the conference's decision; and the ranking as CSV.
 *
 * The workbook is written with exceljs 4.4.0, kept exactly at that version: it is the maintained, widely
 * used writer that runs on Node 20 under our CommonJS build, and it writes real Excel dates (a serial number
 * with a date format), so that the secretariat can sort and filter the receipt times rather than read text.
 * Its last release is from 2023 and its dependency tree is old (npm prints deprecation notices): it is used
 * by the CLI only, never by the worker.
 */
import { Workbook } from 'exceljs';
import { KIND_VI } from '../config/scoring';
import type { ScoresView } from '../workflows/messages';
import { csv } from './output';
import { DATE_FORMAT, excelDate, header, heading, sheetNameFor, widths } from './xlsx';
import { bonusVi, dayVi, decisionVi, proposalsVi, pts, RANKING_HEADER, rankingRows, rankVi, statusVi, tableHeadingVi, titlesOf, versionVi } from './score-wording';

export const SUMMARY_SHEET = 'Xếp hạng';
export const BONUS_SHEET = 'Điểm thưởng';
const DECISION_VI = { agreed: 'được thống nhất', refused: 'không được thống nhất', pending: 'chờ Hội nghị' } as const;

/** The ranking, one row per unit, with a BOM (client/output.ts). */
export function rankingCsv(view: ScoresView): string {
  return csv(RANKING_HEADER, rankingRows(view.ranking));
}

export function scoreWorkbook(view: ScoresView): Workbook {
  const book = new Workbook();
  book.creator = 'bloc-deadline-engine';
  const terms = view.terms;
  const title = `Bình xét thi đua năm ${view.year} — ${view.blocId}`;
  const table = tableHeadingVi(view.table);

  // The summary ranking, as the conference reads it.
  const summary = book.addWorksheet(SUMMARY_SHEET);
  heading(summary, [title, `Thang điểm: ${table}`, decisionVi(view.ranking), `Tổng điểm tối đa của các tiêu chí: ${pts(view.ranking.maxTotal)}`]);
  header(summary, ['Hạng', 'Đồng hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm các tiêu chí', 'Điểm thưởng được công nhận', 'Điểm thưởng chờ Hội nghị', 'Tổng điểm', 'Danh hiệu đề nghị', 'Tình trạng']);
  const names = new Map(view.ranking.rows.map((r) => [r.unitId, r.name]));
  for (const r of view.ranking.rows) {
    summary.addRow([
      r.rank ?? null,
      r.tiedWith.length > 0 ? `đồng hạng với ${r.tiedWith.map((id) => names.get(id) ?? id).join(', ')}` : '',
      r.unitId,
      r.name,
      r.totals?.criteriaTotal ?? null,
      r.totals?.bonusAgreed ?? null,
      r.totals?.bonusPending ?? null,
      r.totals?.total ?? null,
      titlesOf(r.unitId, view.ranking.proposals),
      r.retired ? 'đã thôi tham gia' : statusVi(r.status),
    ]);
  }
  summary.addRow([]);
  header(summary, ['Đề nghị danh hiệu theo quy tắc của thang điểm']);
  for (const line of proposalsVi(view.ranking)) summary.addRow([line]);
  widths(summary, [8, 28, 22, 40, 12, 14, 14, 12, 50, 30]);

  // One sheet per unit: its own figures, the leader's beside them, every version it sent.
  const taken = new Set([SUMMARY_SHEET.toLowerCase(), BONUS_SHEET.toLowerCase()]);
  for (const unit of view.units) {
    const sheet = book.addWorksheet(sheetNameFor(unit.unitId, taken));
    const row = view.ranking.rows.find((r) => r.unitId === unit.unitId);
    const versions = unit.record?.versions ?? [];
    const latest = versions[versions.length - 1];
    heading(sheet, [
      `${unit.name} (${unit.unitId})`,
      `Năm ${view.year}; thang điểm: ${table}`,
      `Tình trạng: ${unit.retired ? 'đã thôi tham gia' : statusVi(unit.status)}; hạng: ${row ? rankVi(row, names) : '—'}`,
    ]);
    header(sheet, ['Nhóm', 'Mã', 'Tiêu chí', 'Loại', 'Điểm tối đa', 'Đơn vị tự chấm', 'Điểm trừ (đơn vị)', 'Điều chỉnh', 'Điểm trừ (điều chỉnh)', 'Lý do điều chỉnh', 'Điểm tính']);
    const lines = new Map((row?.totals?.lines ?? []).map((l) => [l.code, l]));
    for (const group of view.table.groups) {
      for (const c of group.criteria) {
        const line = lines.get(c.code);
        sheet.addRow([
          group.code,
          c.code,
          c.title,
          KIND_VI[c.kind],
          c.max,
          latest ? (line?.unit ?? null) : null,
          line?.unitDeducted || null,
          line?.adjusted?.points ?? null,
          line?.adjusted?.deducted ?? null,
          line?.adjusted?.reason ?? '',
          line?.counted ?? null,
        ]);
      }
    }
    const total = sheet.addRow(['', '', 'Cộng điểm các tiêu chí', '', view.ranking.maxTotal, '', '', '', '', '', row?.totals?.criteriaTotal ?? null]);
    total.font = { bold: true };
    sheet.addRow(['', '', `Điểm thưởng: ${row ? bonusVi(row) || 'không' : 'không'}`, '', '', '', '', '', '', '', row?.totals?.bonusAgreed ?? null]);
    const grand = sheet.addRow(['', '', 'Tổng điểm', '', '', '', '', '', '', '', row?.totals?.total ?? null]);
    grand.font = { bold: true };
    sheet.addRow([]);
    header(sheet, ['Lần gửi', 'Nhận lúc', 'Số văn bản', 'Người gửi', 'Sự đồng ý sửa sau hạn', 'Ghi nhận lúc']);
    for (const v of versions) {
      const r = sheet.addRow([v.version, excelDate(v.receivedAt), v.reference ?? '', v.by ?? '', v.consent ?? '', excelDate(v.recordedAt)]);
      r.getCell(2).numFmt = DATE_FORMAT;
      r.getCell(6).numFmt = DATE_FORMAT;
    }
    for (const asked of unit.record?.corrections ?? []) {
      sheet.addRow([`Đề nghị chỉnh sửa ${dayVi(asked.at)}: ${asked.reason}${asked.answeredBy ? ` (đã sửa, lần ${asked.answeredBy})` : ' (chưa sửa)'}`]);
    }
    if (latest) sheet.addRow([`Bản đang tính: ${versionVi(latest, terms)}`]);
    widths(sheet, [8, 8, 50, 12, 10, 12, 12, 12, 12, 36, 10]);
  }

  // The bonus claims and what the conference decided on each.
  const bonus = book.addWorksheet(BONUS_SHEET);
  heading(bonus, [`Đề nghị điểm thưởng năm ${view.year}`, decisionVi(view.ranking)]);
  header(bonus, ['Mã đơn vị', 'Tên đơn vị', 'Tiêu chí', 'Điểm đề nghị', 'Giải trình', 'Quyết định của Hội nghị', 'Ngày Hội nghị', 'Số biên bản']);
  const decision = view.ranking.decision;
  for (const claim of view.claims) {
    const r = bonus.addRow([
      claim.unitId,
      claim.name,
      claim.criterion,
      claim.points,
      claim.justification ?? '(chưa giải trình)',
      DECISION_VI[claim.decision],
      decision ? excelDate(`${decision.conferenceDate}T00:00:00+07:00`) : null,
      decision?.minutes ?? '',
    ]);
    r.getCell(7).numFmt = 'dd/mm/yyyy';
  }
  widths(bonus, [22, 40, 10, 12, 50, 24, 14, 24]);
  return book;
}
