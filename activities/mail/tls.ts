/**
 * When the connection to the SMTP server must be encrypted. The login (AUTH PLAIN or LOGIN) carries the
 * password readable by anyone on the path unless TLS protects it, and "opportunistic" STARTTLS is no
 * protection: a relay, or whoever sits between us and it, that leaves STARTTLS out of its EHLO gets the
 * password in clear. So with credentials TLS is required, whatever SMTP_STARTTLS says, unless the server
 * is this very machine.
 */
export type StartTlsPolicy = 'required' | 'opportunistic' | 'off';

/**
 * Only the canonical loopback names are exempt. The rest of 127.0.0.0/8 is loopback too, and so is
 * ::ffff:127.0.0.1, but nothing here needs them, a name that resolves elsewhere could look like one, and
 * the tests use a server on 127.0.0.2 as the stand-in for a remote relay that strips STARTTLS: exempting
 * it would make those tests pass without proving anything.
 */
const CANONICAL_LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

/** `host` as a URL gives it ([::1]) or as a socket takes it (::1). */
export function isCanonicalLoopback(host: string): boolean {
  return CANONICAL_LOOPBACK.has(host.replace(/^\[(.*)\]$/, '$1').toLowerCase());
}

/** The SMTP settings that decide the policy; of the login, only whether there is one. */
interface TlsInputs {
  host: string;
  secure: boolean;
  starttls: StartTlsPolicy;
  auth?: unknown;
}

/** Credentials over a connection that does not start encrypted, to another machine. */
export function loginNeedsStartTls(s: Omit<TlsInputs, 'starttls'>): boolean {
  return s.auth !== undefined && !s.secure && !isCanonicalLoopback(s.host);
}

/** The policy actually applied: `opportunistic` and `off` become `required` when the login needs TLS. */
export function effectiveStartTls(s: TlsInputs): StartTlsPolicy {
  return loginNeedsStartTls(s) ? 'required' : s.starttls;
}

/**
 * nodemailer's flags for that policy. Checked again here, not only when the environment is read, because
 * settings can also be built in code; `off` is then upgraded rather than refused, since the password must
 * not go out in clear whichever way the settings came.
 */
export function startTlsOptions(s: TlsInputs): { requireTLS: boolean; ignoreTLS: boolean; opportunisticTLS: boolean } {
  const policy = effectiveStartTls(s);
  return { requireTLS: policy === 'required', ignoreTLS: policy === 'off', opportunisticTLS: policy === 'opportunistic' };
}
