/** The sentences the minutes and the proposal share: a title's rule, a unit proposed, a tie, the table's source. */
import { pts } from './decree-30';
import type { ConferenceModel, Proposed, TitleProposal } from './model';

/** "hạng 1, từ 90 điểm; 1 suất", "hạng 2–3, từ 80 điểm; 2 suất". */
export function titleRuleVi(p: Pick<TitleProposal, 'ranks' | 'minTotal' | 'places'>): string {
  const ranks = p.ranks.from === p.ranks.to ? `hạng ${p.ranks.from}` : `hạng ${p.ranks.from}–${p.ranks.to}`;
  const min = p.minTotal !== undefined ? `, từ ${pts(p.minTotal)} điểm` : '';
  return `${ranks}${min}; ${p.places} suất`;
}

/** "Sở Tư pháp (hạng 1, 103 điểm)". */
export function proposedVi(u: Proposed): string {
  const figures = [u.rank !== undefined ? `hạng ${u.rank}` : '', u.total !== undefined ? `${pts(u.total)} điểm` : '', u.votes !== undefined ? `${u.votes} phiếu` : ''].filter(Boolean);
  return figures.length > 0 ? `${u.name} (${figures.join(', ')})` : u.name;
}

/** Said when the rule's last place is shared: more units than places, for the conference to settle. */
export function tieVi(p: TitleProposal): string {
  return `đồng hạng: ${p.units.length} đơn vị cho ${p.places} suất, Hội nghị bình xét quyết định`;
}

export const ILLUSTRATIVE_VI = 'THANG ĐIỂM MINH HỌA, không dùng để bình xét thật';

/** "Phụ lục III, Quyết định số 354/QĐ-UBND …", with the warning when the table is only an illustration. */
export function tableSourceVi(table: ConferenceModel['table']): string {
  const source = table.reference ?? 'thang bảng điểm của kế hoạch';
  return table.illustrative ? `${source} (${ILLUSTRATIVE_VI})` : source;
}
