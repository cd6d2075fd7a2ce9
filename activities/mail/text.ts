/**
 * The three text rules every rendered value passes through: one Unicode form, no line breaks in
 * headers, no markup in HTML. Vietnamese typed on different keyboards arrives as precomposed or
 * combining marks; NFC makes "Đắk Nông" one byte sequence whatever the source.
 */

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * A header value on one line: CR/LF (and the other Unicode line and control characters) would let a
 * title or unit name start a new header, so they become spaces.
 */
export function headerValue(s: string): string {
  return nfc(s)
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return nfc(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
