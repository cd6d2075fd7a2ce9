import type { Client, WorkflowHandle } from '@temporalio/client';
import type { StageView } from '../../workflows/messages';
import { Hono } from 'hono';
import type { Account } from '../../client/accounts';
import { SharedListing } from '../../client/listed-years';
import { withStages } from '../../client/year-stages';
import { overviewPage } from '../pages/overview';
import type { Env } from './options';
import type { Reader } from './reader';

/**
 * The console's main page: the years the account may see, or, for the whole province's board, every bloc's.
 * `stageOf`: where a year stands, from the console's memory of it while the year is unchanged.
 */
export function overviewRoute(client: Client, { frame }: Reader, stageOf: (handle: WorkflowHandle) => Promise<StageView>, mailbox = false): Hono<Env> {
  const app = new Hono<Env>();
  const listing = new SharedListing(client);
  app.get('/', async (c) => {
    const account = c.get('account') as Account;
    if (account.blocs !== 'all' && account.blocs.length === 0) return c.html(overviewPage(frame(c), [], false, mailbox));
    // Bloc ids are checked against a slug pattern when the accounts file is read, so they quote safely.
    const blocs = account.blocs === 'all' ? '' : ` AND BlocId IN (${account.blocs.map((b) => `'${b}'`).join(', ')})`;
    const years = await listing.find(`ExecutionStatus = 'Running'${blocs}`);
    years.sort((a, b) => a.blocId.localeCompare(b.blocId) || b.year - a.year);
    const province = account.role === 'board' && account.blocs === 'all';
    return c.html(overviewPage(frame(c), await withStages(client, years, stageOf), province, mailbox));
  });
  return app;
}
