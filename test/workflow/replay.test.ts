/**
 * No release may break a year already running: every history under test/histories/ (whole years recorded
 * by the tests of each release, docs/versioning.md) must replay against the workflow code as it now stands.
 *
 * Negative controls keep the test honest, patch by patch: the code with one patch forced on (its change shipped
 * without `patched()`) must fail on the histories of the releases before the patch, and forced off (the next
 * release dropping its path) must fail on the histories of the patch's own release. A replay test that passed
 * those would prove nothing.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleOption, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DefinePlugin, NormalModuleReplacementPlugin } from 'webpack';
import { version } from '../../package.json';
import { dataConverter } from '../../worker/data-converter';
import { PATCH_IDS } from '../../workflows/patches';
import { recordedHistories, type RecordedHistory } from '../support/histories';
import { replayRuns } from '../support/replay-histories';
import { ENGINE_BUNDLE } from '../support/temporal';

const histories = recordedHistories();
const previous = histories.filter((h) => h.release !== version);
const current = histories.filter((h) => h.release === version);

function replay(bundle: WorkflowBundleOption, h: RecordedHistory): Promise<void> {
  const history = JSON.parse(readFileSync(h.path, 'utf8'));
  return Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, history, `${h.release}/${h.file}`);
}

type PatchName = keyof typeof PATCH_IDS;

const forcedBundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/**
 * The engine's workflows with workflows/patches.ts swapped for one where `name` is forced `on` or off: built
 * once for each patch and side, whichever histories it is tried on.
 */
function bundleWithPatch(name: PatchName, on: boolean): Promise<WorkflowBundleWithSourceMap> {
  const key = `${name}:${on}`;
  const known = forcedBundles.get(key) ?? buildWithPatch(name, on);
  forcedBundles.set(key, known);
  return known;
}

function buildWithPatch(name: PatchName, on: boolean): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new NormalModuleReplacementPlugin(/^\.\/patches$/, path.join(__dirname, '..', 'support', 'workflows', 'patches-forced.ts')),
        new DefinePlugin({ FORCED_PATCHES: JSON.stringify({ [name]: on }) }),
      ],
    }),
  });
}

/** "0.3-year-stays-open" came with release 0.3.x. */
const releaseOf = (name: PatchName) => PATCH_IDS[name].split('-')[0] ?? '';
const sameRelease = (patch: string, history: string) => history === patch || history.startsWith(`${patch}.`);
const before = (patch: string, history: string) => history.localeCompare(patch, undefined, { numeric: true }) < 0 && !sameRelease(patch, history);

type Control = [title: string, patch: PatchName, on: boolean, history: RecordedHistory];
const controls: Control[] = (Object.keys(PATCH_IDS) as PatchName[]).flatMap((name) =>
  histories.flatMap((h): Control[] => {
    const patchRelease = releaseOf(name);
    if (before(patchRelease, h.release)) return [[`${h.release}/${h.file} with ${PATCH_IDS[name]} forced on`, name, true, h]];
    if (sameRelease(patchRelease, h.release)) return [[`${h.release}/${h.file} with ${PATCH_IDS[name]} forced off`, name, false, h]];
    return [];
  }),
);

test('the previous release left histories to replay, and this release has recorded its own', () => {
  expect(previous.map((h) => h.release)).toContain('0.1.0');
  expect(current.map((h) => h.file).sort()).toEqual(['declared-year.json', 'scored-year.json', 'seed-plan-year.json', 'small-bloc-year.json']);
});

test.each(histories.map((h) => [`${h.release}/${h.file}`, h] as const))('%s replays on the current workflow code', async (_name, h) => {
  await replay(ENGINE_BUNDLE, h);
});

describe('negative controls', () => {
  test('every patch has histories on both sides', () => {
    for (const name of Object.keys(PATCH_IDS) as PatchName[]) {
      expect(controls.filter(([, n, on]) => n === name && on)).not.toHaveLength(0);
      expect(controls.filter(([, n, on]) => n === name && !on)).not.toHaveLength(0);
    }
  });

  test.each(controls)('%s does not replay', async (_name, patch, on, h) => {
    await expect(replay(await bundleWithPatch(patch, on), h)).rejects.toThrow(DeterminismViolationError);
  });

  // The replay every test engine runs when it stops (support/replay-histories.ts) fails the same way, naming the run.
  test('the replay of a test engine\'s runs names the run that does not replay', async () => {
    const [, patch, on, h] = controls[0] ?? [];
    if (!patch || on === undefined || !h) throw new Error('no negative control');
    const run = { workflowId: `${h.release}/${h.file}`, runId: 'recorded', history: JSON.parse(readFileSync(h.path, 'utf8')) };
    await expect(replayRuns(ENGINE_BUNDLE, [run])).resolves.toBeUndefined();
    await expect(replayRuns(await bundleWithPatch(patch, on), [run])).rejects.toThrow(`1 of 1 runs do not replay on the code that ran them:\n${run.workflowId} (`);
  });
});
