/**
 * The console's memory of a year's pages (client/year-page-cache.ts): served again only while the year's history
 * has not grown, never past the next cut-off, and never longer than its bound. The year is a stand-in whose
 * history length and answers the test sets; instants are fixed in 2049, in Hanoi's offset.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { nextTurnAfter, YearPageCache } from '../../client/year-page-cache';
import type { YearPage } from '../../client/year-page';

const DUE = '2049-06-14T23:59:59.999+07:00';
const CONFERENCE = '2049-06-20T08:00:00+07:00';
const BEFORE_DUE = Date.parse('2049-06-14T23:59:57.000+07:00');

/** A year whose worker answers `yearPage` with the cell's state it has been told, and counts the questions. */
class StandInYear {
  historyLength = 40;
  runId = 'run-1';
  state = 'not-due';
  queries: string[] = [];
  answer?: Promise<void>;
  fail = false;

  readonly handle = {
    workflowId: 'khoi-4-2049',
    describe: async () => ({ runId: this.runId, historyLength: this.historyLength }),
    query: async (_query: unknown, input: { at: string }) => {
      this.queries.push(input.at);
      await this.answer;
      if (this.fail) throw new Error('không có worker nào đang chạy');
      return page(this.state);
    },
  } as unknown as WorkflowHandle;
}

const page = (state: string): YearPage =>
  ({
    view: { at: '', cells: [{ itemId: 'bao-cao', unitId: 'so-a', state, dueAt: DUE }] },
    schedule: { items: [{ id: 'hoi-nghi', at: CONFERENCE }, { id: 'bao-cao', at: DUE }] },
    stage: {},
  }) as unknown as YearPage;

const stateOf = (p: YearPage) => p.view.cells[0]?.state;

test('a year read again with its history unchanged is served from memory; a record anywhere makes it read afresh', async () => {
  const year = new StandInYear();
  const views = new YearPageCache();
  expect(stateOf(await views.read(year.handle, BEFORE_DUE - 10_000))).toBe('not-due');
  expect(stateOf(await views.read(year.handle, BEFORE_DUE - 9_000))).toBe('not-due');
  expect(year.queries).toHaveLength(1);

  // The CLI records the submission: the history grows, and the very next page shows it.
  year.state = 'submitted-on-time';
  year.historyLength += 3;
  expect(stateOf(await views.read(year.handle, BEFORE_DUE - 8_000))).toBe('submitted-on-time');
  expect(year.queries).toHaveLength(2);
});

test('a new run of the year (continued as new) is read afresh even at the same history length', async () => {
  const year = new StandInYear();
  const views = new YearPageCache();
  await views.read(year.handle, BEFORE_DUE - 10_000);
  year.runId = 'run-2';
  await views.read(year.handle, BEFORE_DUE - 9_000);
  expect(year.queries).toHaveLength(2);
});

test('a view is not served past the next cut-off: the unit turns overdue on the instant, not seconds later', async () => {
  const year = new StandInYear();
  const views = new YearPageCache({ maxAgeMs: 60_000 });
  await views.read(year.handle, BEFORE_DUE);
  await views.read(year.handle, Date.parse(DUE) - 1);
  expect(year.queries).toHaveLength(1);
  year.state = 'overdue';
  expect(stateOf(await views.read(year.handle, Date.parse(DUE) + 1))).toBe('overdue');
  expect(year.queries).toHaveLength(2);
});

test('nor longer than its bound, so a duration read from it is never older than that', async () => {
  const year = new StandInYear();
  const views = new YearPageCache({ maxAgeMs: 5_000 });
  const judged = Date.parse(DUE) + 3_600_000;
  await views.read(year.handle, judged);
  await views.read(year.handle, judged + 4_999);
  await views.read(year.handle, judged + 5_000);
  expect(year.queries).toHaveLength(2);
  // A clock set back (a test's, a corrected server's) is not served a view judged after it.
  await views.read(year.handle, judged);
  expect(year.queries).toHaveLength(3);
});

test('no memory at a bound of 0, and none for a server that does not count its history', async () => {
  const off = new StandInYear();
  const views = new YearPageCache({ maxAgeMs: 0 });
  await views.read(off.handle, BEFORE_DUE - 10_000);
  await views.read(off.handle, BEFORE_DUE - 10_000);
  expect(off.queries).toHaveLength(2);

  const uncounted = new StandInYear();
  uncounted.historyLength = 0;
  const counting = new YearPageCache();
  await counting.read(uncounted.handle, BEFORE_DUE - 10_000);
  await counting.read(uncounted.handle, BEFORE_DUE - 9_000);
  expect(uncounted.queries).toHaveLength(2);
});

test('pages asked for while the worker answers share its answer; a failed answer is not remembered', async () => {
  const year = new StandInYear();
  const views = new YearPageCache();
  let answer = () => undefined as void;
  year.answer = new Promise<void>((resolve) => (answer = resolve));
  const pages = Array.from({ length: 30 }, (_, i) => views.read(year.handle, BEFORE_DUE - 10_000 + i));
  answer();
  expect((await Promise.all(pages)).map(stateOf)).toEqual(Array(30).fill('not-due'));
  expect(year.queries).toHaveLength(1);

  year.historyLength += 1;
  year.fail = true;
  await expect(views.read(year.handle, BEFORE_DUE - 9_000)).rejects.toThrow('không có worker');
  year.fail = false;
  expect(stateOf(await views.read(year.handle, BEFORE_DUE - 8_000))).toBe('not-due');
  expect(year.queries).toHaveLength(3);
});

test('the years held are bounded: the one read longest ago is dropped first', async () => {
  const views = new YearPageCache({ maxYears: 2 });
  const years = ['a', 'b', 'c'].map((id) => {
    const year = new StandInYear();
    Object.assign(year.handle, { workflowId: id });
    return year;
  });
  const [a, b, c] = years as [StandInYear, StandInYear, StandInYear];
  await views.read(a.handle, BEFORE_DUE - 10_000);
  await views.read(b.handle, BEFORE_DUE - 10_000);
  await views.read(a.handle, BEFORE_DUE - 9_000);
  await views.read(c.handle, BEFORE_DUE - 9_000);
  await views.read(a.handle, BEFORE_DUE - 8_000);
  await views.read(b.handle, BEFORE_DUE - 8_000);
  expect(years.map((y) => y.queries.length)).toEqual([1, 2, 1]);
});

test('the next turn is the first cut-off or event after the instant judged', () => {
  expect(nextTurnAfter(page('not-due'), BEFORE_DUE)).toBe(Date.parse(DUE));
  expect(nextTurnAfter(page('overdue'), Date.parse(DUE))).toBe(Date.parse(CONFERENCE));
  expect(nextTurnAfter(page('overdue'), Date.parse(CONFERENCE))).toBe(Number.POSITIVE_INFINITY);
});

describe('where a year stands, for the overview', () => {
  /** The stand-in year also answers the stage query, counted apart. */
  const staged = () => {
    const year = new StandInYear();
    const stages: string[] = [];
    const query = year.handle.query.bind(year.handle);
    Object.assign(year.handle, {
      query: async (q: { name: string }, input: { at: string }) => {
        if (q.name !== 'stage') return query(q as never, input);
        stages.push(q.name);
        return { stage: year.historyLength > 40 ? 'awaiting-handover' : 'running' };
      },
    });
    return { year, stages };
  };

  test('is asked once while the history is unchanged, however long ago, and again once it grows', async () => {
    const { year, stages } = staged();
    const views = new YearPageCache({ maxAgeMs: 5_000 });
    expect((await views.stage(year.handle)).stage).toBe('running');
    expect((await views.stage(year.handle)).stage).toBe('running');
    expect(stages).toHaveLength(1);
    year.historyLength += 2;
    expect((await views.stage(year.handle)).stage).toBe('awaiting-handover');
    expect(stages).toHaveLength(2);
  });

  test('comes from a page read at the same history, even one too old to show again', async () => {
    const { year, stages } = staged();
    const views = new YearPageCache({ maxAgeMs: 5_000 });
    await views.read(year.handle, BEFORE_DUE - 60_000);
    await views.stage(year.handle);
    expect([year.queries.length, stages.length]).toEqual([1, 0]);
  });

  test('is asked every time when the console keeps nothing', async () => {
    const { year, stages } = staged();
    const views = new YearPageCache({ maxAgeMs: 0 });
    await views.stage(year.handle);
    await views.stage(year.handle);
    expect(stages).toHaveLength(2);
  });
});
