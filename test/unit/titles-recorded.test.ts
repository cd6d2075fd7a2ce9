/**
 * The years already recorded (test/histories) carry their plan, parsed by the schema of their release, in the
 * workflow's input. The scoring table's schema, with the titles' new fields, reads each of them back to exactly
 * what was recorded: nothing added, nothing refused. (That the workflows replay is test/workflow/replay.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { scoringTableSchema } from '../../config/scoring';
import { GzipPayloadCodec } from '../../worker/data-converter';
import { recordedHistories } from '../support/histories';

interface StartInput {
  config?: { scoring?: { titles?: unknown[] } };
}

async function startInput(file: string): Promise<StartInput> {
  const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
  const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  const [first] = await new GzipPayloadCodec().decode(payloads);
  return first ? defaultPayloadConverter.fromPayload<StartInput>(first) : {};
}

const histories = recordedHistories();

it('some recorded year has a scoring table with titles', async () => {
  const tables = await Promise.all(histories.map(async (h) => (await startInput(h.path)).config?.scoring));
  expect(tables.filter((t) => (t?.titles?.length ?? 0) > 0).length).toBeGreaterThan(0);
});

it.each(histories.map((h) => [`${h.release}/${h.file}`, h.path]))('%s: its scoring table parses to what was recorded', async (_name, file) => {
  const table = (await startInput(file)).config?.scoring;
  if (table === undefined) return;
  expect(scoringTableSchema.parse(table)).toEqual(table);
});
