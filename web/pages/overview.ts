import { html } from 'hono/html';
import { DateTime } from 'luxon';
import type { ListedBlocYear } from '../../client/listed-years';
import type { YearStage } from '../../client/year-stages';
import { BLOC_ZONE } from '../../client/options';
import { t } from '../lang';
import { layout, type Frame, type Html } from './layout';
import { MAILBOX_PATH } from './mailbox';
import { yearPath } from './paths';
import { stamp } from './words';

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
 * overdue units at the foot. `mailbox`: the bloc's mailbox is read, and its list of unmatched mail is linked.
 */
export function overviewPage(frame: Frame, years: OverviewYear[], province = false, mailbox = false): Html {
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
  const mail = mailbox ? html`<p><a href="${MAILBOX_PATH}" id="unmatched-mail">${t(frame, 'Thư chưa khớp trong hộp thư của Khối', "Unmatched mail in the bloc's mailbox")}</a></p>` : '';
  return layout(frame, title, html`${mail}${body}`);
}
