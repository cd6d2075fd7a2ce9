/**
 * `npm run build`'s second step: bundles the compiled workflows once into dist/workflow-bundle.js
 * (worker/workflow-bundle.ts), which the worker and the tests load instead of running webpack each.
 * Written to a temporary file and renamed, so that a worker starting meanwhile never reads half a bundle.
 */
import { rename, writeFile } from 'node:fs/promises';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE } from '../worker/workflow-bundle';

export async function bundleWorkflows(target = WORKFLOW_BUNDLE): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, code);
  await rename(tmp, target);
}

if (require.main === module) {
  bundleWorkflows().catch((err: Error) => {
    process.stderr.write(`bundle-workflows: ${err.message}\n`);
    process.exit(1);
  });
}
