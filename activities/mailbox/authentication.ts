/**
 * What the receiving server says of a message's sender (RFC 8601 `Authentication-Results`), as one verdict
 * the secretariat can read. Anyone can write `From: vanphong@so-noi-vu.gov.vn`; only DMARC, or SPF or DKIM for
 * the From domain itself, says the message came from that domain. A message without a passing verdict may
 * still be matched and shown, but never confirms anything by itself.
 *
 * Only the topmost header is read unless trusted server ids are given: a sender can write Authentication-Results
 * headers of its own, but they sit below the one the receiving server adds on top (RFC 8601 §5). Pure.
 */

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface AuthVerdict {
  /** pass: the From domain is proven; fail: the server found it forged; none: nothing proves it either way. */
  verdict: 'pass' | 'fail' | 'none';
  /** The server that judged (authserv-id), when a header was read. */
  by?: string;
  dmarc?: AuthResult;
  spf?: AuthResult;
  dkim?: AuthResult;
  /** Why, in Vietnamese then English, for the secretariat. */
  why: string;
}

interface MethodResult {
  method: string;
  result: AuthResult;
  props: Record<string, string>;
}

interface ParsedHeader {
  authservId: string;
  results: MethodResult[];
}

/** Comments (RFC 5322 CFWS) may nest and hold `;` or `=`; they are dropped before anything is split. */
function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
    } else if (c === '"' && depth === 0) {
      quoted = !quoted;
      out += c;
    } else if (c === '(' && !quoted) {
      depth++;
    } else if (c === ')' && !quoted && depth > 0) {
      depth--;
      out += ' ';
    } else if (depth === 0) {
      out += c;
    }
  }
  return out;
}

const RESULTS: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

export function parseAuthenticationResults(value: string): ParsedHeader | undefined {
  const [head, ...rest] = withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')).split(';');
  const authservId = head?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return undefined;
  const results: MethodResult[] = [];
  for (const segment of rest) {
    const [first, ...props] = segment.trim().split(/\s+/);
    const method = /^([a-z0-9-]+)(?:\/[0-9]+)?=([a-z]+)$/i.exec(first ?? '');
    if (!method) continue;
    const result = (method[2] ?? '').toLowerCase();
    if (!RESULTS.has(result)) continue;
    const byName: Record<string, string> = {};
    for (const prop of props) {
      const eq = prop.indexOf('=');
      if (eq > 0) byName[prop.slice(0, eq).toLowerCase()] = prop.slice(eq + 1).replace(/^"|"$/g, '').toLowerCase();
    }
    results.push({ method: (method[1] ?? '').toLowerCase(), result: result as AuthResult, props: byName });
  }
  return { authservId, results };
}

/** The domain of an address or a bare domain, lower case. */
function domainOf(value: string | undefined): string | undefined {
  return value?.split('@').pop()?.replace(/>$/, '').toLowerCase() || undefined;
}

/** Relaxed alignment (DMARC's default): the same domain, or one a subdomain of the other. */
function aligned(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * The best result of a method, among those about the From domain when `about` is given: a pass from any
 * signature wins, then a fail. A DKIM signature or an SPF check for another domain says nothing of From.
 */
function best(results: MethodResult[], method: string, about?: (r: MethodResult) => boolean): AuthResult | undefined {
  const mine = results.filter((r) => r.method === method && (about?.(r) ?? true));
  if (mine.some((r) => r.result === 'pass')) return 'pass';
  if (mine.some((r) => r.result === 'fail')) return 'fail';
  return mine[0]?.result;
}

/**
 * The verdict for a message whose From address is `fromAddress`, from its Authentication-Results headers,
 * topmost first. With `trusted`, the topmost header of one of those servers; else the topmost header.
 */
export function authenticationVerdict(headers: readonly string[], fromAddress: string | undefined, trusted?: readonly string[]): AuthVerdict {
  const parsed = headers.map(parseAuthenticationResults).filter((h): h is ParsedHeader => h !== undefined);
  const trust = trusted?.map((id) => id.toLowerCase());
  const header = trust ? parsed.find((h) => trust.includes(h.authservId)) : parsed[0];
  if (!header) {
    return { verdict: 'none', why: 'máy chủ nhận thư không ghi kết quả xác thực người gửi / the receiving server recorded no sender authentication' };
  }
  const fromDomain = domainOf(fromAddress);
  const dmarc = best(header.results, 'dmarc');
  // Without DMARC, SPF and DKIM count only for the From domain: a pass for another domain proves nothing of From.
  const spf = best(header.results, 'spf', (r) => aligned(domainOf(r.props['smtp.mailfrom'] ?? r.props['smtp.helo']), fromDomain));
  const dkim = best(header.results, 'dkim', (r) => aligned(r.props['header.d'] ?? domainOf(r.props['header.i']), fromDomain));
  const base = { by: header.authservId, ...(dmarc && { dmarc }), ...(spf && { spf }), ...(dkim && { dkim }) };
  const listed = [dmarc && `dmarc=${dmarc}`, spf && `spf=${spf}`, dkim && `dkim=${dkim}`].filter(Boolean).join(', ') || 'none';
  if (dmarc === 'pass' || (dmarc === undefined && (spf === 'pass' || dkim === 'pass'))) {
    return { verdict: 'pass', ...base, why: `${header.authservId} xác thực được tên miền người gửi (${listed}) / the sender's domain is authenticated` };
  }
  if (dmarc === 'fail' || (dmarc === undefined && (spf === 'fail' || dkim === 'fail'))) {
    return { verdict: 'fail', ...base, why: `${header.authservId} thấy người gửi bị giả mạo (${listed}) / the sender failed authentication: possibly forged` };
  }
  return { verdict: 'none', ...base, why: `${header.authservId} không xác thực được người gửi (${listed}) / the sender is not authenticated` };
}
