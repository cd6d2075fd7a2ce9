/**
 * The year's record as the secretariat shows it when asked "was this unit told?": every message the engine
 * sent (the reminder log, the digests among it), the year's dates as they now stand, and the units' declarations
 * still waiting for an answer. Read-only pages, over the same queries as `bloc log`, `bloc timeline` and
 * `bloc declarations`.
 */
import { html } from 'hono/html';
import type { YearSchedule } from '../calendar/schedule';
import { sentOnEn, sentOnVi } from '../client/declaration-wording';
import type { StageView, StatusView } from '../workflows/messages';
import type { Declaration, LogEntry } from '../workflows/model';
import { t } from './lang';
import { backToYear, cellPath, layout, logTable, stamp, titleIn, yearPath, type Frame } from './pages';
import { itemsTable } from './year-items-section';

export interface LogFilter {
  /** Only the digests. */
  digests: boolean;
  unitId?: string;
}

type YearContext = { view: StatusView; schedule: YearSchedule };

function titlesOf(frame: Frame, { schedule }: YearContext): Map<string, string> {
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  return new Map(schedule.items.map((i) => [i.id, titleIn(frame, planned, i)] as const));
}

export function logPage(frame: Frame, context: YearContext & { log: LogEntry[] }, filter: LogFilter): ReturnType<typeof layout> {
  const { view } = context;
  const shown = context.log
    .filter((e) => (!filter.digests || e.addressee === 'digest') && (!filter.unitId || e.addressee === filter.unitId))
    .sort((a, b) => Date.parse(b.plannedAt) - Date.parse(a.plannedAt));
  const unitOptions = view.units.map((u) => html`<option value="${u.id}" ${u.id === filter.unitId ? 'selected' : ''}>${u.name}</option>`);
  const names = new Map(view.units.map((u) => [u.id, u.name]));
  return layout(
    frame,
    `${t(frame, 'Nhật ký thư', 'Reminder log')} — ${view.blocName}, ${t(frame, 'năm', 'year')} ${view.year}`,
    html`${backToYear(frame, view.blocId, view.year)}
<p class="muted">${t(
      frame,
      'Mỗi thư hệ thống đã gửi, mới nhất trước: dự kiến gửi lúc, máy chủ thư nhận lúc, gửi đến, nội dung và kết quả. Đây là bằng chứng đơn vị đã được nhắc.',
      'Every message the engine sent, newest first: when it was planned, when the mail server accepted it, to whom, about what, and how it went. It is the record that a unit was told.',
    )}</p>
<form class="filters" method="get" action="${yearPath(view.blocId, view.year)}/nhat-ky">
  <label for="don-vi">${t(frame, 'Đơn vị', 'Unit')}</label>
  <select id="don-vi" name="don-vi"><option value="">${t(frame, 'Tất cả', 'All')}</option>${unitOptions}</select>
  <label><input type="checkbox" name="tong-hop" value="1" ${filter.digests ? 'checked' : ''}> ${t(frame, 'Chỉ thư tổng hợp', 'Digests only')}</label>
  <button type="submit">${t(frame, 'Lọc', 'Filter')}</button>
</form>
${shown.length === 0 ? html`<p>${t(frame, 'Chưa có thư nào.', 'No message yet.')}</p>` : logTable(frame, shown, { names, titles: titlesOf(frame, context) })}`,
  );
}

export function timelinePage(frame: Frame, context: { blocId: string; year: number; schedule: YearSchedule; stage: StageView; at: string }): ReturnType<typeof layout> {
  const { schedule, stage } = context;
  return layout(
    frame,
    `${t(frame, 'Lịch năm', 'The dates of')} ${context.year} — ${context.blocId}`,
    html`${backToYear(frame, context.blocId, context.year)}
<p class="muted">${t(frame, 'Các mốc của năm như đang áp dụng, sau mọi lần gia hạn, dời ngày, hủy và thay lịch nghỉ.', 'The year’s dates as they stand, after every extension, move, cancellation and calendar change.')}</p>
${itemsTable(frame, context, schedule, stage, schedule.items, context.at, 'timeline')}`,
  );
}

/** Declarations awaiting the secretariat, oldest first: each links to its cell, where it is confirmed or rejected. */
export function pendingPage(frame: Frame, context: YearContext & { declarations: Record<string, Record<string, Declaration[]>> }): ReturnType<typeof layout> {
  const { view } = context;
  const names = new Map(view.units.map((u) => [u.id, u.name]));
  const titles = titlesOf(frame, context);
  const waiting = Object.entries(context.declarations)
    .flatMap(([itemId, byUnit]) =>
      Object.entries(byUnit).flatMap(([unitId, list]) => {
        const last = list.at(-1);
        return last && !last.review ? [{ itemId, unitId, d: last }] : [];
      }),
    )
    .sort((a, b) => Date.parse(a.d.declaredAt) - Date.parse(b.d.declaredAt));
  const rows = waiting.map(
    ({ itemId, unitId, d }) => html`<tr><th scope="row"><a href="${cellPath(view.blocId, view.year, unitId, itemId)}">${names.get(unitId) ?? unitId}</a></th>
      <td>${titles.get(itemId) ?? itemId}</td><td>${stamp(frame, d.declaredAt)}</td><td>${t(frame, sentOnVi, sentOnEn)(d.sentOn)}</td><td>${d.reference}</td><td>${d.file ? d.file.name : '—'}</td></tr>`,
  );
  return layout(
    frame,
    `${t(frame, 'Đơn vị báo đã gửi, chờ xác nhận', 'Declarations awaiting an answer')} — ${view.year}`,
    html`${backToYear(frame, view.blocId, view.year)}
${waiting.length === 0
  ? html`<p>${t(frame, 'Không có lời báo nào chờ xác nhận.', 'No declaration awaits an answer.')}</p>`
  : html`<p class="muted">${t(
      frame,
      'Bấm tên đơn vị để xem văn bản và xác nhận hoặc không xác nhận. Trong khi chờ, đơn vị không nhận thư nhắc việc đó.',
      'Open a unit to see its document and confirm or reject it. While it waits, the unit gets no reminder about that item.',
    )}</p>
<div class="scroll"><table id="pending"><thead><tr><th scope="col">${t(frame, 'Đơn vị', 'Unit')}</th><th scope="col">${t(frame, 'Việc', 'Item')}</th><th scope="col">${t(frame, 'Báo lúc', 'Declared at')}</th><th scope="col">${t(frame, 'Ngày gửi', 'Sent on')}</th><th scope="col">${t(frame, 'Số văn bản', 'Document number')}</th><th scope="col">${t(frame, 'Tệp', 'File')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}`,
  );
}
