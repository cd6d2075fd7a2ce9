/**
 * Safe evolution: every history under test/histories/ (a whole year, recorded from real runs) must
 * replay against today's workflow code. A change that would break a running year fails here; such a
 * change goes behind `patched()`, and the old history stays to prove the old path still replays.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../worker/data-converter';
import { HISTORIES_DIR } from '../support/histories';
import { bundleWorkflows } from '../support/temporal';

const dir = HISTORIES_DIR;
const histories = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('there are recorded histories to replay', () => {
  expect(histories.length).toBeGreaterThan(0);
});

test.each(histories)('%s replays on the current workflow code', async (file) => {
  const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: await bundleWorkflows(), dataConverter }, history, file);
});
