/**
 * Negative controls for the replay test: workflows/patches.ts with one patch forced on or off, as if a release
 * had shipped its change unguarded or a later one had dropped its path. The replay test bundles this module in
 * place of the real one once, and names the forced patch in the workflow id it replays each history under:
 * "<patch>=on …" or "<patch>=off …". Any other id leaves every patch as it is.
 */
import { workflowInfo } from '@temporalio/workflow';
import { ask as real, patchesOfThisRun as realPatchesOfThisRun, type PatchName } from '../../../workflows/patches';

export { PATCH_IDS } from '../../../workflows/patches';
export type { PatchName, Patches } from '../../../workflows/patches';

function forced(name: PatchName): boolean | undefined {
  const named = /^(\w+)=(on|off) /.exec(workflowInfo().workflowId);
  return named?.[1] === name ? named[2] === 'on' : undefined;
}

export const ask: typeof real = Object.fromEntries(
  Object.entries(real).map(([name, check]) => [name, () => forced(name as PatchName) ?? check()]),
) as typeof real;

export const patchesOfThisRun: typeof realPatchesOfThisRun = () => realPatchesOfThisRun(ask);

/** The workflow id under which a history replays with `name` forced on or off. */
export function forcedWorkflowId(name: PatchName, on: boolean, rest: string): string {
  return `${name}=${on ? 'on' : 'off'} ${rest}`;
}
