/** Negative control for the replay test: workflows/patches.ts as if a later release had dropped this one's new path. */
import type { patches as real } from '../../../workflows/patches';

export const patches: typeof real = { scheduleRecorded: () => false, yearStaysOpen: () => false };
