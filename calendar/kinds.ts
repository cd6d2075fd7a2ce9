import type { ItemKind } from '../config/schema';

/**
 * Deadlines and tasks end at a cut-off, roll off days off and are chased after it; events and handovers
 * are moments.
 */
export function hasCutOff(kind: ItemKind): boolean {
  return kind === 'deadline' || kind === 'task';
}
