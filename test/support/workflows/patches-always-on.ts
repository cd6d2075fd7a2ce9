/** Negative control for the replay test: workflows/patches.ts as if the release had shipped its change unguarded. */
import type { patches as real } from '../../../workflows/patches';

export const patches: typeof real = { scheduleRecorded: () => true, yearStaysOpen: () => true };
