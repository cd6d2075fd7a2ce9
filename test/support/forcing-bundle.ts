/**
 * The engine's workflows with workflows/patches.ts swapped for support/workflows/patches-forced.ts, which forces
 * the patch named in the workflow id (forcedWorkflowId): one bundle for every negative control, built once per
 * test file. A worker running it acts as a release with that patch shipped unguarded, or its path dropped.
 */
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { NormalModuleReplacementPlugin } from 'webpack';

let forcing: Promise<WorkflowBundleWithSourceMap> | undefined;

export function forcingBundle(): Promise<WorkflowBundleWithSourceMap> {
  forcing ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), new NormalModuleReplacementPlugin(/^\.\/patches$/, path.join(__dirname, 'workflows', 'patches-forced.ts'))],
    }),
  });
  return forcing;
}
