/**
 * Scores in the secretariat's words: where a unit's score stands, the ranking with its ties stated and the
 * bonus pending marked, the titles proposed, and the years compared. Shared by `bloc score` and its exports.
 */
import { pointsVi, type ScoringTable } from '../config/scoring';
import type { ScoresView } from '../workflows/messages';
import type { YearSummary } from '../workflows/model';
import type { Proposal, RankedRow, Ranking, ScoreStatus } from '../workflows/ranking';
import { stampEn, stampVi } from './cell-wording';
import { originEn, originVi } from './link-origin-wording';
import type { BlocTerms } from '../config/terms';

const STATUS_VI: Record<ScoreStatus, string> = {
  'not-sent': 'chưa gửi',
  'bonus-unjustified': 'đã gửi; điểm thưởng chưa có giải trình',
  'corrections-asked': 'đã gửi; đang chờ bảng chỉnh sửa',
  complete: 'đã gửi',
};

export function statusVi(status: ScoreStatus): string {
  return STATUS_VI[status];
}

const STATUS_EN: Record<ScoreStatus, string> = {
  'not-sent': 'not sent',
  'bonus-unjustified': 'sent; bonus points without a justification',
  'corrections-asked': 'sent; awaiting the corrected sheet',
  complete: 'sent',
};

export function statusEn(status: ScoreStatus): string {
  return STATUS_EN[status];
}

/** "14/1/2050": a plain date, or the local day of an instant as the workflow records it (with the bloc's offset). */
export function dayVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d}/${m}/${y}`;
}

/** "9,5" */
export const pts = (n: number | undefined): string => (n === undefined ? '' : pointsVi(n));

/** The table's source, and the warning when it is only an illustration. */
export function tableHeadingVi(table: ScoringTable): string {
  const source = table.reference ?? 'thang bảng điểm của kế hoạch';
  return table.illustrative ? `${source} — THANG ĐIỂM MINH HỌA, không dùng để bình xét thật / illustrative table` : source;
}

export function tableHeadingEn(table: ScoringTable): string {
  const source = table.reference ?? "the plan's scoring table";
  return table.illustrative ? `${source} — ILLUSTRATIVE TABLE, not for a real evaluation` : source;
}

/** "1", "1 (đồng hạng với Sở B)" */
export function rankVi(row: RankedRow, names: Map<string, string>): string {
  if (row.rank === undefined) return '—';
  if (row.tiedWith.length === 0) return String(row.rank);
  return `${row.rank} (đồng hạng với ${row.tiedWith.map((id) => names.get(id) ?? id).join(', ')})`;
}

/** Before the conference decides: the bonus claimed, shown apart and marked as pending. */
export function bonusVi(row: RankedRow): string {
  const t = row.totals;
  if (!t) return '';
  if (t.bonusPending > 0) return `+${pts(t.bonusPending)} chờ Hội nghị`;
  if (t.bonusAgreed > 0) return `+${pts(t.bonusAgreed)} được công nhận`;
  return '';
}

export function whyUnrankedVi(row: RankedRow): string {
  if (row.retired) return 'đã thôi tham gia, không xếp hạng';
  return row.totals ? '' : 'chưa gửi bảng tự chấm điểm';
}

/** The titles each unit is proposed for: "Cờ thi đua … (đồng hạng: Hội nghị quyết định)". */
export function titlesOf(unitId: string, proposals: Proposal[]): string {
  return proposals
    .filter((p) => p.unitIds.includes(unitId))
    .map((p) => (p.tie ? `${p.title} (đồng hạng, nhiều hơn ${p.places} suất: Hội nghị quyết định)` : p.title))
    .join('; ');
}

export function decisionVi(ranking: Ranking): string {
  const d = ranking.decision;
  if (d) {
    return `Điểm thưởng theo quyết định của Hội nghị ngày ${dayVi(d.conferenceDate)} (biên bản ${d.minutes}): ${d.agreed.length} đề nghị được thống nhất, ${d.refused.length} không được thống nhất / bonus as decided by the conference`;
  }
  return ranking.bonusSettled
    ? 'Không đơn vị nào đề nghị điểm thưởng / no bonus claimed'
    : 'Điểm thưởng CHỜ Hội nghị: tổng điểm dưới đây chưa cộng điểm thưởng / bonus pending the conference: totals exclude it';
}

export const RANKING_HEADER = ['Hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm các tiêu chí', 'Điểm thưởng', 'Tổng điểm', 'Danh hiệu đề nghị', 'Ghi chú'];

/** One row per unit, ranked units first: for the table, the CSV and the workbook's summary. */
export function rankingRows(ranking: Ranking): string[][] {
  const names = new Map(ranking.rows.map((r) => [r.unitId, r.name]));
  return ranking.rows.map((r) => [
    rankVi(r, names),
    r.unitId,
    r.name,
    pts(r.totals?.criteriaTotal),
    bonusVi(r),
    pts(r.totals?.total),
    titlesOf(r.unitId, ranking.proposals),
    [whyUnrankedVi(r), r.status === 'complete' || r.status === 'not-sent' ? '' : statusVi(r.status)].filter(Boolean).join('; '),
  ]);
}

export function proposalsVi(ranking: Ranking): string[] {
  const names = new Map(ranking.rows.map((r) => [r.unitId, r.name]));
  return ranking.proposals.map((p) => {
    const who = p.unitIds.length > 0 ? p.unitIds.map((id) => names.get(id) ?? id).join(', ') : 'không có đơn vị đủ điều kiện';
    const ranks = p.ranks.from === p.ranks.to ? `hạng ${p.ranks.from}` : `hạng ${p.ranks.from}–${p.ranks.to}`;
    const min = p.minTotal !== undefined ? `, từ ${pts(p.minTotal)} điểm` : '';
    const tie = p.tie ? ` — ĐỒNG HẠNG: ${p.unitIds.length} đơn vị cho ${p.places} suất, Hội nghị quyết định` : '';
    return `${p.title} (${ranks}${min}): ${who}${tie}`;
  });
}

/** The ranks of earlier years beside this year's, for the units of this year. */
export function comparisonRows(view: ScoresView, previous: YearSummary[]): { header: string[]; rows: string[][] } {
  const years = previous.filter((y) => y.ranking).slice(-4);
  const rankIn = (summary: YearSummary, unitId: string) => {
    const row = summary.ranking?.rows.find((r) => r.unitId === unitId);
    return row?.rank === undefined ? '—' : `${row.rank}${row.tied ? '=' : ''} (${pts(row.total)})`;
  };
  const names = new Map(view.ranking.rows.map((r) => [r.unitId, r.name]));
  return {
    header: ['Đơn vị', ...years.map((y) => String(y.year)), String(view.year)],
    rows: view.ranking.rows.map((r) => [
      names.get(r.unitId) ?? r.unitId,
      ...years.map((y) => rankIn(y, r.unitId)),
      r.rank === undefined ? '—' : `${r.rank}${r.tiedWith.length > 0 ? '=' : ''} (${pts(r.totals?.total)})`,
    ]),
  };
}

/** "lần 2, nhận 20/12/2049 09:00, số 12/BC-STP, gửi: Nguyễn Văn A; Thư ký Khối đồng ý: CV 5/TK" */
export function versionVi(v: NonNullable<ScoresView['units'][number]['record']>['versions'][number], terms: BlocTerms): string {
  return [
    `lần ${v.version}`,
    `nhận ${stampVi(v.receivedAt)}`,
    ...(v.reference ? [`số ${v.reference}`] : []),
    ...(v.by ? [`gửi: ${v.by}`] : []),
    ...(v.via ? [originVi(v.via)] : []),
    ...(v.consent ? [`${terms.vi.secretariat} đồng ý: ${v.consent}`] : []),
  ].join(', ');
}

export function versionEn(v: NonNullable<ScoresView['units'][number]['record']>['versions'][number], terms: BlocTerms): string {
  return [
    `version ${v.version}`,
    `received ${stampEn(v.receivedAt)}`,
    ...(v.reference ? [`ref. ${v.reference}`] : []),
    ...(v.by ? [`sent by ${v.by}`] : []),
    ...(v.via ? [originEn(v.via)] : []),
    ...(v.consent ? [`${terms.en.secretariat} agreed: ${v.consent}`] : []),
  ].join(', ');
}
