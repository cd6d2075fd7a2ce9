/**
 * The year's record as the secretariat shows it when asked "was this unit told?": every message the engine
 * sent (the reminder log, the digests among it), the year's dates as they now stand, and the units' declarations
 * still waiting for an answer. Read-only pages, over the same queries as `bloc log`, `bloc timeline` and
 * `bloc declarations`.
 */
import { html } from 'hono/html';
import type { YearSchedule } from '../calendar/schedule';
import { dueVi, kindVi } from '../calendar/wording';
import { noInstantVi, stampVi, whenVi } from '../client/cell-wording';
import { deliveryVi, fateVi } from '../client/commands/bloc-records';
import { sentOnVi } from '../client/declaration-wording';
import type { StageView, StatusView } from '../workflows/messages';
import type { Declaration, LogEntry } from '../workflows/model';
import { cellPath, layout, yearPath, type Frame } from './pages';

const KIND_VI: Record<string, string> = {
  reminder: 'nhắc hạn',
  taskReminder: 'nhắc việc',
  followUp: 'đôn đốc',
  invitation: 'giấy mời',
  digest: 'tổng hợp',
  handover: 'chuyển giao',
  scoring: 'chấm điểm',
};

export function logPath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/nhat-ky`;
}

export function timelinePath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/lich`;
}

export function pendingPath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/cho-xac-nhan`;
}

/** Who a message went to, in words: a unit by its name, the digest to the leader and the secretariat. */
function addresseeVi(entry: LogEntry, names: Map<string, string>): string {
  if (entry.addressee === 'digest') return 'Thư tổng hợp (Khối trưởng, Thư ký)';
  const handover = /^handover:(.+)$/.exec(entry.addressee)?.[1];
  if (handover) return `Thông báo chuyển giao: ${names.get(handover) ?? handover}`;
  return names.get(entry.addressee) ?? entry.addressee;
}

export interface LogFilter {
  /** Only the digests. */
  digests: boolean;
  unitId?: string;
}

export function logPage(frame: Frame, context: { view: StatusView; log: LogEntry[] }, filter: LogFilter): ReturnType<typeof layout> {
  const { view } = context;
  const names = new Map(view.units.map((u) => [u.id, u.name]));
  const titles = new Map(view.items.map((i) => [i.id, i.title]));
  const shown = context.log
    .filter((e) => (!filter.digests || e.addressee === 'digest') && (!filter.unitId || e.addressee === filter.unitId))
    .sort((a, b) => Date.parse(b.plannedAt) - Date.parse(a.plannedAt));
  const base = logPath(view.blocId, view.year);
  const rows = shown.map(
    (e) => html`<tr><td>${stampVi(e.plannedAt)}</td><td>${e.status === 'sending' ? '—' : stampVi(e.acceptedAt ?? e.sentAt)}</td>
      <td>${addresseeVi(e, names)}<br><small class="muted">${e.to.join(', ')}</small></td>
      <td>${[...new Set(e.notices.map((n) => `${titles.get(n.itemId) ?? n.itemId} (${KIND_VI[n.kind] ?? n.kind})`))].join('; ')}</td>
      <td><small>${e.messageId ?? '—'}</small></td><td>${deliveryVi(e)}</td></tr>`,
  );
  const unitOptions = view.units.map((u) => html`<option value="${u.id}" ${u.id === filter.unitId ? 'selected' : ''}>${u.name}</option>`);
  return layout(
    frame,
    `Nhật ký thư — ${view.blocId}, năm ${view.year}`,
    html`<p><a href="${yearPath(view.blocId, view.year)}">← Bảng tình hình năm ${view.year}</a></p>
<p class="muted">Mỗi thư hệ thống đã gửi, mới nhất trước: dự kiến gửi lúc, máy chủ thư nhận lúc, gửi đến, nội dung và kết quả. Đây là bằng chứng đơn vị đã được nhắc.</p>
<form class="filters" method="get" action="${base}">
  <label for="don-vi">Đơn vị</label>
  <select id="don-vi" name="don-vi"><option value="">Tất cả</option>${unitOptions}</select>
  <label><input type="checkbox" name="tong-hop" value="1" ${filter.digests ? 'checked' : ''}> Chỉ thư tổng hợp</label>
  <button type="submit">Lọc</button>
</form>
${shown.length === 0
  ? html`<p>Chưa có thư nào.</p>`
  : html`<div class="scroll"><table id="log"><thead><tr><th scope="col">Dự kiến</th><th scope="col">Gửi lúc</th><th scope="col">Gửi đến</th><th scope="col">Nội dung</th><th scope="col">Message-ID</th><th scope="col">Kết quả</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}`,
  );
}

export function timelinePage(frame: Frame, context: { blocId: string; year: number; schedule: YearSchedule; stage: StageView; at: string }): ReturnType<typeof layout> {
  const { schedule, stage } = context;
  const rows = schedule.items.map(
    (i) => html`<tr><td>${kindVi(i.kind)}</td><th scope="row">${i.title}</th><td>${dueVi(i, schedule.timeZone)}</td>
      <td>${i.at ? whenVi(i.at) : noInstantVi(i, context.at)}</td><td>${fateVi(i.id, stage) || '—'}</td></tr>`,
  );
  return layout(
    frame,
    `Lịch năm ${context.year} — ${context.blocId}`,
    html`<p><a href="${yearPath(context.blocId, context.year)}">← Bảng tình hình năm ${context.year}</a></p>
<p class="muted">Các mốc của năm như đang áp dụng, sau mọi lần gia hạn, dời ngày, hủy và thay lịch nghỉ.</p>
<div class="scroll"><table id="timeline"><thead><tr><th scope="col">Loại</th><th scope="col">Việc</th><th scope="col">Hạn theo kế hoạch</th><th scope="col">Thời điểm</th><th scope="col">Ghi chú</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
  );
}

/** Declarations awaiting the secretariat, oldest first: each links to its cell, where it is confirmed or rejected. */
export function pendingPage(frame: Frame, context: { view: StatusView; declarations: Record<string, Record<string, Declaration[]>> }): ReturnType<typeof layout> {
  const { view } = context;
  const names = new Map(view.units.map((u) => [u.id, u.name]));
  const titles = new Map(view.items.map((i) => [i.id, i.title]));
  const waiting = Object.entries(context.declarations)
    .flatMap(([itemId, byUnit]) => Object.entries(byUnit).flatMap(([unitId, list]) => {
      const last = list.at(-1);
      return last && !last.review ? [{ itemId, unitId, d: last }] : [];
    }))
    .sort((a, b) => Date.parse(a.d.declaredAt) - Date.parse(b.d.declaredAt));
  const rows = waiting.map(
    ({ itemId, unitId, d }) => html`<tr><th scope="row"><a href="${cellPath(view.blocId, view.year, unitId, itemId)}">${names.get(unitId) ?? unitId}</a></th>
      <td>${titles.get(itemId) ?? itemId}</td><td>${stampVi(d.declaredAt)}</td><td>${sentOnVi(d.sentOn)}</td><td>${d.reference}</td><td>${d.file ? d.file.name : '—'}</td></tr>`,
  );
  return layout(
    frame,
    `Đơn vị báo đã gửi, chờ xác nhận — năm ${view.year}`,
    html`<p><a href="${yearPath(view.blocId, view.year)}">← Bảng tình hình năm ${view.year}</a></p>
${waiting.length === 0
  ? html`<p>Không có lời báo nào chờ xác nhận.</p>`
  : html`<p class="muted">Bấm tên đơn vị để xem văn bản và xác nhận hoặc không xác nhận. Trong khi chờ, đơn vị không nhận thư nhắc việc đó.</p>
<div class="scroll"><table id="pending"><thead><tr><th scope="col">Đơn vị</th><th scope="col">Việc</th><th scope="col">Báo lúc</th><th scope="col">Ngày gửi</th><th scope="col">Số văn bản</th><th scope="col">Tệp</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}`,
  );
}
