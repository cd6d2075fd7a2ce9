/** A year's page in one query, or in the three an older worker knows during a deploy. */
import { QueryNotRegisteredError, type WorkflowHandle } from '@temporalio/client';
import { readYearPage } from '../../client/year-page';
import { YEAR_BEING_PLANNED } from '../../workflows/messages';

/** A handle whose worker answers the queries named, each with its name, and refuses the others as the SDK does. */
const workerKnowing = (known: string[], asked: string[] = []) =>
  ({
    query: async (query: { name: string }) => {
      asked.push(query.name);
      if (!known.includes(query.name)) throw new QueryNotRegisteredError(`Workflow did not register a handler for ${query.name}. Registered queries: [${known.join(' ')}]`, 3);
      return query.name === 'yearPage' ? { view: 'v', schedule: 's', stage: 'g' } : query.name;
    },
  }) as unknown as WorkflowHandle;

test('one query where the worker knows it', async () => {
  const asked: string[] = [];
  expect(await readYearPage(workerKnowing(['yearPage', 'status', 'timeline', 'stage'], asked), '2049-06-20T08:00:00+07:00')).toEqual({ view: 'v', schedule: 's', stage: 'g' });
  expect(asked).toEqual(['yearPage']);
});

test('the three it had where the worker is of the release before', async () => {
  const asked: string[] = [];
  expect(await readYearPage(workerKnowing(['status', 'timeline', 'stage'], asked), '2049-06-20T08:00:00+07:00')).toEqual({ view: 'status', schedule: 'timeline', stage: 'stage' });
  expect(asked).toEqual(['yearPage', 'status', 'timeline', 'stage']);
});

test('a year still being planned is not mistaken for an older worker', async () => {
  const planning = { query: async () => Promise.reject(new QueryNotRegisteredError(YEAR_BEING_PLANNED, 3)) } as unknown as WorkflowHandle;
  await expect(readYearPage(planning, '2049-06-20T08:00:00+07:00')).rejects.toThrow(YEAR_BEING_PLANNED);
});
