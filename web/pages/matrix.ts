import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import type { StageView, StatusView } from '../../workflows/messages';
import { whenEn, whenVi } from '../../client/cell-wording';
import { nextSteps } from '../../client/next-steps';
import { t, type Lang } from '../lang';
import { layout, type Frame, type Html } from './layout';
import { calendarPath, cellPath, itemPath, LIVE_PATH, yearPath } from './paths';
import { cellIn, cellOf, dueShortIn, shortIn, titleIn } from './words';
import { nextStepsSection, otherItemsTable } from './year-items';

export interface MatrixFilter {
  onlyOverdue: boolean;
  itemId?: string;
  /** The instant the matrix is judged at, when not now (ISO, as given). */
  at?: string;
}

/** The matrix's page: the header names its reader and carries their form token; the body is the same for all. */
export function matrixPage(frame: Frame, view: StatusView, body: Html): Html {
  return layout(frame, `${view.blocName} — ${t(frame, 'năm', 'year')} ${view.year}`, body);
}

/**
 * What the matrix shows, given the reader's language alone — never their account or form token — so that the
 * console may render it once for every reader of a view (web/console/matrix-routes.ts). `liveMs`: how often
 * the page fetches itself to show what changed since.
 */
export function matrixBody(lang: Lang, view: StatusView, schedule: YearSchedule, stage: StageView, filter: MatrixFilter, liveMs: number): Html {
  const frame: Frame = { lang, csrf: '', here: '' };
  const items = view.items.filter((i) => !filter.itemId || i.id === filter.itemId);
  const units = view.units.filter((u) => !filter.onlyOverdue || items.some((i) => cellOf(view, u.id, i.id)?.state === 'overdue'));
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const head = items.map((i) => {
    const item = planned.get(i.id);
    // When, in a few words ("hạn 14/6/2049", "Quý II/2049"): the plan's wording and the hour are on the item's page.
    return html`<th scope="col"><a href="${itemPath(view.blocId, view.year, i.id)}" title="${titleIn(frame, planned, i)}">${shortIn(frame, planned, i)}</a><small>${item ? dueShortIn(frame, item) : i.wording}</small></th>`;
  });
  const rows = units.map(
    (u) => html`<tr><th scope="row">${u.name}</th>${items.map((i) => {
      const c = cellOf(view, u.id, i.id);
      // A unit that does not submit the item has nothing to open there.
      if (!c || c.state === 'not-applicable') return html`<td class="s-not-applicable">—</td>`;
      const words = cellIn(frame, c, { schedule, at: view.at });
      // A window without its day says so in its column's heading: the cell says it briefly, the rest on hover.
      const shown = c.state === 'awaiting-date' ? t(frame, 'chưa có ngày', 'no day yet') : words;
      return html`<td class="s-${c.state}" data-unit="${u.id}" data-item="${i.id}"><a href="${cellPath(view.blocId, view.year, u.id, i.id)}" title="${words}">${shown}</a></td>`;
    })}</tr>`,
  );
  const options = view.items.map((i) => html`<option value="${i.id}" ${i.id === filter.itemId ? 'selected' : ''}>${shortIn(frame, planned, i)}</option>`);
  const base = yearPath(view.blocId, view.year);
  const at = filter.at ? `?luc=${encodeURIComponent(filter.at)}` : '';
  return html`${nextStepsSection(frame, view, schedule, nextSteps(schedule, stage, view.at))}
<form class="filters" method="get" action="${base}">
  ${filter.at ? html`<input type="hidden" name="luc" value="${filter.at}">` : ''}
  <label><input type="checkbox" name="qua-han" value="1" ${filter.onlyOverdue ? 'checked' : ''}> ${t(frame, 'Chỉ đơn vị quá hạn', 'Overdue units only')}</label>
  <label for="muc">${t(frame, 'Mục', 'Item')}</label>
  <select id="muc" name="muc"><option value="">${t(frame, 'Tất cả các mục', 'All items')}</option>${options}</select>
  <button type="submit">${t(frame, 'Lọc', 'Filter')}</button>
  <a href="${base}/tai-ve.csv${at}">${t(frame, 'Tải về CSV', 'Download CSV')}</a>
  <a href="${base}/danh-gia.xlsx${at}">${t(frame, 'Tải về bảng đánh giá (.xlsx)', 'Download the evaluation workbook (.xlsx)')}</a>
  <a href="${calendarPath(view.blocId, view.year)}">${t(frame, 'Quyết định nghỉ lễ, Tết', 'Holiday decisions')}</a>
</form>
<p class="filters"><a href="${base}/nhat-ky">${t(frame, 'Nhật ký thư', 'Reminder log')}</a>
  <a href="${base}/lich">${t(frame, 'Lịch năm', 'The year’s dates')}</a>
  <a href="${base}/cho-xac-nhan" id="pending-count">${t(frame, 'Đơn vị báo đã gửi, chờ xác nhận', 'Declarations awaiting an answer')}: ${view.cells.filter((c) => c.state === 'declared').length}</a>
  <a href="${base}/bien-ban.docx">${t(frame, 'Biên bản hội nghị (.docx)', 'Conference minutes (.docx)')}</a>
  <a href="${base}/to-trinh.docx">${t(frame, 'Tờ trình khen thưởng (.docx)', 'Reward proposal (.docx)')}</a>
  <a href="${base}/bo-phieu">${t(frame, 'Đăng ký và bỏ phiếu bình xét', 'Registration and ballot')}</a></p>
<div data-live data-live-ms="${liveMs}"><p class="muted">${t(
      frame,
      `Tình hình lúc ${whenVi(view.at)}; trang tự cập nhật. Bấm vào một ô để xem lịch sử và ghi nhận hồ sơ.`,
      `Status at ${whenEn(view.at)}; the page updates itself. Click a cell to see its history and record a submission.`,
    )}</p>
<div class="scroll"><table class="matrix"><thead><tr><th scope="col">${t(frame, 'Đơn vị', 'Unit')}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
${units.length === 0 ? html`<p>${t(frame, 'Không có đơn vị nào quá hạn.', 'No unit is overdue.')}</p>` : ''}</div>
${otherItemsTable(frame, view, schedule, stage, new Set(view.items.map((i) => i.id)), view.at)}
<script src="${LIVE_PATH}" defer></script>`;
}
