import { html } from 'hono/html';
import type { LogEntry } from '../../workflows/model';
import { deliveryEn, deliveryVi } from '../../client/record-wording';
import { t } from '../lang';
import type { Frame, Html } from './layout';
import { stamp } from './words';

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
