/** The documents a page shows and takes: a stored file's link, a unit's declarations, the files a form accepts. */
import { html } from 'hono/html';
import type { Declaration, StoredFile } from '../../workflows/model';
import { declarationFateEn, declarationFateVi, sentOnEn, sentOnVi } from '../../client/declaration-wording';
import { mailOriginEn, mailOriginVi, originEn, originVi } from '../../client/link-origin-wording';
import { t } from '../lang';
import { sizeVi } from '../uploads';
import type { Frame, Html } from './layout';
import { stamp } from './words';

export function fileLink(href: string | undefined, file: StoredFile | undefined): Html | string {
  if (!file) return '—';
  const label = `${file.name} (${file.type.toUpperCase()}, ${sizeVi(file.size)})`;
  return href ? html`<a href="${href}" download>${label}</a>` : label;
}

/** Every declaration of the unit for the item, answered ones too; `href` links a file where the reader may download it. */
export function declarationRows(frame: Frame, declarations: Declaration[], href?: (file: StoredFile) => string): Html {
  return html`<div class="scroll"><table><thead><tr><th scope="col">${t(frame, 'Báo lúc', 'Declared at')}</th><th scope="col">${t(frame, 'Ngày gửi', 'Sent on')}</th><th scope="col">${t(frame, 'Số văn bản', 'Reference')}</th><th scope="col">${t(frame, 'Người báo', 'Declared by')}</th><th scope="col">${t(frame, 'Tệp', 'File')}</th><th scope="col">${t(frame, 'Kết quả', 'Outcome')}</th></tr></thead><tbody>
${declarations.map(
  (d) => html`<tr><td>${stamp(frame, d.declaredAt)}</td><td>${t(frame, sentOnVi, sentOnEn)(d.sentOn)}</td><td>${d.reference}</td><td>${d.by ?? '—'}${d.via ? html`<br><small>${t(frame, originVi, originEn)(d.via)}</small>` : ''}${d.mail ? html`<br><small class="by-mail">${t(frame, mailOriginVi, mailOriginEn)(d.mail)}</small>` : ''}</td>
    <td>${fileLink(d.file && href?.(d.file), d.file)}</td><td class="${d.review ? `r-${d.review.decision}` : 'r-pending'}">${t(frame, declarationFateVi, declarationFateEn)(d)}</td></tr>`,
)}</tbody></table></div>`;
}

export const ACCEPTED_FILES = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
