/**
 * When the relay accepted each message, written in the bloc's zone. luxon asks Intl for an IANA zone's offset
 * at every instant, about a twentieth of a millisecond; a wave writes thousands of these. A zone's offset only
 * changes on a quarter-hour (every offset in use is a multiple of 15 minutes, and so are the local times at
 * which they change), so one lookup serves every instant until the next quarter-hour.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { IsoInstant } from '../calendar/types';

const QUARTER_HOUR_MS = 15 * 60_000;

export function createZonedInstants(): (at: Date, zone: string) => IsoInstant {
  const offsets = new Map<string, { from: number; zone: FixedOffsetZone }>();
  return (at, zone) => {
    const ms = at.getTime();
    const from = ms - (((ms % QUARTER_HOUR_MS) + QUARTER_HOUR_MS) % QUARTER_HOUR_MS);
    let known = offsets.get(zone);
    if (known?.from !== from) {
      const offset = DateTime.fromMillis(ms, { zone }).offset;
      if (!Number.isFinite(offset)) return at.toISOString();
      known = { from, zone: FixedOffsetZone.instance(offset) };
      offsets.set(zone, known);
    }
    return DateTime.fromMillis(ms, { zone: known.zone }).toISO() ?? at.toISOString();
  };
}
