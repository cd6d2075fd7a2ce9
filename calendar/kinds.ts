import type { ItemKind } from '../config/schema';

/**
 * Deadlines and tasks end at a cut-off, roll off days off and are chased after it; events and handovers
 * are moments.
 */
export function hasCutOff(kind: ItemKind): boolean {
  return kind === 'deadline' || kind === 'task';
}

/** Deadlines, tasks and events are announced ahead; the handover is announced when it happens. */
export function isAnnouncedAhead(kind: ItemKind): boolean {
  return kind === 'event' || hasCutOff(kind);
}
