/**
 * Whose sign-in attempts these are. Behind nginx every request comes from 127.0.0.1, so the sign-in limits'
 * per-address rule would lock the whole province out together; the console believes the address a proxy
 * names in X-Real-IP, but only from a proxy it was told to trust (BLOC_WEB_TRUSTED_PROXIES), since anyone
 * else could name any address and spread their guesses over thousands.
 */
import { isIP } from 'node:net';
import { InputError } from '../config/errors';

/** `::ffff:127.0.0.1`, as Node reports an IPv4 peer on a dual-stack socket, is 127.0.0.1. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  const listed = (env.BLOC_WEB_TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const bad = listed.find((a) => isIP(a) === 0);
  if (bad !== undefined) {
    throw new InputError(`BLOC_WEB_TRUSTED_PROXIES: "${bad.slice(0, 60)}" không phải địa chỉ IP; cần các địa chỉ cách nhau bởi dấu phẩy, ví dụ 127.0.0.1 / not an IP address; expected addresses separated by commas`);
  }
  return new Set(listed.map(plain));
}

/** The peer's address, or the one a trusted proxy names for it. */
export function clientAddress(peer: string | undefined, realIp: string | undefined, trusted: ReadonlySet<string>): string {
  if (peer === undefined) return 'unknown';
  const named = realIp?.trim();
  return trusted.has(plain(peer)) && named && isIP(named) !== 0 ? plain(named) : plain(peer);
}
