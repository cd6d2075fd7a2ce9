/**
 * A year's page when the engine cannot answer for it: no worker runs for the year (stopped, crashed, not yet
 * deployed). The page says since when, in the page's words, and reloads itself; it is never a 500 with a stack.
 * A year still being planned answers the same way (test/unit/web-security.test.ts maps the workflow's words).
 *
 * @devserver
 */
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DateTime } from 'luxon';
import { freePort } from '../../scripts/provision';
import { createConsole } from '../../web/app';
import { startBlocYear } from '../../client/start-year';
import { amendPreviousRanking } from '../../workflows/messages';
import { startEngine } from '../support/engine';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, fixtureBlocs, planned, startWebFixture, WebAgent, type WebFixture } from '../support/web';

let fx: WebFixture;

beforeAll(async () => {
  // A view is shown again for a minute at most while its year's history has not grown: longer than the worker's stop.
  fx = await startWebFixture({ answerWithinMs: 3_000, viewMaxAgeMs: 60_000 });
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

test('a year whose worker has stopped: its page as last read while its history is unchanged; once it grows, 503, since when the engine is quiet, and the page reloads itself; other years still answer', async () => {
  // This year's only worker runs it, plans it, and stops.
  const lone = await startEngine(fx.env, fx.smtp.url, { ownConnection: true });
  const [config] = fixtureBlocs();
  if (!config) throw new Error('the fixture has blocs');
  const year = fx.year - 1;
  const { workflowId } = await startBlocYear(fx.env.client, config, year, { taskQueue: lone.taskQueue, now: new Date(fx.clock()) });
  const handle = fx.env.client.workflow.getHandle(workflowId);
  await planned(handle);

  const agent = new WebAgent(fx.web.url);
  await agent.signIn(ACCOUNTS.secretariat.name);
  const matrix = `/khoi/${config.bloc.id}/${year}`;
  const read = await (await agent.request(matrix)).text();
  await lone.shutdown();
  // Nothing was recorded since: the console shows what it read, without a worker to ask.
  const remembered = await agent.request(matrix);
  expect(remembered.status).toBe(200);
  expect(await remembered.text()).toBe(read);

  // The history grows (a signal the server takes without a worker): the page must ask the year's worker again.
  // A ranking for a year before this one, which this year does not hold: it changes nothing but the history.
  await handle.signal(amendPreviousRanking, { year: year - 1, ranking: { bonusSettled: true, maxTotal: 100, rows: [], proposals: [] } });
  const minute = (ms: number) => DateTime.fromMillis(ms, { zone: 'Asia/Ho_Chi_Minh' }).toFormat('dd/MM/yyyy HH:mm');
  const asked = fx.clock();
  const first = await agent.request(matrix);
  const page = await first.text();
  // The page's words go with the status, so that a failure says what the console answered instead.
  expect([first.status, first.headers.get('refresh'), /role="alert">([^<]*)/.exec(page)?.[1]]).toEqual([503, '15', expect.stringMatching(/^Bộ máy nhắc hạn không trả lời từ/)]);
  const since = /Bộ máy nhắc hạn không trả lời từ (\d\d\/\d\d\/\d{4} \d\d:\d\d): không có worker nào đang chạy/.exec(page)?.[1];
  expect([minute(asked), minute(fx.clock())]).toContain(since);
  // Asked again, the page keeps the first moment it found the engine quiet.
  const again = await (await agent.request(`/khoi/${config.bloc.id}/${year}/lich`)).text();
  expect(again).toContain(`không trả lời từ ${since}`);

  // A year with its worker answers as ever.
  expect((await agent.request(`/khoi/${config.bloc.id}/${fx.year}`)).status).toBe(200);
});

test('readers of one remembered view share its matrix, each page with its own name, form token and language', async () => {
  const readers = [ACCOUNTS.secretariat, ACCOUNTS.leader, ACCOUNTS.board].map((account) => ({ account, agent: new WebAgent(fx.web.url) }));
  for (const { account, agent } of readers) await agent.signIn(account.name);
  const matrix = `/khoi/${fixtureBlocs()[0]?.bloc.id}/${fx.year}`;
  const pages = await Promise.all(readers.map(async ({ agent }) => (await agent.request(matrix)).text()));
  const token = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  const body = (page: string) => page.slice(page.indexOf('<main>'));

  expect(new Set(pages.map(token)).size).toBe(3);
  readers.forEach(({ account }, i) => {
    const page = pages[i] ?? '';
    expect(page).toContain(`<span>${account.name} (`);
    for (const [j, other] of readers.entries()) if (j !== i) expect(page).not.toContain(`<span>${other.account.name} (`);
    for (const [j, theirs] of pages.entries()) if (j !== i) expect(page).not.toContain(token(theirs));
  });
  expect(new Set(pages.map(body)).size).toBe(1);

  // The same view read in English is drawn in English, and the Vietnamese readers' matrix stays Vietnamese.
  const [first] = readers;
  await first?.agent.request(`/ngon-ngu?lang=en&next=${encodeURIComponent(matrix)}`);
  const english = await (await first?.agent.request(matrix))?.text();
  expect(english).toContain('<th scope="col">Unit</th>');
  expect(await (await readers[1]?.agent.request(matrix))?.text()).toContain('<th scope="col">Đơn vị</th>');
});

test('/suc-khoe: 200 while the Temporal frontend answers, without a session; 503 from a console whose Temporal is gone', async () => {
  const health = await fetch(`${fx.web.url}/suc-khoe`, { redirect: 'manual' });
  expect([health.status, await health.json()]).toEqual([200, { console: 'ok', temporal: 'ok' }]);

  // A port nothing listens on: the connection is tried at the first call, and fails.
  const nowhere = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
  const orphan = createConsole({ client: nowhere, accountsFile: join(fx.dir, 'none.json'), secrets: { secret: 'x'.repeat(40), secure: false } });
  const down = await orphan.request('/suc-khoe');
  expect([down.status, await down.json()]).toEqual([503, { console: 'ok', temporal: 'không trả lời / not answering' }]);
});
