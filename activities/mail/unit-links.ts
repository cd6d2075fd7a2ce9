/**
 * A unit's own page is reached by a link from its email, with no account: the link is signed with
 * HMAC-SHA256 under `BLOC_UNIT_LINK_KEY`, bound to the bloc, the year and the unit, and expires 180 days
 * after the year's handover (as long as the year takes late records). A key is rotated by moving it to
 * `BLOC_UNIT_LINK_OLD_KEY`, still accepted until `BLOC_UNIT_LINK_OLD_UNTIL`.
 *
 * A link also says, under its signature, whom it was issued to (`qua`): the unit's mail (`thu`), or the secretariat
 * account that copied it from the console (`tk.<account>`), so what is entered through it says where it came from.
 * Links mailed by release 0.5 and earlier say nothing; they still open, and their entries are marked as such.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { YearSchedule } from '../../calendar/schedule';
import type { OutgoingMessage } from '../types';
import type { LinkOrigin } from '../../workflows/model';
import { ACCOUNT_NAME, MIN_SECRET_LENGTH } from '../../config/keys';

export interface UnitLinkKeys {
  current: string;
  previous?: { key: string; until: number };
}

export interface UnitRef {
  bloc: string;
  year: number;
  unit: string;
}

/** How long after the handover a unit's link still opens its page: the year takes late records as long. */
const OPEN_AFTER_HANDOVER_MS = 180 * 24 * 3600_000;

/** The keys from the environment, or none: without a key there are no unit pages and no links. */
export function unitLinkKeysFromEnv(env: NodeJS.ProcessEnv = process.env): UnitLinkKeys | undefined {
  const current = env.BLOC_UNIT_LINK_KEY;
  if (!current) return undefined;
  const short = (name: string) => new Error(`${name}: cần ít nhất ${MIN_SECRET_LENGTH} ký tự ngẫu nhiên / needs at least ${MIN_SECRET_LENGTH} random characters`);
  if (current.length < MIN_SECRET_LENGTH) throw short('BLOC_UNIT_LINK_KEY');
  const old = env.BLOC_UNIT_LINK_OLD_KEY;
  if (!old) return { current };
  if (old.length < MIN_SECRET_LENGTH) throw short('BLOC_UNIT_LINK_OLD_KEY');
  const until = Date.parse(env.BLOC_UNIT_LINK_OLD_UNTIL ?? '');
  if (Number.isNaN(until)) throw new Error('BLOC_UNIT_LINK_OLD_UNTIL: cần thời điểm ISO-8601 đến khi khóa cũ còn được nhận / an ISO-8601 instant until which the old key is accepted');
  return { current, previous: { key: old, until } };
}

/** The year's links expire 180 days after its handover (or after the end of January, while it has no day). */
export function linkExpiry(schedule: Pick<YearSchedule, 'items' | 'year'>): number {
  const handover = schedule.items.find((i) => i.kind === 'handover')?.at;
  const end = handover ? Date.parse(handover) : Date.parse(`${schedule.year + 1}-02-01T00:00:00+07:00`);
  return end + OPEN_AFTER_HANDOVER_MS;
}

/** The `qua` parameter of a link issued to `via`; none for an unmarked one. */
function issuedTo(via: LinkOrigin): string | undefined {
  if (via.link === 'mail') return 'thu';
  return via.link === 'console' ? `tk.${via.account}` : undefined;
}

function originOf(qua: string | undefined): LinkOrigin | undefined {
  if (qua === undefined) return { link: 'unmarked' };
  if (qua === 'thu') return { link: 'mail' };
  const account = qua.startsWith('tk.') ? qua.slice(3) : '';
  return ACCOUNT_NAME.test(account) ? { link: 'console', account } : undefined;
}

function signature(key: string, ref: UnitRef, expires: number, qua: string | undefined): string {
  const fields = ['unit-page', ref.bloc, ref.year, ref.unit, expires, ...(qua === undefined ? [] : [qua])];
  return createHmac('sha256', key).update(fields.join('\n')).digest('base64url');
}

export function unitPagePath(ref: UnitRef): string {
  return `/don-vi/${encodeURIComponent(ref.bloc)}/${ref.year}/${encodeURIComponent(ref.unit)}`;
}

/** The path of a unit's page with its signature, expiry and origin, to put after the console's public address. */
export function signedUnitPath(keys: UnitLinkKeys, ref: UnitRef, expires: number, via: LinkOrigin): string {
  const qua = issuedTo(via);
  return `${unitPagePath(ref)}?het=${expires}${qua === undefined ? '' : `&qua=${qua}`}&ky=${signature(keys.current, ref, expires, qua)}`;
}

/** A link's query: `het` (expiry), `ky` (signature), `qua` (whom it was issued to). */
export type LinkQuery = Partial<Record<'het' | 'ky' | 'qua', string>>;
export type LinkCheck = { ok: true; via: LinkOrigin } | { ok: false; reason: 'tampered' | 'expired' };

export function checkUnitLink(keys: UnitLinkKeys, ref: UnitRef, query: LinkQuery, now = Date.now()): LinkCheck {
  const { het, ky, qua } = query;
  const expiresAt = Number(het);
  const via = originOf(qua);
  if (!ky || !via || !/^\d{1,15}$/.test(het ?? '')) return { ok: false, reason: 'tampered' };
  const candidates = [keys.current, ...(keys.previous && now < keys.previous.until ? [keys.previous.key] : [])];
  const actual = Buffer.from(ky);
  const valid = candidates.some((key) => {
    const expected = Buffer.from(signature(key, ref, expiresAt, qua));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
  if (!valid) return { ok: false, reason: 'tampered' };
  return expiresAt > now ? { ok: true, via } : { ok: false, reason: 'expired' };
}

/**
 * The unit's link for a message to it, as the mail activity adds it: from `BLOC_UNIT_LINK_KEY` and the console's
 * public address `BLOC_WEB_PUBLIC_URL`; without either, messages carry no link. The activity knows no handover
 * day, so these links expire 180 days after the end of the January after the year (as a console link of a year
 * whose conference has no day).
 */
export type UnitLinker = (message: Pick<OutgoingMessage, 'bloc' | 'year' | 'addressee'>) => string | undefined;

export function unitLinker(keys: UnitLinkKeys, publicUrl: string): UnitLinker {
  return ({ bloc, year, addressee }) => {
    if (addressee.kind !== 'unit' || !addressee.unitId) return undefined;
    const expires = linkExpiry({ year, items: [] });
    return new URL(signedUnitPath(keys, { bloc: bloc.id, year, unit: addressee.unitId }, expires, { link: 'mail' }), publicUrl).href;
  };
}

export function unitLinkerFromEnv(env: NodeJS.ProcessEnv = process.env): UnitLinker | undefined {
  const keys = unitLinkKeysFromEnv(env);
  return keys && env.BLOC_WEB_PUBLIC_URL ? unitLinker(keys, env.BLOC_WEB_PUBLIC_URL) : undefined;
}
