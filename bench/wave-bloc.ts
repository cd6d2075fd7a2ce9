/**
 * The wave's blocs: `blocs` blocs of `units` units, each with one event whose reminder falls at the same
 * instant, and the messages the bloc-year workflow builds for that instant (its own agenda and builder).
 */
import { DateTime } from 'luxon';
import type { OutgoingMessage } from '../activities/types';
import { planYear } from '../calendar/schedule';
import type { BlocConfig } from '../config/schema';
import { waveBloc } from '../test/support/fixtures';
import { agenda } from '../workflows/agenda';
import { initialState } from '../workflows/model';
import { buildMessage } from '../workflows/outgoing';
import { planRequestOf } from '../workflows/plan';

export const ZONE = 'Asia/Ho_Chi_Minh';

export interface WaveShape {
  /** Tells one run's blocs (workflow ids, message keys, addresses) from another's. */
  tag: string;
  blocs: number;
  units: number;
  /** The reminders' instant: a whole minute (the plan's times are to the minute). */
  atMs: number;
  /**
   * How long after the reminders their event begins (default 1 minute). A reminder not yet sent when its event
   * begins is no longer owed: a wave that may take longer than a minute to go out wants a longer lead.
   */
  leadMinutes?: number;
}

export function unitAddress(tag: string, bloc: number, unit: number): string {
  return `vanthu@u${unit}.${tag}-b${bloc}.example.vn`;
}

export function expectedAddresses(shape: WaveShape): string[] {
  return Array.from({ length: shape.blocs * shape.units }, (_, i) => unitAddress(shape.tag, Math.floor(i / shape.units) + 1, (i % shape.units) + 1));
}

/** The event starts `leadMinutes` after the wave, and its only reminder is that long before it. */
export function blocOfWave(shape: WaveShape, bloc: number): BlocConfig {
  return waveBloc({
    units: shape.units,
    reminderAt: DateTime.fromMillis(shape.atMs, { zone: ZONE }),
    address: (unit) => unitAddress(shape.tag, bloc, unit),
    id: `${shape.tag}-b${bloc}`,
    name: `Khối ${shape.tag} số ${bloc}`,
    ...(shape.leadMinutes !== undefined && { leadMinutes: shape.leadMinutes }),
  });
}

export function waveYear(shape: WaveShape): number {
  return DateTime.fromMillis(shape.atMs, { zone: ZONE }).plus({ minutes: 1 }).year;
}

/** What the bloc's year sends at the wave's instant, built as the workflow builds it. */
export function waveMessages(shape: WaveShape, bloc: number): OutgoingMessage[] {
  const config = blocOfWave(shape, bloc);
  const startedAt = DateTime.fromMillis(shape.atMs - 60_000, { zone: ZONE }).toISO() ?? '';
  const state = initialState({ config, year: waveYear(shape) }, startedAt);
  const schedule = planYear(planRequestOf(state));
  return agenda(schedule, state, shape.atMs).messages.map((m) => buildMessage(state, schedule, m, shape.atMs));
}
