/**
 * The "Tự chấm điểm" section of a unit's own page: where its self-score stands, the latest sheet it sent,
 * and the form to send one, criteria grouped as the bloc's scoring table groups them. Kept apart from
 * web/pages.ts so that the table's long form does not crowd the page's other sections.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { KIND_VI, type Criterion } from '../config/scoring';
import { stampVi, whenVi } from '../client/cell-wording';
import { pts, statusVi, tableHeadingVi, versionVi } from '../client/score-wording';
import type { ScoresView } from '../workflows/messages';
import type { ScoreVersion } from '../workflows/model';
import { latestVersion, openCorrection } from '../workflows/ranking';
import { scoreField, scoreFormOf } from './score-form';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the form shows again after a refusal: the validator's words and the values as posted. */
export interface ScoreFormState {
  error?: string;
  values?: Record<string, string>;
}

/** A number input takes a decimal point only: "7,5" as typed comes back as 7.5 rather than empty. */
const asNumberValue = (typed: string | undefined): string => (typed ?? '').trim().replace(',', '.');

/** "38, trừ 1, thưởng +3": one criterion of a sheet already sent. */
function sentVi(version: ScoreVersion | undefined, code: string): string {
  if (!version) return '—';
  const claimed = version.bonus.find((b) => b.criterion === code);
  return [
    pts(version.points[code]),
    ...(version.deductions?.[code] ? [`trừ ${pts(version.deductions[code])}`] : []),
    ...(claimed ? [`thưởng +${pts(claimed.points)}`] : []),
  ].join(', ');
}

function criterionRow(c: Criterion, v: Record<string, string>, latest: ScoreVersion | undefined): Html {
  const input = (field: 'points' | 'deduction' | 'bonus', max: number, label: string, title?: string) => {
    const name = scoreField(field, c.code);
    return html`<input type="number" id="${name}" name="${name}" min="0" max="${max}" step="0.01" ${field === 'points' ? 'required' : ''}
      value="${asNumberValue(v[name])}" aria-label="${label}, tiêu chí ${c.code} (tối đa ${pts(max)})" ${title ? html`title="${title}"` : ''}>`;
  };
  const justification = scoreField('justification', c.code);
  return html`<tr><th scope="row">${c.code}</th><td>${c.title}</td><td>${KIND_VI[c.kind]}</td><td>${pts(c.max)}</td>
  <td>${input('points', c.max, 'Điểm tự chấm')}</td>
  <td>${c.deduction ? html`${input('deduction', c.deduction.max, 'Điểm trừ', c.deduction.rule)}${c.deduction.rule ? html`<small>${c.deduction.rule}</small>` : ''}` : '—'}</td>
  <td>${c.bonus ? input('bonus', c.bonus.max, 'Điểm thưởng đề nghị') : '—'}</td>
  <td>${c.bonus ? html`<input id="${justification}" name="${justification}" value="${v[justification] ?? ''}" aria-label="Giải trình điểm thưởng, tiêu chí ${c.code}">` : '—'}</td>
  <td data-sent="${c.code}">${sentVi(latest, c.code)}</td></tr>`;
}

export function scoreSection(csrf: string, scores: ScoresView, unitId: string, action: string, state: ScoreFormState = {}): Html {
  const unit = scores.units.find((u) => u.unitId === unitId);
  const latest = latestVersion(unit?.record);
  const asked = openCorrection(unit?.record);
  const v = state.values ?? (latest ? scoreFormOf(latest) : {});
  const claims = latest?.bonus ?? [];
  const dueAt = unit?.dueAt ?? scores.dueAt;
  const groups = scores.table.groups.map(
    (g) => html`<tbody><tr><th scope="colgroup" colspan="9">${g.code}. ${g.title}</th></tr>${g.criteria.map((c) => criterionRow(c, v, latest))}</tbody>`,
  );
  return html`<h2 id="tu-cham-diem">Tự chấm điểm</h2>
<p class="muted">Thang điểm: ${tableHeadingVi(scores.table)}.${dueAt ? ` Hạn gửi: ${whenVi(dueAt)}; sau hạn, sửa bảng cần ${scores.terms.vi.secretariat} đồng ý.` : ''}
Điểm thưởng chỉ được cộng khi Hội nghị của ${scores.terms.vi.bloc} thống nhất.</p>
<table><tbody>
<tr><th scope="row">Tình trạng</th><td id="score-status">${unit ? statusVi(unit.status) : '—'}</td></tr>
<tr><th scope="row">Lần gửi gần nhất</th><td id="score-latest">${latest ? versionVi(latest, scores.terms) : 'chưa gửi lần nào'}</td></tr>
<tr><th scope="row">Điểm thưởng đề nghị</th><td id="score-bonus">${claims.length === 0 ? 'không' : claims.map((b) => `${b.criterion}: +${pts(b.points)} (${b.justification ?? 'chưa giải trình'})`).join('; ')}</td></tr>
${asked ? html`<tr><th scope="row">Đề nghị chỉnh sửa</th><td>${stampVi(asked.at)}: ${asked.reason}${asked.criteria ? ` (${asked.criteria.join(', ')})` : ''}</td></tr>` : ''}
</tbody></table>
${state.error ? html`<p class="error" role="alert" id="score-error">${state.error}</p>` : ''}
<form class="box" method="post" action="${action}" id="score-form">
  <input type="hidden" name="_csrf" value="${csrf}">
  <div class="scroll"><table><thead><tr><th scope="col">Mã</th><th scope="col">Tiêu chí</th><th scope="col">Loại</th><th scope="col">Tối đa</th><th scope="col">Điểm tự chấm</th>
  <th scope="col">Điểm trừ</th><th scope="col">Điểm thưởng đề nghị</th><th scope="col">Giải trình điểm thưởng</th><th scope="col">Lần gửi gần nhất</th></tr></thead>
  ${groups}</table></div>
  <label for="score-reference">Số văn bản của bảng tự chấm điểm</label>
  <input id="score-reference" name="reference" value="${v.reference ?? ''}" placeholder="ví dụ 12/BC-STP">
  <label for="score-by">Người gửi (họ tên, chức vụ)</label>
  <input id="score-by" name="by" value="${v.by ?? ''}">
  <p><button type="submit">Gửi bảng tự chấm điểm</button></p>
</form>`;
}
