/**
 * The console's pages, server-rendered with hono's `html` helper: every interpolated string is escaped,
 * so a unit's name or a document number written with markup shows as text.
 */
import { html } from 'hono/html';
import { DateTime } from 'luxon';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { YearSchedule } from '../calendar/schedule';
import { dueVi, kindVi, shortTitle } from '../calendar/wording';
import type { PlannedItem } from '../calendar/types';
import { titleOf } from '../activities/mail/templates/words';
import type { CalendarResult, ScoresView, StageView, StatusView } from '../workflows/messages';
import type { Declaration, LogEntry, StoredFile } from '../workflows/model';
import type { Cell } from '../workflows/status';
import { cellEn, cellVi, dueEn, dueShortEn, dueShortVi, noInstantIn, stampEn, stampVi, termsOf, whenEn, whenVi } from '../client/cell-wording';
import { deliveryEn, deliveryVi, fateEn, fateVi } from '../client/record-wording';
import { declarationFateEn, declarationFateVi, sentOnEn, sentOnVi } from '../client/declaration-wording';
import { originEn, originVi } from '../client/link-origin-wording';
import { CHANGE_FIELD_EN, CHANGE_FIELD_VI } from '../client/schedule-changes';
import type { ListedBlocYear } from '../client/listed-years';
import type { YearStage } from '../client/year-stages';
import { BLOC_ZONE } from '../client/options';
import { ROLE_EN, ROLE_VI, type Account } from '../client/accounts';
import { refusalFor, switchPath, t, type Lang } from './lang';
import { sizeVi } from './uploads';
import { scoreSection, type ScoreFormState } from './unit-score-page';
import { nextStepsSection, otherItemsTable } from './year-items-section';
import { nextSteps } from '../client/next-steps';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Frame {
  account?: Account;
  csrf: string;
  lang: Lang;
  /** The page as the reader can open it again (a unit's with its signed query): where switching language returns. */
  here: string;
  /** Where the header's title leads: the console's main page, or a unit's own page (a unit has no account). */
  home?: string;
}

/** The reader's words for what the record keeps in both languages, or writes in Vietnamese only. */
export const when = (f: Frame, iso: string) => t(f, whenVi, whenEn)(iso);
export const stamp = (f: Frame, iso: string) => t(f, stampVi, stampEn)(iso);
const cellIn = (f: Frame, c: Cell, judged: Parameters<typeof cellVi>[1]) => t(f, cellVi, cellEn)(c, judged);
export const dueIn = (f: Frame, item: PlannedItem, zone: string) => (f.lang === 'en' ? dueEn(item) : dueVi(item, zone));
/** When, briefly, for a column heading: the cut-off's day, or the window while it has none. */
const dueShortIn = (f: Frame, item: PlannedItem) => t(f, dueShortVi, dueShortEn)(item);
/** The plan's English title where it gives one: the status view carries the Vietnamese only. */
export const titleIn = (f: Frame, planned: Map<string, PlannedItem>, item: { id: string; title: string }) => titleOf(planned.get(item.id) ?? item, f.lang);
/** The plan's short name, or the title cut at a word: for column headings and lists. */
export const shortIn = (f: Frame, planned: Map<string, PlannedItem>, item: { id: string; title: string }) => shortTitle(planned.get(item.id) ?? item, f.lang);
export const KIND_EN: Record<PlannedItem['kind'], string> = { deadline: 'deadline', task: 'task', event: 'event', handover: 'handover', ongoing: 'ongoing' };
/** A refusal shown on a form: the validators' "vi / en" in the reader's language. */
const refusal = (f: Frame, error: string | undefined): Html | string => (error ? html`<p class="error" role="alert">${refusalFor(f.lang, error)}</p>` : '');
const noticeOf = (notice: string | undefined): Html | string => (notice ? html`<p class="notice" role="status">${notice}</p>` : '');

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
    ? html`<div class="who"><span>${frame.account.name} (${t(frame, ROLE_VI, ROLE_EN)[frame.account.role]})</span>
        <form class="inline" method="post" action="/dang-xuat"><input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">${t(frame, 'Đăng xuất', 'Sign out')}</button></form></div>`
    : '';
  // Each language is named in itself, so a reader who cannot read the page still finds their own.
  const other = html`<a class="lang" id="lang-switch" href="${switchPath(frame.lang, frame.here)}" lang="${t(frame, 'en', 'vi')}">${t(frame, 'English', 'Tiếng Việt')}</a>`;
  return html`<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${t(frame, 'Khối thi đua', 'Emulation blocs')}</title>
<link rel="stylesheet" href="${STYLE_PATH}">
</head>
<body>
<header><a href="${frame.home ?? '/'}"><strong>${t(frame, 'Khối thi đua', 'Emulation blocs')}</strong></a><span>${t(frame, 'Theo dõi hạn nộp', 'Deadline tracking')}</span>${other}${who}</header>
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
    t(frame, 'Đăng nhập', 'Sign in'),
    html`${refusal(frame, error)}
<form class="box" method="post" action="${action}">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="name">${t(frame, 'Tên tài khoản', 'Account name')}</label>
  <input id="name" name="name" autocomplete="username" required value="${name}">
  <label for="password">${t(frame, 'Mật khẩu', 'Password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">${t(frame, 'Đăng nhập', 'Sign in')}</button></p>
</form>`,
  );
}

export function messagePage(frame: Frame, title: string, message: string): Html {
  return layout(frame, title, html`<p class="error" role="alert">${message}</p><p><a href="/">${t(frame, 'Về trang chính', 'Back to the main page')}</a></p>`);
}

/** Visibility gives instants as dates; the bloc reads them in its own zone. */
function localStamp(frame: Frame, date: Date): string {
  return stamp(frame, DateTime.fromJSDate(date, { zone: BLOC_ZONE }).toISO() ?? date.toISOString());
}

/** A listed year with its stage, when the year answered. */
export type OverviewYear = ListedBlocYear & { stage?: YearStage; blocName?: string };

const STAGE_VI: Record<YearStage, string> = { running: 'đang chạy', 'awaiting-handover': 'chờ bàn giao', 'handed-over': 'đã bàn giao' };
const STAGE_EN: Record<YearStage, string> = { running: 'running', 'awaiting-handover': 'awaiting handover', 'handed-over': 'handed over' };

/** Units overdue on anything, each once; a year published before the list was kept gives its unit × item count. */
const overdueUnitsOf = (y: ListedBlocYear): number => y.overdueUnits?.length ?? y.overdueCount ?? 0;

function overviewRow(frame: Frame, y: OverviewYear): Html {
  return html`<tr><td><a href="${yearPath(y.blocId, y.year)}">${y.blocName ?? y.blocId}</a></td><td>${y.year}</td><td data-stage>${y.stage ? t(frame, STAGE_VI, STAGE_EN)[y.stage] : '—'}</td>
      <td>${overdueUnitsOf(y)}</td><td>${y.nextDeadline ? localStamp(frame, y.nextDeadline) : '—'}</td></tr>`;
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
        const overdue = own.reduce((n, y) => n + overdueUnitsOf(y), 0);
        return html`<tr class="group"><th scope="rowgroup" colspan="5">${own.find((y) => y.blocName)?.blocName ?? b}: ${overdue} ${t(frame, 'đơn vị quá hạn', 'units overdue')}</th></tr>${own.map((y) => overviewRow(frame, y))}`;
      })
    : years.map((y) => overviewRow(frame, y));
  const total = years.reduce((n, y) => n + overdueUnitsOf(y), 0);
  const foot = province
    ? html`<tfoot><tr><th scope="row" colspan="3">${t(frame, `Toàn tỉnh (${blocs.length} Khối, Cụm)`, `Whole province (${blocs.length} blocs and clusters)`)}</th><td id="province-overdue">${total}</td><td></td></tr></tfoot>`
    : '';
  const body =
    years.length === 0
      ? html`<p>${t(frame, 'Chưa có Khối, Cụm nào đang chạy mà tài khoản này được xem.', 'No bloc or cluster this account may see is running yet.')}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${t(frame, 'Khối/Cụm', 'Bloc/cluster')}</th><th scope="col">${t(frame, 'Năm', 'Year')}</th><th scope="col">${t(frame, 'Giai đoạn', 'Stage')}</th><th scope="col">${t(frame, 'Số đơn vị quá hạn', 'Units overdue')}</th><th scope="col">${t(frame, 'Hạn gần nhất', 'Next deadline')}</th></tr></thead>
<tbody>${rows}</tbody>${foot}</table></div>`;
  const title = province ? t(frame, 'Các Khối, Cụm của tỉnh', "The province's blocs and clusters") : t(frame, 'Các Khối, Cụm đang theo dõi', 'Blocs and clusters followed');
  return layout(frame, title, body);
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
export function matrixPage(frame: Frame, view: StatusView, schedule: YearSchedule, stage: StageView, filter: MatrixFilter, liveMs: number): Html {
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
  return layout(
    frame,
    `${view.blocName} — ${t(frame, 'năm', 'year')} ${view.year}`,
    html`${nextStepsSection(frame, view, schedule, nextSteps(schedule, stage, view.at))}
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
  <a href="${base}/cho-xac-nhan" id="pending-count">${t(frame, 'Đơn vị báo đã gửi, chờ xác nhận', 'Declarations awaiting an answer')}: ${view.cells.filter((c) => c.state === 'declared').length}</a></p>
<div data-live data-live-ms="${liveMs}"><p class="muted">${t(
      frame,
      `Tình hình lúc ${whenVi(view.at)}; trang tự cập nhật. Bấm vào một ô để xem lịch sử và ghi nhận hồ sơ.`,
      `Status at ${whenEn(view.at)}; the page updates itself. Click a cell to see its history and record a submission.`,
    )}</p>
<div class="scroll"><table class="matrix"><thead><tr><th scope="col">${t(frame, 'Đơn vị', 'Unit')}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
${units.length === 0 ? html`<p>${t(frame, 'Không có đơn vị nào quá hạn.', 'No unit is overdue.')}</p>` : ''}</div>
${otherItemsTable(frame, view, schedule, stage, new Set(view.items.map((i) => i.id)), view.at)}
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

const NOTICE_KIND: Record<string, [string, string]> = {
  reminder: ['nhắc hạn', 'reminder'],
  taskReminder: ['nhắc việc', 'task reminder'],
  followUp: ['đôn đốc', 'follow-up'],
  invitation: ['giấy mời', 'invitation'],
  digest: ['tổng hợp', 'digest'],
  handover: ['chuyển giao', 'handover'],
};
const noticeKind = (f: Frame, kind: string) => {
  const words = NOTICE_KIND[kind];
  return words ? t(f, ...words) : kind;
};

/** Who a message of the year's log went to: a unit by its name, the digest to the leader and the secretariat. */
function addresseeIn(f: Frame, entry: LogEntry, names: Map<string, string>): string {
  if (entry.addressee === 'digest') return t(f, 'Thư tổng hợp (Khối trưởng, Thư ký)', 'Digest (leader, secretariat)');
  const handover = /^handover:(.+)$/.exec(entry.addressee)?.[1];
  if (handover) return `${t(f, 'Thông báo chuyển giao', 'Handover notice')}: ${names.get(handover) ?? handover}`;
  return names.get(entry.addressee) ?? entry.addressee;
}

/**
 * The reminder log as a table: a cell's (one unit, one item), or, given the year's names and titles, the year's,
 * which says whom each message went to and what it was about.
 */
export function logTable(frame: Frame, entries: LogEntry[], year?: { names: Map<string, string>; titles: Map<string, string> }): Html {
  const head = year
    ? [t(frame, 'Dự kiến', 'Planned'), t(frame, 'Gửi lúc', 'Sent at'), t(frame, 'Gửi đến', 'Sent to'), t(frame, 'Nội dung', 'About'), 'Message-ID', t(frame, 'Kết quả', 'Outcome')]
    : [t(frame, 'Dự kiến', 'Planned'), t(frame, 'Gửi lúc', 'Sent at'), t(frame, 'Gửi đến', 'Sent to'), t(frame, 'Loại', 'Kind'), t(frame, 'Kết quả', 'Outcome')];
  const row = (e: LogEntry) => {
    const sent = e.status === 'sending' ? '—' : stamp(frame, e.acceptedAt ?? e.sentAt);
    const outcome = t(frame, deliveryVi, deliveryEn)(e);
    if (!year) return html`<tr><td>${stamp(frame, e.plannedAt)}</td><td>${sent}</td><td>${e.to.join(', ')}</td><td>${[...new Set(e.notices.map((n) => noticeKind(frame, n.kind)))].join(', ')}</td><td>${outcome}</td></tr>`;
    const about = [...new Set(e.notices.map((n) => `${year.titles.get(n.itemId) ?? n.itemId} (${noticeKind(frame, n.kind)})`))].join('; ');
    return html`<tr><td>${stamp(frame, e.plannedAt)}</td><td>${sent}</td><td>${addresseeIn(frame, e, year.names)}<br><small class="muted">${e.to.join(', ')}</small></td>
      <td>${about}</td><td><small>${e.messageId ?? '—'}</small></td><td>${outcome}</td></tr>`;
  };
  return html`<div class="scroll"><table id="log"><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>
${entries.map(row)}</tbody></table></div>`;
}

export function backToYear(frame: Frame, blocId: string, year: number): Html {
  return html`<p><a href="${yearPath(blocId, year)}">← ${t(frame, 'Bảng tình hình năm', 'Status of')} ${year}</a></p>`;
}

export function filePath(blocId: string, year: number, file: StoredFile): string {
  return `${yearPath(blocId, year)}/tep/${file.sha256}`;
}

export function fileLink(href: string | undefined, file: StoredFile | undefined): Html | string {
  if (!file) return '—';
  const label = `${file.name} (${file.type.toUpperCase()}, ${sizeVi(file.size)})`;
  return href ? html`<a href="${href}" download>${label}</a>` : label;
}

/** Every declaration of the unit for the item, answered ones too; `href` links a file where the reader may download it. */
function declarationRows(frame: Frame, declarations: Declaration[], href?: (file: StoredFile) => string): Html {
  return html`<div class="scroll"><table><thead><tr><th scope="col">${t(frame, 'Báo lúc', 'Declared at')}</th><th scope="col">${t(frame, 'Ngày gửi', 'Sent on')}</th><th scope="col">${t(frame, 'Số văn bản', 'Reference')}</th><th scope="col">${t(frame, 'Người báo', 'Declared by')}</th><th scope="col">${t(frame, 'Tệp', 'File')}</th><th scope="col">${t(frame, 'Kết quả', 'Outcome')}</th></tr></thead><tbody>
${declarations.map(
  (d) => html`<tr><td>${stamp(frame, d.declaredAt)}</td><td>${t(frame, sentOnVi, sentOnEn)(d.sentOn)}</td><td>${d.reference}</td><td>${d.by ?? '—'}${d.via ? html`<br><small>${t(frame, originVi, originEn)(d.via)}</small>` : ''}</td>
    <td>${fileLink(d.file && href?.(d.file), d.file)}</td><td class="${d.review ? `r-${d.review.decision}` : 'r-pending'}">${t(frame, declarationFateVi, declarationFateEn)(d)}</td></tr>`,
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
  context: { view: StatusView; schedule: YearSchedule; stage: StageView; unitId: string; declarations: Record<string, Declaration[]>; scores: ScoresView | null },
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
${scores ? scoreSection(own, scores, unitId, forms.paths.score, forms.score) : ''}`,
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

export interface CalendarForms extends CellForms {
  /** What the decisions typed would change, before they are applied. */
  preview?: CalendarResult;
}

export function calendarPath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/lich-nghi`;
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
