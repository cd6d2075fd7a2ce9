import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import type { StatusView } from '../../workflows/messages';
import type { Declaration, LogEntry } from '../../workflows/model';
import { t } from '../lang';
import { ACCEPTED_FILES, declarationRows, fileLink } from './documents';
import { backToYear, layout, noticeOf, refusal, type Frame, type Html } from './layout';
import { logTable } from './log-table';
import { cellPath, filePath } from './paths';
import { cellIn, cellOf, titleIn, when } from './words';

export interface CellForms {
  /** The secretariat may record and extend; other roles only read. */
  canAct: boolean;
  /** The unit's own signed page, to send it. */
  unitLink?: string;
  error?: string;
  notice?: string;
  values?: Record<string, string>;
}

export function cellPage(
  frame: Frame,
  context: { view: StatusView; schedule: YearSchedule; unitId: string; itemId: string; log: LogEntry[]; declarations: Declaration[] },
  forms: CellForms,
): Html {
  const { view, schedule, unitId, itemId, declarations } = context;
  const unit = view.units.find((u) => u.id === unitId);
  const item = view.items.find((i) => i.id === itemId);
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const cell = cellOf(view, unitId, itemId);
  const action = cellPath(view.blocId, view.year, unitId, itemId);
  const v = forms.values ?? {};
  const entries = context.log.filter((e) => e.addressee === unitId && e.notices.some((n) => n.itemId === itemId));
  const pending = declarations.at(-1)?.review ? undefined : declarations.at(-1);
  const review =
    forms.canAct && pending
      ? html`<h2>${t(frame, 'Xác nhận báo gửi của đơn vị', "Confirm the unit's declaration")}</h2>
<form class="box" method="post" action="${action}/xac-nhan">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="confirmReceivedAt">${t(frame, 'Thời điểm nhận văn bản (để trống: lúc đơn vị báo)', 'Received at (empty: when the unit declared)')}</label>
  <input id="confirmReceivedAt" name="receivedAt" type="datetime-local" value="${v.receivedAt ?? ''}">
  <p><button type="submit">${t(frame, 'Xác nhận đã nhận', 'Confirm received')}</button></p>
</form>
<form class="box" method="post" action="${action}/tu-choi">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="rejectReason">${t(frame, 'Lý do không xác nhận (đơn vị sẽ thấy)', 'Why not confirmed (the unit will see it)')}</label>
  <input id="rejectReason" name="reason" required value="${v.reason ?? ''}">
  <p><button type="submit">${t(frame, 'Không xác nhận', 'Do not confirm')}</button></p>
</form>`
      : '';
  // While a declaration waits, confirming it is how the submission is recorded: one act, one receipt time.
  const record = pending
    ? html`<p class="muted" id="record-by-confirming">${t(frame, 'Đơn vị đã báo gửi: ghi nhận hồ sơ bằng cách xác nhận hoặc không xác nhận lời báo ở trên.', 'The unit has declared: record the submission by confirming the declaration above, or not.')}</p>`
    : html`<h2>${t(frame, 'Ghi nhận hồ sơ đã nhận', 'Record a submission received')}</h2>
<form class="box" method="post" action="${action}/nop" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="reference">${t(frame, 'Số văn bản', 'Reference')}</label>
  <input id="reference" name="reference" value="${v.reference ?? ''}" placeholder="${t(frame, 'ví dụ', 'e.g.')} 45/BC-STP">
  <label for="receivedAt">${t(frame, 'Thời điểm nhận (để trống: bây giờ)', 'Received at (empty: now)')}</label>
  <input id="receivedAt" name="receivedAt" type="datetime-local" value="${v.receivedAt ?? ''}">
  <label for="file">${t(frame, 'Văn bản (PDF hoặc DOCX, không bắt buộc)', 'Document (PDF or DOCX, optional)')}</label>
  <input id="file" name="file" type="file" accept="${ACCEPTED_FILES}">
  <p><button type="submit">${t(frame, 'Ghi nhận', 'Record')}</button></p>
</form>`;
  const applies = cell !== undefined && cell.state !== 'not-applicable';
  const actions = !forms.canAct
    ? ''
    : !applies
      ? html`<p id="not-applicable">${t(frame, 'Đơn vị này không phải nộp mục này: không có gì để ghi nhận hay gia hạn.', 'This unit does not submit this item: there is nothing to record or extend.')}</p>`
      : html`${review}${record}
<h2>${t(frame, 'Gia hạn', 'Extend')}</h2>
<form class="box" method="post" action="${action}/gia-han">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="until">${t(frame, 'Đến hết ngày', 'Until the end of')}</label>
  <input id="until" name="until" type="date" required value="${v.until ?? ''}">
  <label for="reason">${t(frame, 'Lý do', 'Reason')}</label>
  <input id="reason" name="reason" value="${v.reason ?? ''}">
  <p><button type="submit">${t(frame, 'Gia hạn', 'Extend')}</button></p>
</form>
<h2>${t(frame, 'Địa chỉ email của đơn vị', "The unit's email addresses")}</h2>
<form class="box" method="post" action="${action}/dia-chi">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="emails">${t(frame, 'Địa chỉ nhận (mỗi địa chỉ một dòng)', 'Addresses (one a line)')}</label>
  <textarea id="emails" name="emails" rows="2" required>${v.emails ?? unit?.emails.join('\n') ?? ''}</textarea>
  <label for="cc">${t(frame, 'Đồng gửi', 'Cc')}</label>
  <textarea id="cc" name="cc" rows="2">${v.cc ?? unit?.cc.join('\n') ?? ''}</textarea>
  <p><button type="submit">${t(frame, 'Lưu địa chỉ', 'Save addresses')}</button></p>
</form>`;
  return layout(
    frame,
    `${unit?.name ?? unitId} — ${item ? titleIn(frame, planned, item) : itemId}`,
    html`${backToYear(frame, view.blocId, view.year)}
${refusal(frame, forms.error)}
${noticeOf(forms.notice)}
<table><tbody>
<tr><th scope="row">${t(frame, 'Tình trạng', 'Status')}</th><td class="s-${cell?.state ?? 'not-applicable'}" id="cell-state">${cell ? cellIn(frame, cell, { schedule, at: view.at }) : '—'}</td></tr>
<tr><th scope="row">${t(frame, 'Hạn', 'Due')}</th><td>${cell?.dueAt ? when(frame, cell.dueAt) : (item?.wording ?? '—')}</td></tr>
<tr><th scope="row">${t(frame, 'Nhận lúc', 'Received at')}</th><td>${cell?.receivedAt ? when(frame, cell.receivedAt) : '—'}</td></tr>
<tr><th scope="row">${t(frame, 'Số văn bản', 'Reference')}</th><td>${cell?.reference ?? '—'}</td></tr>
<tr><th scope="row">${t(frame, 'Văn bản', 'Document')}</th><td>${fileLink(cell?.file && filePath(view.blocId, view.year, cell.file), cell?.file)}</td></tr>
</tbody></table>
${declarations.length > 0 ? html`<h2>${t(frame, 'Đơn vị báo đã gửi', 'The unit says it sent')}</h2>${declarationRows(frame, declarations, (f) => filePath(view.blocId, view.year, f))}` : ''}
<h2>${t(frame, 'Thư nhắc đã gửi', 'Reminders sent')}</h2>
${entries.length === 0 ? html`<p>${t(frame, 'Chưa gửi thư nào cho đơn vị về mục này.', 'No message sent to the unit about this item yet.')}</p>` : logTable(frame, entries)}
${forms.unitLink ? html`<h2>${t(frame, 'Trang riêng của đơn vị', "The unit's own page")}</h2><p>${t(frame, 'Đơn vị xem các hạn của mình tại:', 'The unit sees its deadlines at:')} <a href="${forms.unitLink}" id="unit-link">${forms.unitLink}</a></p>` : ''}
${actions}`,
  );
}
