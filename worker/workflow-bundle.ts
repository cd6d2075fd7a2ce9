/**
 * The workflow code as every worker loads it: one webpack bundle, written by `npm run build`
 * (scripts/bundle-workflows.ts) beside the compiled engine, as the SDK's production sample does. A worker
 * then starts without webpack, and every worker of a release runs byte-for-byte the same workflow code.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../config/errors';

export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

/** In the compiled engine: dist/workflow-bundle.js. */
export const WORKFLOW_BUNDLE = path.join(__dirname, '..', WORKFLOW_BUNDLE_FILE);

/** The worker's `workflowBundle` option, refused in words when the build has not written it. */
export function builtWorkflowBundle(codePath = WORKFLOW_BUNDLE): { codePath: string } {
  if (!existsSync(codePath)) throw new InputError(`${codePath} không có: hãy chạy npm run build / missing: run npm run build`);
  return { codePath };
}
