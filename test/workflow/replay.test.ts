/**
 * No release may break a year already running: every history under test/histories/ (whole years recorded
 * by the tests of each release, docs/versioning.md) must replay against the workflow code as it now stands.
 *
 * Negative controls keep the test honest: the same code with its patch markers forced on (the change
 * shipped without `patched()`) must fail on the previous release's histories, and forced off (the new path
 * dropped) must fail on this release's. A replay test that passed both would prove nothing.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { NormalModuleReplacementPlugin } from 'webpack';
import { version } from '../../package.json';
import { dataConverter } from '../../worker/data-converter';
import { recordedHistories, type RecordedHistory } from '../support/histories';
import { bundleWorkflows } from '../support/temporal';

const histories = recordedHistories();
const previous = histories.filter((h) => h.release !== version);
const current = histories.filter((h) => h.release === version);

function replay(bundle: WorkflowBundleWithSourceMap, h: RecordedHistory): Promise<void> {
  const history = JSON.parse(readFileSync(h.path, 'utf8'));
  return Worker.runReplayHistory({ workflowBundle: bundle, dataConverter }, history, `${h.release}/${h.file}`);
}

/** The engine's workflows with workflows/patches.ts swapped for a module whose every patch answers `on`. */
function bundleWithPatches(on: boolean): Promise<WorkflowBundleWithSourceMap> {
  const forced = path.join(__dirname, '..', 'support', 'workflows', on ? 'patches-always-on.ts' : 'patches-always-off.ts');
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), new NormalModuleReplacementPlugin(/^\.\/patches$/, forced)],
    }),
  });
}

test('the previous release left histories to replay, and this release has recorded its own', () => {
  expect(previous.map((h) => h.release)).toContain('0.1.0');
  expect(current.map((h) => h.file).sort()).toEqual(['seed-plan-year.json', 'small-bloc-year.json']);
});

test.each(histories.map((h) => [`${h.release}/${h.file}`, h] as const))('%s replays on the current workflow code', async (_name, h) => {
  await replay(await bundleWorkflows(), h);
});

describe('negative controls', () => {
  test.each(previous.map((h) => [`${h.release}/${h.file}`, h] as const))(
    '%s does not replay if this release had shipped without its patch markers',
    async (_name, h) => {
      await expect(replay(await bundleWithPatches(true), h)).rejects.toThrow(DeterminismViolationError);
    },
  );

  test.each(current.map((h) => [`${h.release}/${h.file}`, h] as const))(
    '%s does not replay if the next release dropped this one’s new path',
    async (_name, h) => {
      await expect(replay(await bundleWithPatches(false), h)).rejects.toThrow(DeterminismViolationError);
    },
  );
});
