/** The year's record, read-only: the reminder log, the year's dates as they stand, the declarations awaiting an answer. */
import { Hono } from 'hono';
import { onBlocYear } from '../../client/workflow-handle';
import { declarationsQuery, logQuery } from '../../workflows/messages';
import { logPage } from '../pages/log';
import { pendingPage } from '../pages/pending';
import { timelinePage } from '../pages/timeline';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { refOf } from './year';

export function recordRoutes({ client, reader: { frame }, yearNow }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/khoi/:bloc/:year/nhat-ky', async (c) => {
    const { view, schedule, log } = await onBlocYear(client, refOf(c), async (h) => ({ ...(await yearNow(h)), log: await h.query(logQuery) }));
    return c.html(logPage(frame(c), { view, schedule, log }, { digests: c.req.query('tong-hop') === '1', unitId: c.req.query('don-vi') || undefined }));
  });

  app.get('/khoi/:bloc/:year/lich', async (c) => {
    const ref = refOf(c);
    const { view, schedule, stage } = await onBlocYear(client, ref, yearNow);
    return c.html(timelinePage(frame(c), { blocId: ref.bloc, year: ref.year, schedule, stage, at: view.at }));
  });

  app.get('/khoi/:bloc/:year/cho-xac-nhan', async (c) => {
    const { view, schedule, declarations } = await onBlocYear(client, refOf(c), async (h) => ({ ...(await yearNow(h)), declarations: await h.query(declarationsQuery) }));
    return c.html(pendingPage(frame(c), { view, schedule, declarations }));
  });

  return app;
}
