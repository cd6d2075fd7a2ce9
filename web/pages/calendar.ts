import { html } from 'hono/html';
import type { CalendarResult } from '../../workflows/messages';
import { CHANGE_FIELD_EN, CHANGE_FIELD_VI } from '../../client/schedule-changes';
import { t } from '../lang';
import type { CellForms } from './cell';
import { backToYear, layout, noticeOf, refusal, type Frame, type Html } from './layout';
import { calendarPath } from './paths';
import { stamp } from './words';

export interface CalendarForms extends CellForms {
  /** What the decisions typed would change, before they are applied. */
  preview?: CalendarResult;
}

function changesTable(frame: Frame, result: CalendarResult): Html {
  if (result.changes.length === 0) return html`<p>${t(frame, 'Không hạn, ngày nhắc nào thay đổi.', 'No deadline or reminder day changes.')}</p>`;
  const instants = (list: string[]) => list.map((i) => stamp(frame, i)).join(', ') || '—';
  return html`<div class="scroll"><table id="calendar-changes"><thead><tr><th scope="col">${t(frame, 'Mục', 'Item')}</th><th scope="col">${t(frame, 'Đơn vị', 'Unit')}</th><th scope="col">${t(frame, 'Nội dung', 'What')}</th><th scope="col">${t(frame, 'Trước', 'Before')}</th><th scope="col">${t(frame, 'Sau', 'After')}</th></tr></thead><tbody>
${result.changes.map((c) => html`<tr><td>${c.itemId}</td><td>${c.unitId ?? t(frame, 'mọi đơn vị', 'every unit')}</td><td>${t(frame, CHANGE_FIELD_VI, CHANGE_FIELD_EN)[c.field]}</td><td>${instants(c.before)}</td><td>${instants(c.after)}</td></tr>`)}
</tbody></table></div>`;
}

/**
 * The year's official holiday decisions (Tết, days in lieu, swapped working days), typed in the bloc file's YAML:
 * a preview first, then, separately and on confirmation, the replacement of those in force.
 */
export function calendarPage(frame: Frame, ref: { blocId: string; year: number; example: string }, forms: CalendarForms): Html {
  const action = calendarPath(ref.blocId, ref.year);
  const text = forms.values?.decisions ?? '';
  const csrf = html`<input type="hidden" name="_csrf" value="${frame.csrf}">`;
  const preview = forms.preview;
  const apply =
    preview && forms.canAct
      ? html`<h2>${t(frame, 'Áp dụng', 'Apply')}</h2>
<p id="calendar-moves">${
          preview.moved.length > 0
            ? t(frame, `Sẽ đổi ngày của các mục: ${preview.moved.join(', ')}; các ngày nhắc được tính lại theo lịch mới.`, `The dates of these items will move: ${preview.moved.join(', ')}; reminder days are worked out again by the new calendar.`)
            : t(frame, 'Không mục nào đổi ngày; lịch nghỉ mới thay cho lịch đang dùng.', 'No item changes its date; the new holidays replace those in force.')
        }</p>
<form class="box" method="post" action="${action}/ap-dung">${csrf}
  <input type="hidden" name="decisions" value="${text}">
  <label><input type="checkbox" name="confirm" value="1"> ${t(
    frame,
    `Tôi xác nhận thay lịch nghỉ lễ, Tết của năm ${ref.year} bằng các quyết định trên: các hạn và ngày nhắc tính lại theo đó, không tự trở về như cũ`,
    `I confirm replacing the ${ref.year} holidays with the decisions above: deadlines and reminder days are worked out again by them and do not go back by themselves`,
  )}</label>
  <p><button type="submit">${t(frame, 'Áp dụng', 'Apply')}</button></p>
</form>`
      : '';
  const form = forms.canAct
    ? html`<form class="box wide" method="post" action="${action}/xem-truoc">${csrf}
  <label for="decisions">${t(frame, 'Các quyết định, viết như mục calendar của tệp kế hoạch (YAML)', "The decisions, written as the plan file's calendar section (YAML)")}</label>
  <textarea id="decisions" name="decisions" rows="14" spellcheck="false" placeholder="${ref.example}">${text}</textarea>
  <p><button type="submit">${t(frame, 'Xem trước', 'Preview')}</button></p>
</form>`
    : html`<p>${t(frame, 'Chỉ Thư ký được thay lịch nghỉ của năm.', "Only the secretariat may replace the year's holidays.")}</p>`;
  return layout(
    frame,
    `${t(frame, 'Quyết định nghỉ lễ, Tết — năm', 'Holiday decisions — year')} ${ref.year}`,
    html`${backToYear(frame, ref.blocId, ref.year)}
<p class="muted">${t(
      frame,
      'Lịch nghỉ Tết, nghỉ bù, làm bù theo thông báo của Thủ tướng Chính phủ thay cho các quyết định đang dùng của năm; các hạn rơi vào ngày nghỉ được dời theo.',
      "The Tết holidays, days in lieu and swapped working days announced by the Prime Minister replace the year's decisions in force; deadlines falling on a day off move with them.",
    )}</p>
${refusal(frame, forms.error)}
${noticeOf(forms.notice)}
${form}
${preview ? html`<h2>${t(frame, 'Xem trước', 'Preview')}</h2><p class="muted">${t(frame, 'Chưa có gì thay đổi.', 'Nothing has changed yet.')}</p>${changesTable(frame, preview)}` : ''}
${apply}`,
  );
}
