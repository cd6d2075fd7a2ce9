import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import type { ScoresView, StageView, StatusView } from '../../workflows/messages';
import type { Declaration } from '../../workflows/model';
import { noInstantIn, whenEn, whenVi } from '../../client/cell-wording';
import { fateEn, fateVi } from '../../client/record-wording';
import { t } from '../lang';
import { sizeVi } from '../uploads';
import { ACCEPTED_FILES, declarationRows } from './documents';
import { layout, noticeOf, refusal, type Frame, type Html } from './layout';
import { scoreSection, type ScoreFormState } from './unit-score';
import { cellIn, cellOf, dueIn, titleIn, when } from './words';

/** Where a unit's page sends its forms: the signed link's own query goes with every path. */
export interface UnitPaths {
  page: string;
  declare: string;
  calendar: string;
  score: string;
  register: string;
  vote: string;
}

export interface UnitForms {
  paths: UnitPaths;
  maxUploadBytes: number;
  error?: string;
  notice?: string;
  values?: Record<string, string>;
  /** The self-score form's refusal and values, apart from the declaration form's. */
  score?: ScoreFormState;
  /** The registration's and the ballot's refusal and values. */
  conference?: { error: string; values: Record<string, string> };
}

/** What a unit can still say it has sent: an item it owes with nothing recorded and no word awaiting an answer. */
const DECLARABLE = new Set(['not-due', 'extended', 'overdue', 'awaiting-date']);

export function unitPage(
  frame: Frame,
  context: {
    view: StatusView;
    schedule: YearSchedule;
    stage: StageView;
    unitId: string;
    declarations: Record<string, Declaration[]>;
    scores: ScoresView | null;
    /** Its registration of titles and the conference's ballot (web/pages/ballot.ts). */
    conference?: Html;
  },
  forms: UnitForms,
): Html {
  const { view, schedule, stage, unitId, declarations, scores } = context;
  // A unit has no account: its page names no one, and switching language comes back to its signed link.
  const own: Frame = { csrf: frame.csrf, lang: frame.lang, here: forms.paths.page, home: forms.paths.page };
  const unit = view.units.find((u) => u.id === unitId);
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const v = forms.values ?? {};
  const mine = view.items.flatMap((i) => {
    const c = cellOf(view, unitId, i.id);
    return c && c.state !== 'not-applicable' ? [{ item: i, cell: c }] : [];
  });
  const rows = mine.map(({ item: i, cell: c }) => {
    const item = planned.get(i.id);
    return html`<tr><th scope="row">${titleIn(own, planned, i)}</th><td>${item ? dueIn(own, item, schedule.timeZone) : i.wording}</td>
      <td class="s-${c.state}">${cellIn(own, c, { schedule, at: view.at })}</td><td>${c.receivedAt ? when(own, c.receivedAt) : '—'}</td><td>${c.reference ?? '—'}</td></tr>`;
  });
  const open = mine.filter(({ item, cell }) => DECLARABLE.has(cell.state) && (item.kind === 'deadline' || item.kind === 'task'));
  const declareForm =
    open.length === 0
      ? html`<p>${t(own, 'Không còn việc nào cần báo.', 'Nothing left to declare.')}</p>`
      : html`<form class="box" method="post" action="${forms.paths.declare}" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="itemId">${t(own, 'Việc', 'Item')}</label>
  <select id="itemId" name="itemId" required>${open.map(({ item }) => html`<option value="${item.id}" ${v.itemId === item.id ? 'selected' : ''}>${titleIn(own, planned, item)}</option>`)}</select>
  <label for="reference">${t(own, 'Số văn bản', 'Reference')}</label>
  <input id="reference" name="reference" required value="${v.reference ?? ''}" placeholder="${t(own, 'ví dụ', 'e.g.')} 45/BC-STP">
  <label for="sentOn">${t(own, 'Ngày gửi', 'Sent on')}</label>
  <input id="sentOn" name="sentOn" type="date" required value="${v.sentOn ?? ''}">
  <label for="by">${t(own, 'Người báo (họ tên, chức vụ)', 'Declared by (name, position)')}</label>
  <input id="by" name="by" value="${v.by ?? ''}">
  <label for="file">${t(own, 'Văn bản đính kèm (PDF hoặc DOCX, tối đa', 'Attached document (PDF or DOCX, at most')} ${sizeVi(forms.maxUploadBytes)})</label>
  <input id="file" name="file" type="file" accept="${ACCEPTED_FILES}">
  <p><button type="submit">${t(own, 'Báo đã gửi', 'Declare sent')}</button></p>
</form>`;
  const history = mine.filter(({ item }) => (declarations[item.id] ?? []).length > 0);
  return layout(
    own,
    `${unit?.name ?? unitId} — ${t(own, 'năm', 'year')} ${view.year}`,
    html`${refusal(own, forms.error)}
${noticeOf(forms.notice)}
<p class="muted">${t(
      own,
      `Các việc của đơn vị trong Kế hoạch thi đua năm ${view.year} của ${view.blocName}, tình hình lúc ${whenVi(view.at)}.
Hồ sơ được ghi nhận khi Thư ký nhận được văn bản; đơn vị báo đã gửi thì thôi nhận thư nhắc việc đó trong khi chờ Thư ký xác nhận.`,
      `The unit's items in the ${view.year} emulation plan of ${view.blocName}, as of ${whenEn(view.at)}.
A submission is recorded when the secretariat receives the document; once the unit declares it sent, it gets no reminders for that item while the secretariat confirms.`,
    )}</p>
<div class="scroll"><table><thead><tr><th scope="col">${t(own, 'Việc', 'Item')}</th><th scope="col">${t(own, 'Hạn', 'Due')}</th><th scope="col">${t(own, 'Tình trạng', 'Status')}</th><th scope="col">${t(own, 'Nhận lúc', 'Received at')}</th><th scope="col">${t(own, 'Số văn bản', 'Reference')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${meetingsOf(own, schedule, stage, unitId, view.at)}
<p><a href="${forms.paths.calendar}" download>${t(own, 'Tải lịch các hạn và cuộc họp về máy (.ics)', 'Download the deadlines and meetings calendar (.ics)')}</a></p>
<h2>${t(own, 'Báo đã gửi văn bản', 'Declare a document sent')}</h2>
${declareForm}
${history.map(({ item }) => html`<h3>${titleIn(own, planned, item)}</h3>${declarationRows(own, declarations[item.id] ?? [])}`)}
${scores ? scoreSection(own, scores, unitId, forms.paths.score, forms.score) : ''}
${context.conference ?? ''}`,
  );
}

/** The events the unit attends (conferences, the sports event, exchanges), with their day once set, and any change. */
function meetingsOf(frame: Frame, schedule: YearSchedule, stage: StageView, unitId: string, at: string): Html | string {
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const events = schedule.items.filter((i) => i.kind === 'event' && i.units.includes(unitId));
  if (events.length === 0) return '';
  const rows = events.map(
    (i) => html`<tr><th scope="row">${titleIn(frame, planned, i)}</th><td>${i.at ? when(frame, i.at) : `${dueIn(frame, i, schedule.timeZone)} ${noInstantIn(frame.lang, i, at)}`}</td><td>${i.location ?? '—'}</td><td>${t(frame, fateVi, fateEn)(i.id, stage) || '—'}</td></tr>`,
  );
  return html`<h2>${t(frame, 'Các cuộc họp, sự kiện của đơn vị', "The unit's meetings and events")}</h2>
<div class="scroll"><table id="unit-meetings"><thead><tr><th scope="col">${t(frame, 'Sự kiện', 'Event')}</th><th scope="col">${t(frame, 'Thời gian', 'When')}</th><th scope="col">${t(frame, 'Địa điểm', 'Where')}</th><th scope="col">${t(frame, 'Ghi chú', 'Note')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
