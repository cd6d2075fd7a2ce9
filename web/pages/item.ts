import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import { kindVi } from '../../calendar/wording';
import { titleOf } from '../../activities/mail/templates/words';
import type { StageView, StatusView } from '../../workflows/messages';
import { termsOf } from '../../client/cell-wording';
import { fateEn, fateVi } from '../../client/record-wording';
import { t } from '../lang';
import type { CellForms } from './cell';
import { backToYear, layout, noticeOf, refusal, type Frame, type Html } from './layout';
import { itemPath } from './paths';
import { dueIn, KIND_EN } from './words';

/** An item of the year: its date and fate, and the secretariat's forms to set or move its date, cancel or restore it. */
export function itemPage(
  frame: Frame,
  context: { view: StatusView; schedule: YearSchedule; stage: StageView; itemId: string },
  forms: CellForms,
): Html {
  const { view, schedule, stage, itemId } = context;
  const item = schedule.items.find((i) => i.id === itemId);
  const action = itemPath(view.blocId, view.year, itemId);
  const v = forms.values ?? {};
  const cancelled = stage.cancelled.some((c) => c.itemId === itemId);
  const csrf = html`<input type="hidden" name="_csrf" value="${frame.csrf}">`;
  const actions = !forms.canAct
    ? ''
    : cancelled
      ? html`<h2>${t(frame, 'Khôi phục', 'Restore')}</h2><form class="box" method="post" action="${action}/khoi-phuc">${csrf}<p><button type="submit">${t(frame, 'Khôi phục mục này', 'Restore this item')}</button></p></form>`
      : html`<h2>${t(frame, 'Ấn định hoặc dời ngày', 'Set or move the date')}</h2>
<form class="box" method="post" action="${action}/doi-ngay">${csrf}
  <label for="date">${t(frame, 'Ngày', 'Date')}</label><input id="date" name="date" type="date" required value="${v.date ?? ''}">
  <label for="time">${t(frame, 'Giờ (cho sự kiện)', 'Time (for an event)')}</label><input id="time" name="time" type="time" value="${v.time ?? ''}">
  <label><input type="checkbox" name="allowPast" value="1" ${v.allowPast === '1' ? 'checked' : ''}> ${t(frame, 'Ghi nhận ngày đã qua của một sự kiện (không gửi thư)', "Record an event's past date (no mail sent)")}</label>
  <p><button type="submit">${t(frame, 'Lưu ngày', 'Save the date')}</button></p>
</form>
<h2>${t(frame, 'Hủy mục', 'Cancel the item')}</h2>
<form class="box" method="post" action="${action}/huy">${csrf}
  <label for="reason">${t(frame, 'Lý do', 'Reason')}</label><input id="reason" name="reason" value="${v.reason ?? ''}">
  <label><input type="checkbox" name="confirm" value="1"> ${t(
    frame,
    'Tôi xác nhận hủy: không còn nhắc hạn, mời họp hay đôn đốc mục này; hồ sơ đã nhận vẫn giữ',
    'I confirm the cancellation: no more reminders, invitations or follow-ups for this item; submissions received are kept',
  )}</label>
  <p><button type="submit">${t(frame, 'Hủy mục', 'Cancel the item')}</button></p>
</form>`;
  const handover = forms.canAct && item?.kind === 'handover' && stage.stage !== 'handed-over' ? handoverForm(frame, context, action) : '';
  return layout(
    frame,
    item ? titleOf(item, frame.lang) : itemId,
    html`${backToYear(frame, view.blocId, view.year)}
${refusal(frame, forms.error)}
${noticeOf(forms.notice)}
<table><tbody>
<tr><th scope="row">${t(frame, 'Loại', 'Kind')}</th><td>${item ? t(frame, kindVi(item.kind), KIND_EN[item.kind]) : '—'}</td></tr>
<tr><th scope="row">${t(frame, 'Ngày, hạn', 'Date, deadline')}</th><td id="item-due">${item ? dueIn(frame, item, schedule.timeZone) : '—'}</td></tr>
<tr><th scope="row">${t(frame, 'Ghi chú', 'Note')}</th><td id="item-fate">${t(frame, fateVi, fateEn)(itemId, stage) || '—'}</td></tr>
</tbody></table>
${handover}
${actions}`,
  );
}

/** Handing over now, with what it will change said before it is confirmed: it cannot be undone. */
function handoverForm(frame: Frame, context: { view: StatusView; schedule: YearSchedule; stage: StageView }, action: string): Html {
  const { view, schedule, stage } = context;
  const name = (id: string) => view.units.find((u) => u.id === id)?.name ?? id;
  const terms = termsOf(schedule);
  return html`<h2>${t(frame, 'Chuyển giao ngay', 'Hand over now')}</h2>
<form class="box" method="post" action="${action}/chuyen-giao"><input type="hidden" name="_csrf" value="${frame.csrf}">
  <p id="handover-effect">${t(
    frame,
    `${terms.vi.leader} năm ${stage.nextYear}: ${name(stage.next.leader)}; ${terms.vi.deputy}: ${name(stage.next.deputy)}. Hệ thống thông báo đến mọi đơn vị và bắt đầu năm ${stage.nextYear}; không gửi thêm thư nhắc của năm ${view.year}, nhưng năm vẫn nhận hồ sơ nộp muộn. Không thể hoàn tác.`,
    `${terms.en.leader} for ${stage.nextYear}: ${name(stage.next.leader)}; ${terms.en.deputy}: ${name(stage.next.deputy)}. Every unit is told and ${stage.nextYear} begins; no more reminders for ${view.year}, though late records are still taken. This cannot be undone.`,
  )}</p>
  <label><input type="checkbox" name="confirm" value="1"> ${t(frame, 'Tôi xác nhận chuyển giao ngay', 'I confirm the handover now')}</label>
  <p><button type="submit">${t(frame, 'Chuyển giao', 'Hand over')}</button></p>
</form>`;
}
