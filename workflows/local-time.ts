/**
 * An instant written in the bloc's zone, for the workflow's per-unit work. A wave asks the same few instants
 * for every unit (the reminder's minute, the instant the workflow woke): the texts are remembered, not only
 * the zone's offset (calendar/zone-offset.ts). They depend on nothing but their arguments, so workflows
 * sharing one V8 context may share them and replay still reads the same.
 */
import { inZone } from '../calendar/zone-offset';
import type { IsoInstant } from '../calendar/types';

/** Enough for every instant of a busy day across the blocs of a worker; cleared whole when full. */
const REMEMBERED = 4096;
const remembered = new Map<string, string>();

/** `format` as luxon's toFormat, or 'iso' for toISO(). */
export function localText(ms: number, zone: string, format: 'iso' | 'HH:mm' | 'HHmm' | 'yyyy-MM-dd'): string {
  const key = `${ms} ${zone} ${format}`;
  let text = remembered.get(key);
  if (text === undefined) {
    const at = inZone(ms, zone);
    text = (format === 'iso' ? at.toISO() : at.toFormat(format)) ?? '';
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(key, text);
  }
  return text;
}

export const isoInZone = (ms: number, zone: string): IsoInstant => localText(ms, zone, 'iso');
