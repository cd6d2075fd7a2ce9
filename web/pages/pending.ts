/** The units' declarations still waiting for an answer: read-only, over the same query as `bloc declarations`. */
import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import { sentOnEn, sentOnVi } from '../../client/declaration-wording';
import type { StatusView } from '../../workflows/messages';
import type { Declaration } from '../../workflows/model';
import { t } from '../lang';
import { backToYear, layout, type Frame } from './layout';
import { cellPath } from './paths';
import { stamp, titlesOf } from './words';

/** Declarations awaiting the secretariat, oldest first: each links to its cell, where it is confirmed or rejected. */
export function pendingPage(frame: Frame, context: { view: StatusView; schedule: YearSchedule; declarations: Record<string, Record<string, Declaration[]>> }): ReturnType<typeof layout> {
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

