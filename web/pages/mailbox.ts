/**
 * "Thư chưa khớp": the messages in the bloc's mailbox the engine could not place (docs/mailbox.md), each with who
 * sent it, whether the receiving server proved it, why it was not matched and what the matcher suggests; the
 * secretariat assigns one to a unit and an item (the suggestion chosen already), or dismisses it. Above the list,
 * how the mailbox is read: the last pass, or since when it cannot be reached.
 */
import { html } from 'hono/html';
import { VERDICT_EN, VERDICT_VI } from '../../client/link-origin-wording';
import type { MailboxStatus, UnmatchedMail } from '../../workflows/mailbox-messages';
import { refusalFor, t } from '../lang';
import { layout, noticeOf, refusal, type Frame, type Html } from './layout';
import { stamp } from './words';

/** What a line may be assigned to: the units and the items of the year its match names. */
export interface AssignChoices {
  units: { id: string; name: string }[];
  items: { id: string; title: string }[];
}

export interface MailboxPageContext {
  status?: MailboxStatus;
  lines: UnmatchedMail[];
  /** By the year's workflow id. */
  choices: Map<string, AssignChoices>;
  canAct: boolean;
  error?: string;
  notice?: string;
}

export const MAILBOX_PATH = '/thu-chua-khop';


function statusLine(frame: Frame, status: MailboxStatus | undefined): Html | string {
  if (!status) return html`<p class="error" role="alert">${t(frame, 'Hộp thư chưa được đọc: bộ máy chưa chạy việc đọc hộp thư.', 'The mailbox is not read: the engine is not reading it yet.')}</p>`;
  const { outage, lastPass } = status;
  const last = lastPass
    ? html`${t(frame, 'Lần đọc gần nhất', 'Last read')} ${stamp(frame, lastPass.at)}: ${lastPass.read} ${t(frame, 'thư, ghi nhận', 'messages, recorded')} ${lastPass.recorded}.`
    : t(frame, 'Chưa đọc lần nào.', 'Not read yet.');
  const down = outage
    ? html`<p class="error" role="alert" id="mailbox-outage">${t(frame, 'Không kết nối được hộp thư từ', 'The mailbox has been unreachable since')} ${stamp(frame, outage.since)} (${outage.attempts} ${t(frame, 'lần thử', 'tries')}): ${outage.reason}</p>`
    : '';
  const mark = status.markProblem ? html`<p class="error">${refusalFor(frame.lang, status.markProblem)}</p>` : '';
  return html`<p id="mailbox-status">${t(frame, 'Hộp thư', 'Mailbox')} <code>${status.mailbox}</code>. ${last}</p>${down}${mark}`;
}

function assignForm(frame: Frame, line: UnmatchedMail, choices: AssignChoices | undefined): Html | string {
  if (!line.match || !choices) return '';
  const { unitId, itemId } = line.match;
  const option = (value: string, label: string, chosen: boolean) => html`<option value="${value}" ${chosen ? 'selected' : ''}>${label}</option>`;
  return html`<form method="post" action="${MAILBOX_PATH}/gan" class="assign">
  <input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="messageId" value="${line.messageId}"><input type="hidden" name="workflowId" value="${line.match.workflowId}">
  <label>${t(frame, 'Đơn vị', 'Unit')} <select name="unitId" required>${option('', '—', !unitId)}${choices.units.map((u) => option(u.id, u.name, u.id === unitId))}</select></label>
  <label>${t(frame, 'Việc', 'Item')} <select name="itemId" required>${option('', '—', !itemId)}${choices.items.map((i) => option(i.id, i.title, i.id === itemId))}</select></label>
  <button type="submit">${t(frame, 'Ghi nhận cho đơn vị', 'Record for the unit')}</button></form>`;
}

function dismissForm(frame: Frame, line: UnmatchedMail): Html {
  return html`<form method="post" action="${MAILBOX_PATH}/bo-qua" class="inline"><input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="messageId" value="${line.messageId}">
  <button type="submit">${t(frame, 'Bỏ qua thư này', 'Dismiss')}</button></form>`;
}

export function mailboxPage(frame: Frame, context: MailboxPageContext): Html {
  const rows = context.lines.map((line) => {
    const choices = line.match ? context.choices.get(line.match.workflowId) : undefined;
    const suggested = [
      line.match?.unitId && choices?.units.find((u) => u.id === line.match?.unitId)?.name,
      line.match?.itemId && choices?.items.find((i) => i.id === line.match?.itemId)?.title,
    ].filter(Boolean);
    return html`<tr data-message-id="${line.messageId}"><td>${line.from || '—'}</td><td>${line.subject || t(frame, '(không có tiêu đề)', '(no subject)')}</td>
  <td>${line.date ? stamp(frame, line.date) : '—'}</td>
  <td title="${refusalFor(frame.lang, line.authentication.why)}">${t(frame, VERDICT_VI, VERDICT_EN)[line.authentication.verdict]}</td>
  <td>${line.reasons.map((r) => html`<div>${refusalFor(frame.lang, r.text)}</div>`)}</td>
  <td>${suggested.length > 0 ? suggested.join(' — ') : '—'}${line.file ? html`<div class="muted">${line.file.name}</div>` : ''}</td>
  <td>${context.canAct ? html`${assignForm(frame, line, choices)}${dismissForm(frame, line)}` : ''}</td></tr>`;
  });
  const list =
    context.lines.length === 0
      ? html`<p id="no-unmatched">${t(frame, 'Không có thư nào chờ Thư ký xem.', 'No message waits for the secretariat.')}</p>`
      : html`<p class="muted">${t(
          frame,
          'Thư gửi đến hộp thư của Khối mà bộ máy chưa biết của đơn vị nào, về việc gì. Chọn đơn vị và việc rồi ghi nhận: thư thành lời báo đã gửi của đơn vị, chờ xác nhận như mọi lời báo. Thư vẫn còn trong hộp thư.',
          "Messages to the bloc's mailbox the engine could not place. Choose the unit and the item and record it: it becomes the unit's declaration, awaiting confirmation like any other. The message stays in the mailbox.",
        )}</p>
<div class="scroll"><table id="unmatched"><thead><tr><th scope="col">${t(frame, 'Người gửi', 'From')}</th><th scope="col">${t(frame, 'Tiêu đề', 'Subject')}</th><th scope="col">${t(frame, 'Ngày gửi', 'Sent')}</th><th scope="col">${t(frame, 'Xác thực người gửi', 'Sender authentication')}</th><th scope="col">${t(frame, 'Vì sao chưa khớp', 'Why not matched')}</th><th scope="col">${t(frame, 'Gợi ý', 'Suggestion')}</th><th scope="col"></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return layout(frame, t(frame, 'Thư chưa khớp', 'Unmatched mail'), html`${noticeOf(context.notice)}${refusal(frame, context.error)}${statusLine(frame, context.status)}${list}`);
}
