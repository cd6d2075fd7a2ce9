/** The overview's visibility list: pages asked while one is on its way share it; the next page lists afresh. */
import type { Client } from '@temporalio/client';
import { SharedListing } from '../../client/listed-years';
import { BLOC_ID, BLOC_YEAR } from '../../workflows/search-attributes';

/** A server whose visibility lists the years it holds when the list is asked, and counts the lists. */
function visibility(held: string[]) {
  const lists: string[] = [];
  let release = () => undefined as void;
  let gate = Promise.resolve();
  const client = {
    workflow: {
      list: ({ query }: { query: string }) => {
        lists.push(query);
        const answered = [...held];
        return (async function* () {
          await gate;
          for (const bloc of answered) {
            const attrs = new Map<unknown, unknown>([
              [BLOC_ID, bloc],
              [BLOC_YEAR, 2049],
            ]);
            yield { workflowId: `${bloc}-2049`, typedSearchAttributes: { get: (key: unknown) => attrs.get(key) } };
          }
        })();
      },
    },
  } as unknown as Client;
  return {
    client,
    lists,
    hold: () => {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

test('thirty pages asked while a list is on its way cost one list; each gets its own copy to sort', async () => {
  const server = visibility(['khoi-4', 'khoi-2']);
  const listing = new SharedListing(server.client);
  server.hold();
  const pages = Array.from({ length: 30 }, () => listing.find("ExecutionStatus = 'Running'"));
  server.release();
  const years = await Promise.all(pages);
  expect(server.lists).toHaveLength(1);
  expect(years.map((y) => y.map((b) => b.blocId))).toEqual(Array(30).fill(['khoi-4', 'khoi-2']));
  years[0]?.sort((a, b) => a.blocId.localeCompare(b.blocId));
  expect(years[1]?.map((b) => b.blocId)).toEqual(['khoi-4', 'khoi-2']);
});

test('a page asked after the list came back lists afresh, and sees a year started since', async () => {
  const held = ['khoi-4'];
  const server = visibility(held);
  const listing = new SharedListing(server.client);
  expect((await listing.find('q')).map((y) => y.blocId)).toEqual(['khoi-4']);
  held.push('khoi-5');
  expect((await listing.find('q')).map((y) => y.blocId)).toEqual(['khoi-4', 'khoi-5']);
  expect(server.lists).toHaveLength(2);
});

test('different queries (accounts of different blocs) are listed apart', async () => {
  const server = visibility(['khoi-4']);
  const listing = new SharedListing(server.client);
  server.hold();
  const both = Promise.all([listing.find("BlocId IN ('khoi-4')"), listing.find("BlocId IN ('khoi-2')")]);
  server.release();
  await both;
  expect(server.lists).toEqual(["BlocId IN ('khoi-4')", "BlocId IN ('khoi-2')"]);
});
