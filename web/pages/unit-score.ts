/**
 * The "Tự chấm điểm" section of a unit's own page: where its self-score stands, the latest sheet it sent,
 * and the form to send one, criteria grouped as the bloc's scoring table groups them. Kept apart from
 * the unit's page (web/pages/unit.ts) so that the table's long form does not crowd the page's other sections.
 */
import { html } from 'hono/html';
import { KIND_VI, type Criterion } from '../../config/scoring';
import { titleOf } from '../../activities/mail/templates/words';
import { stampEn, stampVi, whenEn, whenVi } from '../../client/cell-wording';
import { pts, statusEn, statusVi, tableHeadingEn, tableHeadingVi, versionEn, versionVi } from '../../client/score-wording';
import type { ScoresView } from '../../workflows/messages';
import type { ScoreVersion } from '../../workflows/model';
import { latestVersion, openCorrection } from '../../workflows/ranking';
import { scoreField, scoreFormOf } from '../score-form';
import { refusalFor, t, type Lang } from '../lang';
import type { Html } from './layout';

/** The unit's reader: its form's token and its language. */
interface Reader {
  csrf: string;
  lang: Lang;
}

const KIND_EN: Record<Criterion['kind'], string> = { quantitative: 'quantitative', qualitative: 'qualitative' };

/** What the form shows again after a refusal: the validator's words and the values as posted. */
export interface ScoreFormState {
  error?: string;
  values?: Record<string, string>;
}

/** A saved figure as this page's reader writes it: "9,5" in Vietnamese, "9.5" in English; typed ones as typed. */
const figureIn = (r: Reader, value: string | undefined): string => (value === undefined ? '' : r.lang === 'vi' ? value.replace('.', ',') : value);

/** "38, trừ 1, thưởng +3": one criterion of a sheet already sent. */
function sentIn(r: Reader, version: ScoreVersion | undefined, code: string): string {
  if (!version) return '—';
  const claimed = version.bonus.find((b) => b.criterion === code);
  return [
    pts(version.points[code]),
    ...(version.deductions?.[code] ? [`${t(r, 'trừ', 'minus')} ${pts(version.deductions[code])}`] : []),
    ...(claimed ? [`${t(r, 'thưởng', 'bonus')} +${pts(claimed.points)}`] : []),
  ].join(', ');
}

/** What a figure may look like, as `parsePoints` reads it: digits, then a comma or a point and one or two more. */
const FIGURE_PATTERN = '[0-9]{1,3}([.,][0-9]{1,2})?';

function criterionRow(r: Reader, c: Criterion, v: Record<string, string>, latest: ScoreVersion | undefined): Html {
  const input = (field: 'points' | 'deduction' | 'bonus', max: number, label: string, title?: string) => {
    const name = scoreField(field, c.code);
    // Text with a decimal keyboard, not type=number: a browser in English refuses "9,5", which the README teaches.
    return html`<input type="text" inputmode="decimal" class="figure" id="${name}" name="${name}" pattern="${FIGURE_PATTERN}" ${field === 'points' ? 'required' : ''}
      value="${figureIn(r, v[name])}" aria-label="${label}, ${t(r, 'tiêu chí', 'criterion')} ${c.code} (${t(r, 'tối đa', 'at most')} ${pts(max)})" ${title ? html`title="${title}"` : ''}>`;
  };
  const justification = scoreField('justification', c.code);
  return html`<tr><th scope="row">${c.code}</th><td class="criterion">${titleOf(c, r.lang)}</td><td>${t(r, KIND_VI, KIND_EN)[c.kind]}</td><td>${pts(c.max)}</td>
  <td>${input('points', c.max, t(r, 'Điểm tự chấm', 'Self-score'))}</td>
  <td>${c.deduction ? html`${input('deduction', c.deduction.max, t(r, 'Điểm trừ', 'Deduction'), c.deduction.rule)}${c.deduction.rule ? html`<small>${c.deduction.rule}</small>` : ''}` : '—'}</td>
  <td>${c.bonus ? input('bonus', c.bonus.max, t(r, 'Điểm thưởng đề nghị', 'Bonus claimed')) : '—'}</td>
  <td>${c.bonus ? html`<input id="${justification}" name="${justification}" value="${v[justification] ?? ''}" aria-label="${t(r, 'Giải trình điểm thưởng, tiêu chí', 'Bonus justification, criterion')} ${c.code}">` : '—'}</td>
  <td data-sent="${c.code}">${sentIn(r, latest, c.code)}</td></tr>`;
}

export function scoreSection(r: Reader, scores: ScoresView, unitId: string, action: string, state: ScoreFormState = {}): Html {
  const unit = scores.units.find((u) => u.unitId === unitId);
  const latest = latestVersion(unit?.record);
  const asked = openCorrection(unit?.record);
  const v = state.values ?? (latest ? scoreFormOf(latest) : {});
  const claims = latest?.bonus ?? [];
  const dueAt = unit?.dueAt ?? scores.dueAt;
  const groups = scores.table.groups.map(
    (g) => html`<tbody><tr><th scope="colgroup" colspan="9">${g.code}. ${titleOf(g, r.lang)}</th></tr>${g.criteria.map((c) => criterionRow(r, c, v, latest))}</tbody>`,
  );
  const th = (vi: string, en: string) => html`<th scope="col">${t(r, vi, en)}</th>`;
  const { vi: termsVi, en: termsEn } = scores.terms;
  return html`<h2 id="tu-cham-diem">${t(r, 'Tự chấm điểm', 'Self-scoring')}</h2>
<p class="muted">${t(
    r,
    `Thang điểm: ${tableHeadingVi(scores.table)}.${dueAt ? ` Hạn gửi: ${whenVi(dueAt)}; sau hạn, sửa bảng cần ${termsVi.secretariat} đồng ý.` : ''}
Điểm thưởng chỉ được cộng khi Hội nghị của ${termsVi.bloc} thống nhất.`,
    `Scoring table: ${tableHeadingEn(scores.table)}.${dueAt ? ` Due: ${whenEn(dueAt)}; after that, changing the sheet needs the ${termsEn.secretariat}'s consent.` : ''}
Bonus points count only once the ${termsEn.bloc}'s conference agrees.`,
  )}</p>
<table><tbody>
<tr><th scope="row">${t(r, 'Tình trạng', 'Status')}</th><td id="score-status">${unit ? t(r, statusVi, statusEn)(unit.status) : '—'}</td></tr>
<tr><th scope="row">${t(r, 'Lần gửi gần nhất', 'Latest sent')}</th><td id="score-latest">${latest ? t(r, versionVi, versionEn)(latest, scores.terms) : t(r, 'chưa gửi lần nào', 'never sent')}</td></tr>
<tr><th scope="row">${t(r, 'Điểm thưởng đề nghị', 'Bonus claimed')}</th><td id="score-bonus">${
    claims.length === 0
      ? t(r, 'không', 'none')
      : claims.map((b) => `${b.criterion}: +${pts(b.points)} (${b.justification ?? t(r, 'chưa giải trình', 'not justified')})`).join('; ')
  }</td></tr>
${asked ? html`<tr><th scope="row">${t(r, 'Đề nghị chỉnh sửa', 'Corrections asked')}</th><td>${t(r, stampVi, stampEn)(asked.at)}: ${asked.reason}${asked.criteria ? ` (${asked.criteria.join(', ')})` : ''}</td></tr>` : ''}
</tbody></table>
${state.error ? html`<p class="error" role="alert" id="score-error">${refusalFor(r.lang, state.error)}</p>` : ''}
<form class="box" method="post" action="${action}" id="score-form">
  <input type="hidden" name="_csrf" value="${r.csrf}">
  <div class="scroll"><table><thead><tr>${th('Mã', 'Code')}${th('Tiêu chí', 'Criterion')}${th('Loại', 'Kind')}${th('Tối đa', 'Maximum')}${th('Điểm tự chấm', 'Self-score')}
  ${th('Điểm trừ', 'Deduction')}${th('Điểm thưởng đề nghị', 'Bonus claimed')}${th('Giải trình điểm thưởng', 'Bonus justification')}${th('Lần gửi gần nhất', 'Latest sent')}</tr></thead>
  ${groups}</table></div>
  <label for="score-reference">${t(r, 'Số văn bản của bảng tự chấm điểm', "The self-score sheet's reference")}</label>
  <input id="score-reference" name="reference" value="${v.reference ?? ''}" placeholder="${t(r, 'ví dụ', 'e.g.')} 12/BC-STP">
  <label for="score-by">${t(r, 'Người gửi (họ tên, chức vụ)', 'Sent by (name, position)')}</label>
  <input id="score-by" name="by" value="${v.by ?? ''}">
  <p><button type="submit">${t(r, 'Gửi bảng tự chấm điểm', 'Send the self-score sheet')}</button></p>
</form>`;
}
