/**
 * The parts of the matrix page that lead past the matrix: what to do next for the year to go on, and the items
 * the matrix has no column for (events, the handover, ongoing reports), each a link to its own page.
 */
import { html } from 'hono/html';
import type { YearSchedule } from '../../calendar/schedule';
import { kindVi } from '../../calendar/wording';
import { noInstantIn } from '../../client/cell-wording';
import { fateEn, fateVi } from '../../client/record-wording';
import type { NextStep } from '../../client/next-steps';
import type { PlannedItem } from '../../calendar/types';
import type { StageView } from '../../workflows/messages';
import { t } from '../lang';
import type { Frame } from './layout';
import { itemPath, yearPath } from './paths';
import { dueIn, KIND_EN, shortIn, titleIn, when } from './words';

interface YearRef {
  blocId: string;
  year: number;
}

function stepLine(frame: Frame, ref: YearRef, schedule: YearSchedule, step: NextStep) {
  if (step.kind === 'handed-over') {
    return html`${t(frame, `Đã chuyển giao lúc ${when(frame, step.at)}.`, `Handed over at ${when(frame, step.at)}.`)} <a href="${yearPath(ref.blocId, step.nextYear)}">${t(frame, `Bảng tình hình năm ${step.nextYear}`, `Status of ${step.nextYear}`)}</a>`;
  }
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const item = planned.get(step.itemId);
  const title = item ? shortIn(frame, planned, item) : step.itemId;
  const link = itemPath(ref.blocId, ref.year, step.itemId);
  if (step.kind === 'hand-over') {
    return html`${t(frame, 'Đã đến thời điểm chuyển giao nhưng chuyển giao đang chờ xác nhận:', 'The handover is due and waits to be confirmed:')} <a href="${link}">${t(frame, 'xem và chuyển giao', 'review and hand over')}</a>`;
  }
  const window = item ? dueIn(frame, item, schedule.timeZone) : '';
  return step.windowOver
    ? html`<a href="${link}">${title}</a>: ${t(frame, `hết ${window}, chưa có ngày — ghi ngày đã diễn ra, dời hoặc hủy`, `${window} is over, no day — record the day held, move or cancel it`)}`
    : html`<a href="${link}">${title}</a>: ${t(frame, `chưa có ngày (${window}) — ấn định ngày`, `no day yet (${window}) — set the day`)}`;
}

/** How many steps the matrix lists before pointing to the year's dates for the rest: the matrix stays in view. */
const STEPS_SHOWN = 3;

/** Empty when nothing waits on the secretariat. */
export function nextStepsSection(frame: Frame, ref: YearRef, schedule: YearSchedule, steps: NextStep[]) {
  if (steps.length === 0) return '';
  const more = steps.length - STEPS_SHOWN;
  return html`<section id="next-steps" class="next"><strong>${t(frame, 'Việc cần làm tiếp', 'What to do next')}</strong><ul>${steps
    .slice(0, STEPS_SHOWN)
    .map((s) => html`<li>${stepLine(frame, ref, schedule, s)}</li>`)}${more > 0 ? html`<li><a href="${yearPath(ref.blocId, ref.year)}/lich">${t(frame, `và ${more} việc khác: xem lịch năm`, `and ${more} more: see the year's dates`)}</a></li>` : ''}</ul></section>`;
}

/** Items of the year with their kind, planned wording, instant and fate, each a link to its page. */
export function itemsTable(frame: Frame, ref: YearRef, schedule: YearSchedule, stage: StageView, items: PlannedItem[], at: string, id: string) {
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  const rows = items.map(
    (i) => html`<tr><td>${t(frame, kindVi(i.kind), KIND_EN[i.kind])}</td><th scope="row"><a href="${itemPath(ref.blocId, ref.year, i.id)}">${titleIn(frame, planned, i)}</a></th>
<td>${dueIn(frame, i, schedule.timeZone)}</td><td>${i.at ? when(frame, i.at) : noInstantIn(frame.lang, i, at)}</td><td>${t(frame, fateVi, fateEn)(i.id, stage) || '—'}</td></tr>`,
  );
  return html`<div class="scroll"><table id="${id}"><thead><tr><th scope="col">${t(frame, 'Loại', 'Kind')}</th><th scope="col">${t(frame, 'Việc', 'Item')}</th><th scope="col">${t(frame, 'Hạn theo kế hoạch', 'Due by the plan')}</th><th scope="col">${t(frame, 'Thời điểm', 'Instant')}</th><th scope="col">${t(frame, 'Ghi chú', 'Note')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** The items that are not columns of the matrix, in the plan's order. */
export function otherItemsTable(frame: Frame, ref: YearRef, schedule: YearSchedule, stage: StageView, columns: Set<string>, at: string) {
  const others = schedule.items.filter((i) => !columns.has(i.id));
  if (others.length === 0) return '';
  return html`<h2>${t(frame, 'Sự kiện và các mốc khác', 'Events and other dates')}</h2>${itemsTable(frame, ref, schedule, stage, others, at, 'other-items')}`;
}
