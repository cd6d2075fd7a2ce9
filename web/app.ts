/**
 * The secretariat's console: thin handlers over the functions the `bloc` CLI uses (status, export, the
 * workflow's Updates), with the session, CSRF and sign-in limit of web/security.ts in front of every page.
 * Its parts are mounted in the order a request meets them: what every answer carries, who is asking, the
 * engine's bound, the codec, the form checks, then the pages.
 */
import { Hono } from 'hono';
import { nowIso } from '../client/options';
import { YearPageCache } from '../client/year-page-cache';
import { sweepStaged, uploadStoreFromEnv } from './uploads';
import { ballotRoutes } from './console/ballot-routes';
import { calendarRoutes } from './console/calendar-routes';
import { cellRoutes } from './console/cell-routes';
import { codecRoutes } from './console/codec-routes';
import { documentRoutes } from './console/document-routes';
import { EngineWatch } from './console/engine-watch';
import { errorPage, notFoundPage } from './console/error-pages';
import { formChecks } from './console/form-checks';
import { assetRoutes, securityHeaders } from './console/headers';
import { healthRoute } from './console/health-route';
import { itemRoutes } from './console/item-routes';
import { languageRoute } from './console/language-route';
import { mailboxRoutes } from './console/mailbox-routes';
import { matrixRoutes } from './console/matrix-routes';
import type { ConsoleOptions, Env } from './console/options';
import { overviewRoute } from './console/overview-route';
import type { ConsoleParts } from './console/parts';
import { createReader } from './console/reader';
import { recordRoutes } from './console/record-routes';
import { createSessions } from './console/session';
import { unitRoutes } from './console/unit-routes';
import { yearAccess, yearTools } from './console/year';

export function createConsole(opts: ConsoleOptions): Hono<Env> {
  const { client } = opts;
  const reader = createReader(opts.secrets);
  const clock = opts.clock ?? Date.now;
  const judgedNow = () => nowIso(clock());
  const views = new YearPageCache({ maxAgeMs: opts.viewMaxAgeMs });
  const yearNow: ConsoleParts['yearNow'] = (h) => views.read(h, clock());
  const watch = new EngineWatch(client, opts.answerWithinMs ?? 10_000);
  const sessions = createSessions(opts, reader);
  const app = new Hono<Env>();

  app.use('*', securityHeaders);
  app.route('/', assetRoutes());
  app.route('/', healthRoute(client));
  app.route('/', sessions.reading);
  app.use('*', watch.bound);
  app.route('/', codecRoutes(opts.codecOrigins ?? []));

  // Without options, the defaults the environment's readers give: data/uploads, 10 MB, the mail's default sender.
  const uploads = opts.uploads ?? uploadStoreFromEnv({});
  sweepStaged(uploads);
  app.route('/', formChecks(opts.secrets, reader, uploads.maxBytes));

  app.route('/', languageRoute());
  app.route('/', sessions.signing);
  app.route('/', overviewRoute(client, reader, (h) => views.stage(h), opts.mailbox !== undefined));

  const parts: ConsoleParts = { opts, client, reader, year: yearTools(reader), clock, judgedNow, yearNow, uploads };
  app.route('/', yearAccess(reader));
  app.route('/', matrixRoutes(parts));
  app.route('/', cellRoutes(parts));
  app.route('/', itemRoutes(parts));
  app.route('/', calendarRoutes(parts));
  app.route('/', recordRoutes(parts));
  app.route('/', documentRoutes(parts));
  app.route('/', ballotRoutes(parts));
  app.route('/', unitRoutes(parts));
  app.route('/', mailboxRoutes(parts));

  app.notFound(notFoundPage(reader));
  app.onError(errorPage(reader, watch, clock));
  return app;
}
