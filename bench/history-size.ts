/**
 * How much history a bloc's year writes: the seed plan of Bloc No. 4 carried out for a whole year on
 * the time-skipping server, for blocs of several sizes, with realistic submissions (most on time after
 * a reminder or two, some late, some never). Reports events per run, per unit, and the runs a year
 * takes, against the server's suggested continue-as-new threshold of 4,096 events.
 *
 *   npm run bench            # writes bench/REPORT.md
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadBlocConfig } from '../config/load';
import type { BlocConfig } from '../config/schema';
import { FIXTURE_YEAR as Y } from '../test/support/fixtures';
import { startTimeSkippingEngine, type TimeSkippingEngine } from '../test/support/time-skipping-engine';
import * as msg from '../workflows/messages';

const SIZES = (process.env.BENCH_SIZES ?? '9,20,50,200').split(',').map(Number);
/** The server suggests continuing as new from here; the engine treats it as its own ceiling too. */
const SUGGESTED = 4096;
const SEED = path.join(__dirname, '..', '..', 'config', 'blocs', 'dak-nong-khoi-4.yaml');

/** Days for the plan's windows, as a secretariat would set them. */
const WINDOW_DAYS: Record<string, string> = {
  'dang-ky-thi-dua': `${Y}-04-20`,
  'giao-luu-ngay-le': `${Y}-04-28`,
  'giao-luu-dien-hinh': `${Y}-06-10`,
  'hoi-nghi-so-ket': `${Y}-06-30`,
  'hoi-thao': `${Y}-08-20`,
  'giao-luu-toa-dam': `${Y}-09-15`,
  'tong-hop-cuoi-nam': `${Y + 1}-01-10`,
  'hoi-nghi-tong-ket': `${Y + 1}-01-14`,
};

function blocOf(units: number): BlocConfig {
  const seed = loadBlocConfig(SEED);
  if (units <= seed.units.length) return seed;
  const extra = Array.from({ length: units - seed.units.length }, (_, i) => ({
    id: `don-vi-${i + 1}`,
    name: `Đơn vị ${i + 1}`,
    emails: [`vanthu@don-vi-${i + 1}.example.vn`],
    cc: [],
  }));
  return { ...seed, bloc: { ...seed.bloc, id: `bench-${units}` }, units: [...seed.units, ...extra], roles: { ...seed.roles, rotation: undefined } };
}

interface Measure {
  units: number;
  runs: number;
  events: number;
  largestRun: number;
  updates: number;
  messages: number;
  historyBytes: number;
  seconds: number;
}

async function historyOf(handle: WorkflowHandle, engine: TimeSkippingEngine, workflowId: string) {
  const runs: number[] = [];
  let bytes = 0;
  let runId: string | undefined = (await handle.describe()).raw.workflowExecutionInfo?.execution?.runId ?? undefined;
  // Walk back from the last run: each run's first event names the run it continues.
  while (runId) {
    const history = await engine.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history.events?.length ?? 0);
    bytes += temporal.api.history.v1.History.encode(history).finish().length;
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return { runs, bytes };
}

async function measure(engine: TimeSkippingEngine, units: number): Promise<Measure> {
  const started = Date.now();
  const config = blocOf(units);
  const { workflowId } = await engine.startYear(config, Y, { maxHistoryEvents: SUGGESTED });
  const handle = engine.env.client.workflow.getHandle(workflowId);
  let updates = 0;
  for (const [itemId, date] of Object.entries(WINDOW_DAYS)) {
    await handle.executeUpdate(msg.reschedule, { args: [{ itemId, date }] });
    updates++;
  }
  const plan = await handle.query(msg.timelineQuery);
  const deadlines = plan.items.filter((i) => (i.kind === 'deadline' || i.kind === 'task') && i.at).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  for (const item of deadlines) {
    const due = Date.parse(item.at ?? '');
    // 80% submit four days before the cut-off, 10% two days late, 10% never.
    const onTime = item.units.filter((_, i) => i % 10 < 8);
    const late = item.units.filter((_, i) => i % 10 === 8);
    await engine.advanceTo(new Date(due - 4 * 86_400_000).toISOString());
    for (const unitId of onTime) {
      await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId, itemId: item.id }] });
      updates++;
    }
    await engine.advanceTo(new Date(due + 2 * 86_400_000).toISOString());
    for (const unitId of late) {
      await handle.executeUpdate(msg.recordSubmission, { args: [{ unitId, itemId: item.id }] });
      updates++;
    }
  }
  await handle.result();
  const messages = engine.received().length;
  const { runs, bytes } = await historyOf(handle, engine, workflowId);
  const next = engine.env.client.workflow.getHandle(`bloc-${config.bloc.id}-${Y + 1}`);
  await next.terminate('benchmark over');
  const events = runs.reduce((a, b) => a + b, 0);
  return { units, runs: runs.length, events, largestRun: Math.max(...runs), updates, messages, historyBytes: bytes, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const rows: Measure[] = [];
  for (const units of SIZES) {
    const engine = await startTimeSkippingEngine();
    try {
      const m = await measure(engine, units);
      rows.push(m);
      console.log(JSON.stringify(m));
    } finally {
      await engine.shutdown();
    }
  }
  const table = [
    '| units | runs in the year | events in all | largest run | events per unit | updates | emails | history size | wall time |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.units} | ${r.runs} | ${r.events} | ${r.largestRun} | ${(r.events / r.units).toFixed(1)} | ${r.updates} | ${r.messages} | ${(r.historyBytes / 1024 / 1024).toFixed(1)} MiB | ${r.seconds.toFixed(0)} s |`,
    ),
  ].join('\n');
  const report = `# History size of a bloc's year

Measured by \`npm run bench\` (bench/history-size.ts) on ${new Date().toISOString().slice(0, 10)}, on the time-skipping
test server: the seed plan of Bloc No. 4 for ${Y}, every window given its day, 80% of units submitting each
deadline four days early, 10% two days late, 10% never; continue-as-new at ${SUGGESTED} events (the server's
suggestion). Emails are real, to a loopback SMTP server. Each size runs on a fresh test server, whose clock
starts at the present and only moves forward.

${table}

The year's own run ends at the handover; the next year is a new workflow, so the figures are one year's.
`;
  writeFileSync(path.join(__dirname, '..', '..', 'bench', 'REPORT.md'), report);
  console.log(report);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
