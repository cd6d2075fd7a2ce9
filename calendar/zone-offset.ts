/**
 * Instants written in a bloc's zone, for paths that write thousands of them (a wave's acceptance instants, a
 * workflow's per-unit work). luxon asks Intl for an IANA zone's offset at every instant, about a twentieth of a
 * millisecond. A zone's offset only changes on a quarter-hour (every offset in use is a multiple of 15 minutes,
 * and so are the local times at which they change), so one lookup serves every instant until the next
 * quarter-hour. The lookups depend on nothing but their arguments: workflows may share them, and replay reads
 * the same.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { IsoInstant } from './types';

const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, { from: number; zone: FixedOffsetZone }>();

/** The instant in `zone`, read through the offset it has at that quarter-hour; the named zone if luxon does not know it. */
export function inZone(ms: number, zone: string): DateTime {
  const from = ms - (((ms % QUARTER_HOUR_MS) + QUARTER_HOUR_MS) % QUARTER_HOUR_MS);
  let known = offsets.get(zone);
  if (known?.from !== from) {
    const offset = DateTime.fromMillis(ms, { zone }).offset;
    if (!Number.isFinite(offset)) return DateTime.fromMillis(ms, { zone });
    known = { from, zone: FixedOffsetZone.instance(offset) };
    offsets.set(zone, known);
  }
  return DateTime.fromMillis(ms, { zone: known.zone });
}

export function isoAt(ms: number, zone: string): IsoInstant {
  return inZone(ms, zone).toISO() ?? new Date(ms).toISOString();
}
