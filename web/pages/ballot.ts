/**
 * The conference's pages: on a unit's own page, its registration of titles and its ballot (a phone in the
 * room); for the secretariat, the registrations and the rounds, with the forms that open a round, close it and
 * enter a paper count. A round shows who has voted and, only once closed, its totals.
 */
import { html } from 'hono/html';
import { whenEn, whenVi } from '../../client/cell-wording';
import type { BallotRoundView, RegistrationsView } from '../../workflows/conference-messages';
import { REGISTRATION_STATE_VI, type RegistrationState } from '../../workflows/registration';
import { t } from '../lang';
import { backToYear, layout, noticeOf, refusal, type Frame, type Html } from './layout';

const STATE_EN: Record<RegistrationState, string> = { 'not-sent': 'not sent', pending: 'awaiting review', returned: 'returned', accepted: 'accepted' };

export const BALLOT_NOTICES = {
  vi: {
    'dang-ky': 'Đã ghi đăng ký thi đua của đơn vị; chờ Thư ký duyệt.',
    'bo-phieu': 'Đã nhận phiếu của đơn vị. Phiếu được niêm phong: không ai biết đơn vị chọn ai.',
    mo: 'Đã mở vòng bỏ phiếu.',
    dong: 'Đã kết thúc vòng bỏ phiếu; khóa của vòng đã hủy. Nếu kết quả cần thêm một vòng, vòng đó đã được mở.',
    'kiem-phieu': 'Đã ghi kết quả kiểm phiếu giấy và kết thúc vòng. Nếu kết quả cần thêm một vòng, vòng đó đã được mở.',
    huy: 'Đã hủy vòng bỏ phiếu; mở vòng sau để bỏ phiếu lại.',
  },
  en: {
    'dang-ky': "The unit's registration is recorded; it awaits the secretariat's review.",
    'bo-phieu': "The unit's ballot is cast. It is sealed: nobody learns whom the unit chose.",
    mo: 'The round is open.',
    dong: 'The round is closed; its key is destroyed. If the result calls for a further round, it is open.',
    'kiem-phieu': "The paper ballots' count is recorded and the round closed. If the result calls for a further round, it is open.",
    huy: 'The round is annulled; open the next round to vote again.',
  },
};

function totals(f: Frame, r: BallotRoundView): Html | string {
  if (!r.closed) return '';
  const rows = r.candidates.map(
    (c) => html`<tr><th scope="row">${c.name}</th><td class="num">${r.closed?.votes[c.unitId] ?? 0}</td><td>${r.closed?.elected.includes(c.unitId) ? t(f, 'được đề nghị', 'proposed') : ''}</td></tr>`,
  );
  const runoff = r.closed.runoff
    ? html`<p>${t(f, `Bỏ phiếu vòng ${r.round + 1} cho ${r.closed.runoff.seats} suất còn lại.`, `Round ${r.round + 1} is held for the ${r.closed.runoff.seats} seat(s) left.`)}</p>`
    : '';
  return html`<p>${t(f, `${r.closed.ballots} phiếu, ${r.closed.valid} hợp lệ.`, `${r.closed.ballots} ballots, ${r.closed.valid} valid.`)}</p>
<table class="tally"><thead><tr><th scope="col">${t(f, 'Ứng viên', 'Candidate')}</th><th scope="col">${t(f, 'Số phiếu', 'Votes')}</th><th scope="col">${t(f, 'Kết quả', 'Result')}</th></tr></thead><tbody>${rows}</tbody></table>${runoff}`;
}

function roundHead(f: Frame, r: BallotRoundView): Html {
  const state = r.annulled
    ? t(f, `đã hủy, không kiểm phiếu (${r.annulled.reason})`, `annulled, not counted (${r.annulled.reason})`)
    : r.closed
      ? t(f, 'đã kết thúc', 'closed')
      : t(f, `đang bỏ phiếu: ${r.voters.length}/${r.units} đơn vị đã bỏ phiếu`, `open: ${r.voters.length} of ${r.units} units have voted`);
  return html`<h3>${r.title} — ${t(f, 'vòng', 'round')} ${r.round} (${r.seats} ${t(f, 'suất', r.seats === 1 ? 'seat' : 'seats')}), ${state}</h3>`;
}

export interface UnitConferenceForms {
  register: string;
  vote: string;
  csrf: string;
  values?: Record<string, string>;
  error?: string;
}

/** A unit's registration and its ballots, on its own page. */
export function unitConference(f: Frame, unitId: string, registrations: RegistrationsView | null, rounds: BallotRoundView[], forms: UnitConferenceForms): Html {
  const own = registrations?.units.find((u) => u.unitId === unitId);
  const v = forms.values ?? {};
  const registration =
    registrations && own
      ? html`<h2 id="dang-ky">${t(f, 'Đăng ký thi đua', 'Registration of titles')}</h2>
<p>${t(f, 'Tình trạng', 'Status')}: <strong>${t(f, REGISTRATION_STATE_VI, STATE_EN)[own.state]}</strong>${own.titles.length > 0 ? html` — ${own.titles.map((id) => registrations.titles.find((x) => x.id === id)?.title ?? id).join('; ')}` : ''}${own.reason ? html` (${t(f, 'lý do trả lại', 'returned because')}: ${own.reason})` : ''}</p>
${
  own.state === 'not-sent' || own.state === 'returned'
    ? html`<form class="box" method="post" action="${forms.register}">
  <input type="hidden" name="_csrf" value="${forms.csrf}">
  <fieldset><legend>${t(f, 'Danh hiệu đăng ký', 'Titles registered')}</legend>
  ${registrations.titles.map((x) => html`<label><input type="checkbox" name="titles" value="${x.id}"> ${x.title}</label>`)}</fieldset>
  <label for="reg-reference">${t(f, 'Số văn bản', 'Reference')}</label>
  <input id="reg-reference" name="reference" required value="${v.reference ?? ''}">
  <label for="reg-sentOn">${t(f, 'Ngày văn bản', 'Dated')}</label>
  <input id="reg-sentOn" name="sentOn" type="date" required value="${v.sentOn ?? ''}">
  <p><button type="submit">${t(f, 'Gửi đăng ký', 'Send the registration')}</button></p>
</form>`
    : ''
}`
      : '';
  const ballots = rounds.map((r) => {
    const voted = r.voters.find((x) => x.unitId === unitId);
    if (r.closed || r.annulled) return html`${roundHead(f, r)}${totals(f, r)}`;
    if (voted) return html`${roundHead(f, r)}<p>${t(f, `Đơn vị đã bỏ phiếu lúc ${whenVi(voted.at)}.`, `The unit voted at ${whenEn(voted.at)}.`)}</p>`;
    return html`${roundHead(f, r)}<form class="box ballot" method="post" action="${forms.vote}">
  <input type="hidden" name="_csrf" value="${forms.csrf}">
  <input type="hidden" name="titleId" value="${r.titleId}"><input type="hidden" name="round" value="${r.round}">
  <fieldset><legend>${t(f, `Chọn tối đa ${r.seats} đơn vị`, `Choose at most ${r.seats}`)}</legend>
  ${r.candidates.map((c) => html`<label><input type="checkbox" name="choice" value="${c.unitId}"> ${c.name}</label>`)}</fieldset>
  <p><button type="submit">${t(f, 'Bỏ phiếu', 'Cast the ballot')}</button></p>
</form>`;
  });
  return html`${refusal(f, forms.error)}${registration}${rounds.length > 0 ? html`<h2 id="bo-phieu">${t(f, 'Bỏ phiếu bình xét', 'The conference ballot')}</h2>${ballots}` : ''}`;
}

export interface BallotPageForms {
  canAct: boolean;
  paths: { open: string; close: string; count: string; annul: string };
  error?: string;
  notice?: string;
  values?: Record<string, string>;
}

/** The secretariat's page of the conference: the registrations, the rounds, and the forms that change them. */
export function ballotPage(
  f: Frame,
  context: { blocId: string; year: number; registrations: RegistrationsView | null; rounds: BallotRoundView[]; titles: { id: string; title: string }[] },
  forms: BallotPageForms,
): Html {
  const { registrations, rounds, titles } = context;
  const v = forms.values ?? {};
  const registered = registrations
    ? html`<h2>${t(f, 'Đăng ký thi đua', 'Registrations')}</h2>
<div class="scroll"><table><thead><tr><th scope="col">${t(f, 'Đơn vị', 'Unit')}</th><th scope="col">${t(f, 'Tình trạng', 'Status')}</th><th scope="col">${t(f, 'Danh hiệu', 'Titles')}</th><th scope="col">${t(f, 'Số văn bản', 'Reference')}</th></tr></thead>
<tbody>${registrations.units.map((u) => html`<tr><th scope="row">${u.name}</th><td>${t(f, REGISTRATION_STATE_VI, STATE_EN)[u.state]}</td><td>${u.titles.join(', ') || '—'}</td><td>${u.reference ?? '—'}</td></tr>`)}</tbody></table></div>`
    : '';
  const open = rounds.filter((r) => !r.closed && !r.annulled);
  const roundRef = (r: BallotRoundView) => `${r.titleId}/${r.round}`;
  const actions = forms.canAct
    ? html`<h2>${t(f, 'Mở vòng bỏ phiếu', 'Open a round')}</h2>
<form class="box" method="post" action="${forms.paths.open}">
  <input type="hidden" name="_csrf" value="${f.csrf}">
  <label for="titleId">${t(f, 'Danh hiệu', 'Title')}</label>
  <select id="titleId" name="titleId">${titles.map((x) => html`<option value="${x.id}" ${v.titleId === x.id ? 'selected' : ''}>${x.title}</option>`)}</select>
  <label for="candidates">${t(f, 'Ứng viên (mã, cách nhau dấu phẩy; để trống: đơn vị đăng ký đã duyệt)', 'Candidates (ids, comma-separated; empty: those whose registration was accepted)')}</label>
  <input id="candidates" name="candidates" value="${v.candidates ?? ''}">
  <p><button type="submit">${t(f, 'Mở vòng', 'Open the round')}</button></p>
</form>
${open.map(
  (r) => html`<h2>${t(f, 'Kết thúc', 'Close')}: ${r.title}, ${t(f, 'vòng', 'round')} ${r.round}</h2>
<form class="box" method="post" action="${forms.paths.close}">
  <input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="round" value="${roundRef(r)}">
  <label><input type="checkbox" name="confirm" value="1" required> ${t(f, `Kết thúc vòng: mở ${r.voters.length} phiếu, ghi tổng số phiếu, hủy khóa; không nhận thêm phiếu, không làm lại được`, `Close the round: open ${r.voters.length} ballots, record the totals, destroy the key; no more ballots, and it cannot be undone`)}</label>
  <p><button type="submit">${t(f, 'Kết thúc và kiểm phiếu', 'Close and count')}</button></p>
</form>
<form class="box" method="post" action="${forms.paths.count}">
  <input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="round" value="${roundRef(r)}">
  <p>${t(f, 'Hoặc nhập kết quả kiểm phiếu giấy:', "Or enter the paper ballots' count:")}</p>
  <label for="ballots-${r.round}">${t(f, 'Số phiếu thu về', 'Ballots cast')}</label><input id="ballots-${r.round}" name="ballots" type="number" min="0" required>
  <label for="valid-${r.round}">${t(f, 'Số phiếu hợp lệ', 'Valid ballots')}</label><input id="valid-${r.round}" name="valid" type="number" min="0" required>
  ${r.candidates.map((c) => html`<label for="votes-${r.round}-${c.unitId}">${c.name}</label><input id="votes-${r.round}-${c.unitId}" name="votes.${c.unitId}" type="number" min="0" value="0" required>`)}
  <label><input type="checkbox" name="confirm" value="1" required> ${t(f, 'Kết thúc vòng với kết quả này; không làm lại được', 'Close the round with this count; it cannot be undone')}</label>
  <p><button type="submit">${t(f, 'Ghi kết quả kiểm phiếu', 'Record the count')}</button></p>
</form>
<form class="box" method="post" action="${forms.paths.annul}">
  <input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="round" value="${roundRef(r)}">
  <p>${t(f, 'Hoặc hủy vòng, không kiểm phiếu (mất khóa, chuyển sang phiếu giấy); vòng sau bỏ phiếu lại giữa các ứng viên này:', 'Or annul the round, uncounted (its key lost, a switch to paper); the next round votes again among these candidates:')}</p>
  <label for="reason-${r.round}">${t(f, 'Lý do', 'Reason')}</label><input id="reason-${r.round}" name="reason" required>
  <label><input type="checkbox" name="confirm" value="1" required> ${t(f, 'Hủy vòng này; không làm lại được', 'Annul this round; it cannot be undone')}</label>
  <p><button type="submit">${t(f, 'Hủy vòng', 'Annul the round')}</button></p>
</form>`,
)}`
    : '';
  return layout(
    f,
    t(f, `Đăng ký và bình xét năm ${context.year}`, `Registration and ballot, ${context.year}`),
    html`${backToYear(f, context.blocId, context.year)}${refusal(f, forms.error)}${noticeOf(forms.notice)}
${registered}
<h2>${t(f, 'Các vòng bỏ phiếu', 'The rounds')}</h2>
${rounds.length === 0 ? html`<p>${t(f, 'Chưa có vòng bỏ phiếu nào.', 'No round yet.')}</p>` : rounds.map((r) => html`<section class="round">${roundHead(f, r)}${totals(f, r)}</section>`)}
${actions}`,
  );
}
