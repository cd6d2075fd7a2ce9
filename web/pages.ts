/**
 * The console's pages, server-rendered with hono's `html` helper: every interpolated string is escaped,
 * so a unit's name or a document number written with markup shows as text.
 */
import { html } from 'hono/html';
import { DateTime } from 'luxon';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { YearSchedule } from '../calendar/schedule';
import { dueVi, kindVi } from '../calendar/wording';
import type { CalendarResult, ScoresView, StageView, StatusView } from '../workflows/messages';
import type { Declaration, LogEntry, StoredFile } from '../workflows/model';
import type { Cell } from '../workflows/status';
import { cellVi, stampVi, whenVi } from '../client/cell-wording';
import { deliveryVi, fateVi } from '../client/commands/bloc-records';
import { declarationFateVi, sentOnVi } from '../client/declaration-wording';
import { CHANGE_FIELD_VI } from '../client/schedule-changes';
import type { ListedBlocYear } from '../client/commands/bloc-overdue';
import type { YearStage } from '../client/year-stages';
import { BLOC_ZONE } from '../client/options';
import { ROLE_VI, type Account } from './accounts';
import { sizeVi } from './uploads';
import { scoreSection, type ScoreFormState } from './unit-score-page';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Frame {
  account?: Account;
  csrf: string;
}

export const STYLE_PATH = '/tai-nguyen/style.css';
export const LIVE_PATH = '/tai-nguyen/live.js';

export function yearPath(blocId: string, year: number): string {
  return `/khoi/${encodeURIComponent(blocId)}/${year}`;
}

export function itemPath(blocId: string, year: number, itemId: string): string {
  return `${yearPath(blocId, year)}/muc/${encodeURIComponent(itemId)}`;
}

export function cellPath(blocId: string, year: number, unitId: string, itemId: string): string {
  return `${yearPath(blocId, year)}/o/${encodeURIComponent(unitId)}/${encodeURIComponent(itemId)}`;
}

export function layout(frame: Frame, title: string, body: Html): Html {
  const who = frame.account
    ? html`<div class="who"><span>${frame.account.name} (${ROLE_VI[frame.account.role]})</span>
        <form class="inline" method="post" action="/dang-xuat"><input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">Đăng xuất</button></form></div>`
    : '';
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Khối thi đua</title>
<link rel="stylesheet" href="${STYLE_PATH}">
</head>
<body>
<header><a href="/"><strong>Khối thi đua</strong></a><span>Theo dõi hạn nộp</span>${who}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** `next`: the page asked for before signing in, where the sign-in leads. */
export function signInPage(frame: Frame, next: string | undefined, error?: string, name = ''): Html {
  const action = next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap';
  return layout(
    frame,
    'Đăng nhập',
    html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="box" method="post" action="${action}">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="name">Tên tài khoản</label>
  <input id="name" name="name" autocomplete="username" required value="${name}">
  <label for="password">Mật khẩu</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">Đăng nhập</button></p>
</form>`,
  );
}

export function messagePage(frame: Frame, title: string, message: string): Html {
  return layout(frame, title, html`<p class="error" role="alert">${message}</p><p><a href="/">Về trang chính</a></p>`);
}

/** Visibility gives instants as dates; the bloc reads them in its own zone. */
function localStamp(date: Date): string {
  return stampVi(DateTime.fromJSDate(date, { zone: BLOC_ZONE }).toISO() ?? date.toISOString());
}

/** A listed year with its stage, when the year answered. */
export type OverviewYear = ListedBlocYear & { stage?: YearStage };

const STAGE_VI: Record<YearStage, string> = { running: 'đang chạy', 'awaiting-handover': 'chờ bàn giao', 'handed-over': 'đã bàn giao' };

/** Units overdue on anything, each once; a year published before the list was kept gives its unit × item count. */
const overdueUnitsOf = (y: ListedBlocYear): number => y.overdueUnits?.length ?? y.overdueCount ?? 0;

function overviewRow(y: OverviewYear): Html {
  return html`<tr><td><a href="${yearPath(y.blocId, y.year)}">${y.blocId}</a></td><td>${y.year}</td><td data-stage>${y.stage ? STAGE_VI[y.stage] : '—'}</td>
      <td>${overdueUnitsOf(y)}</td><td>${y.nextDeadline ? localStamp(y.nextDeadline) : '—'}</td></tr>`;
}

/**
 * `province`: the board's view of every bloc, each bloc's years under its own line and the province's total of
 * overdue units at the foot.
 */
export function overviewPage(frame: Frame, years: OverviewYear[], province = false): Html {
  const blocs = [...new Set(years.map((y) => y.blocId))];
  const rows = province
    ? blocs.map((b) => {
        const own = years.filter((y) => y.blocId === b);
        return html`<tr class="group"><th scope="rowgroup" colspan="5">${b}: ${own.reduce((n, y) => n + overdueUnitsOf(y), 0)} đơn vị quá hạn</th></tr>${own.map(overviewRow)}`;
      })
    : years.map(overviewRow);
  const total = years.reduce((n, y) => n + overdueUnitsOf(y), 0);
  const foot = province
    ? html`<tfoot><tr><th scope="row" colspan="3">Toàn tỉnh (${blocs.length} Khối, Cụm)</th><td id="province-overdue">${total}</td><td></td></tr></tfoot>`
    : '';
  const body =
    years.length === 0
      ? html`<p>Chưa có Khối, Cụm nào đang chạy mà tài khoản này được xem.</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">Khối/Cụm</th><th scope="col">Năm</th><th scope="col">Giai đoạn</th><th scope="col">Số đơn vị quá hạn</th><th scope="col">Hạn gần nhất</th></tr></thead>
<tbody>${rows}</tbody>${foot}</table></div>`;
  return layout(frame, province ? 'Các Khối, Cụm của tỉnh' : 'Các Khối, Cụm đang theo dõi', body);
}

export interface MatrixFilter {
  onlyOverdue: boolean;
  itemId?: string;
  /** The instant the matrix is judged at, when not now (ISO, as given). */
  at?: string;
}

function cellOf(view: StatusView, unitId: string, itemId: string): Cell | undefined {
  return view.cells.find((c) => c.unitId === unitId && c.itemId === itemId);
}

/** `liveMs`: how often the page fetches itself to show what changed since. */
export function matrixPage(frame: Frame, view: StatusView, schedule: YearSchedule, filter: MatrixFilter, liveMs: number): Html {
  const items = view.items.filter((i) => !filter.itemId || i.id === filter.itemId);
  const units = view.units.filter((u) => !filter.onlyOverdue || items.some((i) => cellOf(view, u.id, i.id)?.state === 'overdue'));
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const head = items.map((i) => {
    const item = planned.get(i.id);
    return html`<th scope="col"><a href="${itemPath(view.blocId, view.year, i.id)}">${i.title}</a><small>${item ? dueVi(item, schedule.timeZone) : i.wording}</small></th>`;
  });
  const rows = units.map(
    (u) => html`<tr><th scope="row">${u.name}</th>${items.map((i) => {
      const c = cellOf(view, u.id, i.id);
      if (!c) return html`<td>—</td>`;
      return html`<td class="s-${c.state}" data-unit="${u.id}" data-item="${i.id}"><a href="${cellPath(view.blocId, view.year, u.id, i.id)}">${cellVi(c, { schedule, at: view.at })}</a></td>`;
    })}</tr>`,
  );
  const options = view.items.map((i) => html`<option value="${i.id}" ${i.id === filter.itemId ? 'selected' : ''}>${i.title}</option>`);
  const base = yearPath(view.blocId, view.year);
  const at = filter.at ? `?luc=${encodeURIComponent(filter.at)}` : '';
  return layout(
    frame,
    `${view.blocId} — năm ${view.year}`,
    html`<form class="filters" method="get" action="${base}">
  ${filter.at ? html`<input type="hidden" name="luc" value="${filter.at}">` : ''}
  <label><input type="checkbox" name="qua-han" value="1" ${filter.onlyOverdue ? 'checked' : ''}> Chỉ đơn vị quá hạn</label>
  <label for="muc">Mục</label>
  <select id="muc" name="muc"><option value="">Tất cả các mục</option>${options}</select>
  <button type="submit">Lọc</button>
  <a href="${base}/tai-ve.csv${at}">Tải về CSV</a>
  <a href="${base}/danh-gia.xlsx${at}">Tải về bảng đánh giá (.xlsx)</a>
  <a href="${calendarPath(view.blocId, view.year)}">Quyết định nghỉ lễ, Tết</a>
</form>
<div data-live data-live-ms="${liveMs}"><p class="muted">Tình hình lúc ${whenVi(view.at)}; trang tự cập nhật. Bấm vào một ô để xem lịch sử và ghi nhận hồ sơ.</p>
<div class="scroll"><table class="matrix"><thead><tr><th scope="col">Đơn vị</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
${units.length === 0 ? html`<p>Không có đơn vị nào quá hạn.</p>` : ''}</div>
<script src="${LIVE_PATH}" defer></script>`,
  );
}

export interface CellForms {
  /** The secretariat may record and extend; other roles only read. */
  canAct: boolean;
  /** The unit's own signed page, to send it. */
  unitLink?: string;
  error?: string;
  notice?: string;
  values?: Record<string, string>;
}

function logRows(entries: LogEntry[]): Html {
  if (entries.length === 0) return html`<p>Chưa gửi thư nào cho đơn vị về mục này.</p>`;
  return html`<div class="scroll"><table><thead><tr><th scope="col">Dự kiến</th><th scope="col">Gửi lúc</th><th scope="col">Gửi đến</th><th scope="col">Loại</th><th scope="col">Kết quả</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr><td>${stampVi(e.plannedAt)}</td><td>${e.status === 'sending' ? '—' : stampVi(e.sentAt)}</td><td>${e.to.join(', ')}</td>
    <td>${[...new Set(e.notices.map((n) => n.kind))].join(', ')}</td><td>${deliveryVi(e)}</td></tr>`,
)}</tbody></table></div>`;
}

export function filePath(blocId: string, year: number, file: StoredFile): string {
  return `${yearPath(blocId, year)}/tep/${file.sha256}`;
}

function fileLink(href: string | undefined, file: StoredFile | undefined): Html | string {
  if (!file) return '—';
  const label = `${file.name} (${file.type.toUpperCase()}, ${sizeVi(file.size)})`;
  return href ? html`<a href="${href}" download>${label}</a>` : label;
}

/** Every declaration of the unit for the item, answered ones too; `href` links a file where the reader may download it. */
function declarationRows(declarations: Declaration[], href?: (file: StoredFile) => string): Html {
  return html`<div class="scroll"><table><thead><tr><th scope="col">Báo lúc</th><th scope="col">Ngày gửi</th><th scope="col">Số văn bản</th><th scope="col">Người báo</th><th scope="col">Tệp</th><th scope="col">Kết quả</th></tr></thead><tbody>
${declarations.map(
  (d) => html`<tr><td>${stampVi(d.declaredAt)}</td><td>${sentOnVi(d.sentOn)}</td><td>${d.reference}</td><td>${d.by ?? '—'}</td>
    <td>${fileLink(d.file && href?.(d.file), d.file)}</td><td class="${d.review ? `r-${d.review.decision}` : 'r-pending'}">${declarationFateVi(d)}</td></tr>`,
)}</tbody></table></div>`;
}

export function cellPage(
  frame: Frame,
  context: { view: StatusView; schedule: YearSchedule; unitId: string; itemId: string; log: LogEntry[]; declarations: Declaration[] },
  forms: CellForms,
): Html {
  const { view, schedule, unitId, itemId, declarations } = context;
  const unit = view.units.find((u) => u.id === unitId);
  const item = view.items.find((i) => i.id === itemId);
  const cell = cellOf(view, unitId, itemId);
  const action = cellPath(view.blocId, view.year, unitId, itemId);
  const v = forms.values ?? {};
  const entries = context.log.filter((e) => e.addressee === unitId && e.notices.some((n) => n.itemId === itemId));
  const pending = declarations.at(-1)?.review ? undefined : declarations.at(-1);
  const review =
    forms.canAct && pending
      ? html`<h2>Xác nhận báo gửi của đơn vị</h2>
<form class="box" method="post" action="${action}/xac-nhan">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="confirmReceivedAt">Thời điểm nhận văn bản (để trống: lúc đơn vị báo)</label>
  <input id="confirmReceivedAt" name="receivedAt" type="datetime-local" value="${v.receivedAt ?? ''}">
  <p><button type="submit">Xác nhận đã nhận</button></p>
</form>
<form class="box" method="post" action="${action}/tu-choi">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="rejectReason">Lý do không xác nhận (đơn vị sẽ thấy)</label>
  <input id="rejectReason" name="reason" required value="${v.reason ?? ''}">
  <p><button type="submit">Không xác nhận</button></p>
</form>`
      : '';
  const actions = forms.canAct
    ? html`${review}<h2>Ghi nhận hồ sơ đã nhận</h2>
<form class="box" method="post" action="${action}/nop" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="reference">Số văn bản</label>
  <input id="reference" name="reference" value="${v.reference ?? ''}" placeholder="ví dụ 45/BC-STP">
  <label for="receivedAt">Thời điểm nhận (để trống: bây giờ)</label>
  <input id="receivedAt" name="receivedAt" type="datetime-local" value="${v.receivedAt ?? ''}">
  <label for="file">Văn bản (PDF hoặc DOCX, không bắt buộc)</label>
  <input id="file" name="file" type="file" accept="${ACCEPTED_FILES}">
  <p><button type="submit">Ghi nhận</button></p>
</form>
<h2>Gia hạn</h2>
<form class="box" method="post" action="${action}/gia-han">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="until">Đến hết ngày</label>
  <input id="until" name="until" type="date" required value="${v.until ?? ''}">
  <label for="reason">Lý do</label>
  <input id="reason" name="reason" value="${v.reason ?? ''}">
  <p><button type="submit">Gia hạn</button></p>
</form>
<h2>Địa chỉ email của đơn vị</h2>
<form class="box" method="post" action="${action}/dia-chi">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="emails">Địa chỉ nhận (mỗi địa chỉ một dòng)</label>
  <textarea id="emails" name="emails" rows="2" required>${v.emails ?? ''}</textarea>
  <label for="cc">Đồng gửi</label>
  <textarea id="cc" name="cc" rows="2">${v.cc ?? ''}</textarea>
  <p><button type="submit">Lưu địa chỉ</button></p>
</form>`
    : '';
  return layout(
    frame,
    `${unit?.name ?? unitId} — ${item?.title ?? itemId}`,
    html`<p><a href="${yearPath(view.blocId, view.year)}">← Bảng tình hình năm ${view.year}</a></p>
${forms.error ? html`<p class="error" role="alert">${forms.error}</p>` : ''}
${forms.notice ? html`<p class="notice" role="status">${forms.notice}</p>` : ''}
<table><tbody>
<tr><th scope="row">Tình trạng</th><td class="s-${cell?.state ?? 'not-applicable'}" id="cell-state">${cell ? cellVi(cell, { schedule, at: view.at }) : '—'}</td></tr>
<tr><th scope="row">Hạn</th><td>${cell?.dueAt ? whenVi(cell.dueAt) : (item?.wording ?? '—')}</td></tr>
<tr><th scope="row">Nhận lúc</th><td>${cell?.receivedAt ? whenVi(cell.receivedAt) : '—'}</td></tr>
<tr><th scope="row">Số văn bản</th><td>${cell?.reference ?? '—'}</td></tr>
<tr><th scope="row">Văn bản</th><td>${fileLink(cell?.file && filePath(view.blocId, view.year, cell.file), cell?.file)}</td></tr>
</tbody></table>
${declarations.length > 0 ? html`<h2>Đơn vị báo đã gửi</h2>${declarationRows(declarations, (f) => filePath(view.blocId, view.year, f))}` : ''}
<h2>Thư nhắc đã gửi</h2>
${logRows(entries)}
${forms.unitLink ? html`<h2>Trang riêng của đơn vị</h2><p>Đơn vị xem các hạn của mình tại: <a href="${forms.unitLink}" id="unit-link">${forms.unitLink}</a></p>` : ''}
${actions}`,
  );
}

export const ACCEPTED_FILES = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Where a unit's page sends its forms: the signed link's own query goes with every path. */
export interface UnitPaths {
  page: string;
  declare: string;
  calendar: string;
  score: string;
}

export interface UnitForms {
  paths: UnitPaths;
  maxUploadBytes: number;
  error?: string;
  notice?: string;
  values?: Record<string, string>;
  /** The self-score form's refusal and values, apart from the declaration form's. */
  score?: ScoreFormState;
}

/** What a unit can still say it has sent: an item it owes with nothing recorded and no word awaiting an answer. */
const DECLARABLE = new Set(['not-due', 'extended', 'overdue', 'awaiting-date']);

export function unitPage(
  frame: Frame,
  context: { view: StatusView; schedule: YearSchedule; unitId: string; declarations: Record<string, Declaration[]>; scores: ScoresView | null },
  forms: UnitForms,
): Html {
  const { view, schedule, unitId, declarations, scores } = context;
  const unit = view.units.find((u) => u.id === unitId);
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const v = forms.values ?? {};
  const mine = view.items.flatMap((i) => {
    const c = cellOf(view, unitId, i.id);
    return c && c.state !== 'not-applicable' ? [{ item: i, cell: c }] : [];
  });
  const rows = mine.map(({ item: i, cell: c }) => {
    const item = planned.get(i.id);
    return html`<tr><th scope="row">${i.title}</th><td>${item ? dueVi(item, schedule.timeZone) : i.wording}</td>
      <td class="s-${c.state}">${cellVi(c, { schedule, at: view.at })}</td><td>${c.receivedAt ? whenVi(c.receivedAt) : '—'}</td><td>${c.reference ?? '—'}</td></tr>`;
  });
  const open = mine.filter(({ item, cell }) => DECLARABLE.has(cell.state) && (item.kind === 'deadline' || item.kind === 'task'));
  const declareForm =
    open.length === 0
      ? html`<p>Không còn việc nào cần báo.</p>`
      : html`<form class="box" method="post" action="${forms.paths.declare}" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="itemId">Việc</label>
  <select id="itemId" name="itemId" required>${open.map(({ item }) => html`<option value="${item.id}" ${v.itemId === item.id ? 'selected' : ''}>${item.title}</option>`)}</select>
  <label for="reference">Số văn bản</label>
  <input id="reference" name="reference" required value="${v.reference ?? ''}" placeholder="ví dụ 45/BC-STP">
  <label for="sentOn">Ngày gửi</label>
  <input id="sentOn" name="sentOn" type="date" required value="${v.sentOn ?? ''}">
  <label for="by">Người báo (họ tên, chức vụ)</label>
  <input id="by" name="by" value="${v.by ?? ''}">
  <label for="file">Văn bản đính kèm (PDF hoặc DOCX, tối đa ${sizeVi(forms.maxUploadBytes)})</label>
  <input id="file" name="file" type="file" accept="${ACCEPTED_FILES}">
  <p><button type="submit">Báo đã gửi</button></p>
</form>`;
  const history = mine.filter(({ item }) => (declarations[item.id] ?? []).length > 0);
  return layout(
    { csrf: frame.csrf },
    `${unit?.name ?? unitId} — năm ${view.year}`,
    html`${forms.error ? html`<p class="error" role="alert">${forms.error}</p>` : ''}
${forms.notice ? html`<p class="notice" role="status">${forms.notice}</p>` : ''}
<p class="muted">Các việc của đơn vị trong Kế hoạch thi đua năm ${view.year} của ${view.blocId}, tình hình lúc ${whenVi(view.at)}.
Hồ sơ được ghi nhận khi Thư ký nhận được văn bản; đơn vị báo đã gửi thì thôi nhận thư nhắc việc đó trong khi chờ Thư ký xác nhận.</p>
<div class="scroll"><table><thead><tr><th scope="col">Việc</th><th scope="col">Hạn</th><th scope="col">Tình trạng</th><th scope="col">Nhận lúc</th><th scope="col">Số văn bản</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<p><a href="${forms.paths.calendar}" download>Tải lịch các hạn về máy (.ics)</a></p>
<h2>Báo đã gửi văn bản</h2>
${declareForm}
${history.map(({ item }) => html`<h3>${item.title}</h3>${declarationRows(declarations[item.id] ?? [])}`)}
${scores ? scoreSection(frame.csrf, scores, unitId, forms.paths.score, forms.score) : ''}`,
  );
}

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
      ? html`<h2>Khôi phục</h2><form class="box" method="post" action="${action}/khoi-phuc">${csrf}<p><button type="submit">Khôi phục mục này</button></p></form>`
      : html`<h2>Ấn định hoặc dời ngày</h2>
<form class="box" method="post" action="${action}/doi-ngay">${csrf}
  <label for="date">Ngày</label><input id="date" name="date" type="date" required value="${v.date ?? ''}">
  <label for="time">Giờ (cho sự kiện)</label><input id="time" name="time" type="time" value="${v.time ?? ''}">
  <label><input type="checkbox" name="allowPast" value="1" ${v.allowPast === '1' ? 'checked' : ''}> Ghi nhận ngày đã qua của một sự kiện (không gửi thư)</label>
  <p><button type="submit">Lưu ngày</button></p>
</form>
<h2>Hủy mục</h2>
<form class="box" method="post" action="${action}/huy">${csrf}
  <label for="reason">Lý do</label><input id="reason" name="reason" value="${v.reason ?? ''}">
  <label><input type="checkbox" name="confirm" value="1"> Tôi xác nhận hủy: không còn nhắc hạn, mời họp hay đôn đốc mục này; hồ sơ đã nhận vẫn giữ</label>
  <p><button type="submit">Hủy mục</button></p>
</form>`;
  return layout(
    frame,
    item?.title ?? itemId,
    html`<p><a href="${yearPath(view.blocId, view.year)}">← Bảng tình hình năm ${view.year}</a></p>
${forms.error ? html`<p class="error" role="alert">${forms.error}</p>` : ''}
${forms.notice ? html`<p class="notice" role="status">${forms.notice}</p>` : ''}
<table><tbody>
<tr><th scope="row">Loại</th><td>${item ? kindVi(item.kind) : '—'}</td></tr>
<tr><th scope="row">Ngày, hạn</th><td id="item-due">${item ? dueVi(item, schedule.timeZone) : '—'}</td></tr>
<tr><th scope="row">Ghi chú</th><td id="item-fate">${fateVi(itemId, stage) || '—'}</td></tr>
</tbody></table>
${actions}`,
  );
}

export interface CalendarForms extends CellForms {
  /** What the decisions typed would change, before they are applied. */
  preview?: CalendarResult;
}

export function calendarPath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/lich-nghi`;
}

function changesTable(result: CalendarResult): Html {
  if (result.changes.length === 0) return html`<p>Không hạn, ngày nhắc nào thay đổi.</p>`;
  const instants = (list: string[]) => list.map(stampVi).join(', ') || '—';
  return html`<div class="scroll"><table id="calendar-changes"><thead><tr><th scope="col">Mục</th><th scope="col">Đơn vị</th><th scope="col">Nội dung</th><th scope="col">Trước</th><th scope="col">Sau</th></tr></thead><tbody>
${result.changes.map((c) => html`<tr><td>${c.itemId}</td><td>${c.unitId ?? 'mọi đơn vị'}</td><td>${CHANGE_FIELD_VI[c.field]}</td><td>${instants(c.before)}</td><td>${instants(c.after)}</td></tr>`)}
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
      ? html`<h2>Áp dụng</h2>
<p id="calendar-moves">${preview.moved.length > 0 ? `Sẽ đổi ngày của các mục: ${preview.moved.join(', ')}; các ngày nhắc được tính lại theo lịch mới.` : 'Không mục nào đổi ngày; lịch nghỉ mới thay cho lịch đang dùng.'}</p>
<form class="box" method="post" action="${action}/ap-dung">${csrf}
  <input type="hidden" name="decisions" value="${text}">
  <label><input type="checkbox" name="confirm" value="1"> Tôi xác nhận thay lịch nghỉ lễ, Tết của năm ${ref.year} bằng các quyết định trên: các hạn và ngày nhắc tính lại theo đó, không tự trở về như cũ</label>
  <p><button type="submit">Áp dụng</button></p>
</form>`
      : '';
  const form = forms.canAct
    ? html`<form class="box wide" method="post" action="${action}/xem-truoc">${csrf}
  <label for="decisions">Các quyết định, viết như mục calendar của tệp kế hoạch (YAML)</label>
  <textarea id="decisions" name="decisions" rows="14" spellcheck="false" placeholder="${ref.example}">${text}</textarea>
  <p><button type="submit">Xem trước</button></p>
</form>`
    : html`<p>Chỉ Thư ký được thay lịch nghỉ của năm.</p>`;
  return layout(
    frame,
    `Quyết định nghỉ lễ, Tết — năm ${ref.year}`,
    html`<p><a href="${yearPath(ref.blocId, ref.year)}">← Bảng tình hình năm ${ref.year}</a></p>
<p class="muted">Lịch nghỉ Tết, nghỉ bù, làm bù theo thông báo của Thủ tướng Chính phủ thay cho các quyết định đang dùng của năm; các hạn rơi vào ngày nghỉ được dời theo.</p>
${forms.error ? html`<p class="error" role="alert">${forms.error}</p>` : ''}
${forms.notice ? html`<p class="notice" role="status">${forms.notice}</p>` : ''}
${form}
${preview ? html`<h2>Xem trước</h2><p class="muted">Chưa có gì thay đổi.</p>${changesTable(preview)}` : ''}
${apply}`,
  );
}
