/**
 * Negative controls for the replay test: workflows/patches.ts with some patches forced on or off, as if a
 * release had shipped its change unguarded or a later one had dropped its path. Which ones, the replay test
 * sets when it bundles this module in place of the real one.
 */
import { patches as real } from '../../../workflows/patches';

declare const FORCED_PATCHES: Partial<Record<keyof typeof real, boolean>>;

export const patches: typeof real = Object.fromEntries(
  Object.entries(real).map(([name, check]) => {
    const forced = FORCED_PATCHES[name as keyof typeof real];
    return [name, forced === undefined ? check : () => forced];
  }),
) as typeof real;
