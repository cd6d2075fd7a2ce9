/**
 * The year's record as the secretariat shows it when asked "was this unit told?": every message the engine
 * sent, the digests among it. Read-only, over the same query as `bloc log`.
 */
import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import type { StatusView } from '../../workflows/messages';
import type { LogEntry } from '../../workflows/model';
import { t } from '../lang';
import { backToYear, layout, type Frame } from './layout';
import { logTable } from './log-table';
import { yearPath } from './paths';
import { titlesOf } from './words';

export interface LogFilter {
  /** Only the digests. */
  digests: boolean;
  unitId?: string;
}

export function logPage(frame: Frame, context: { view: StatusView; schedule: YearSchedule; log: LogEntry[] }, filter: LogFilter): ReturnType<typeof layout> {
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
