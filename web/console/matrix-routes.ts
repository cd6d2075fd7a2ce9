/** The year's matrix, and what it downloads: the CSV and the evaluation workbook, judged at the same instant. */
import { Hono, type Context } from 'hono';
import { exportCsv, exportRows } from '../../client/export-rows';
import { parseInstant } from '../../client/options';
import { readYearPage } from '../../client/year-page';
import { yearWorkbook } from '../../client/year-workbook';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { matrixPage } from '../pages/matrix';
import { MatrixBodies } from './matrix-bodies';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { refOf } from './year';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const LIVE_MS = 15_000;

export function matrixRoutes({ opts, client, reader: { frame }, judgedNow, yearNow }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();
  const bodies = new MatrixBodies(opts.liveMs ?? LIVE_MS);

  /** The instant to judge at: `luc` (as `--at`), or now. */
  const judgedAt = (c: Context<Env>): string => {
    const at = c.req.query('luc');
    if (!at) return judgedNow();
    try {
      return parseInstant(at);
    } catch (err) {
      throw new InputError(`luc: ${(err as Error).message}`);
    }
  };

  /** The year at the instant asked for (`luc`), or now: the matrix and both downloads read the same. */
  const judgedStatus = (c: Context<Env>) => {
    if (!c.req.query('luc')) return onBlocYear(client, refOf(c), yearNow);
    const at = judgedAt(c);
    return onBlocYear(client, refOf(c), (h) => readYearPage(h, at));
  };

  app.get('/khoi/:bloc/:year', async (c) => {
    const { view, schedule, stage } = await judgedStatus(c);
    const item = c.req.query('muc');
    const filter = { onlyOverdue: c.req.query('qua-han') === '1', itemId: item || undefined, at: c.req.query('luc') };
    const reader = frame(c);
    return c.html(matrixPage(reader, view, bodies.of(reader.lang, { view, schedule, stage }, filter)));
  });

  app.get('/khoi/:bloc/:year/tai-ve.csv', async (c) => {
    const ref = refOf(c);
    const { view, schedule } = await judgedStatus(c);
    return c.body(exportCsv(exportRows(view, schedule)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bao-cao-${ref.bloc}-${ref.year}.csv"`,
    });
  });

  app.get('/khoi/:bloc/:year/danh-gia.xlsx', async (c) => {
    const ref = refOf(c);
    const { view, schedule } = await judgedStatus(c);
    const bytes = await yearWorkbook(view, schedule).xlsx.writeBuffer();
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="danh-gia-${ref.bloc}-${ref.year}.xlsx"`,
    });
  });

  return app;
}
