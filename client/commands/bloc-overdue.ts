/**
 * `bloc overdue`: who is overdue, for which deadline, by how long. For one bloc-year (--bloc, --year),
 * or for every running bloc-year (--all), found through the search attributes the workflows keep current.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { overdueQuery, timelineQuery } from '../../workflows/messages';
import { findBlocYears } from '../listed-years';
import type { OverdueItem } from '../../workflows/status';
import { latenessVi } from '../../calendar/wording';
import { latenessOf, stampVi, termsOf } from '../cell-wording';
import { InputError } from '../../config/errors';
import { emit, table } from '../output';
import { atOption, blocOption, jsonOption, newCommand, nowIso, yearOption } from '../options';
import { withBlocYear, withClient } from '../workflow-handle';
import type { BlocTerms } from '../../config/terms';

/** OverdueCount is as of the workflow's last wake-up; the query at `at` gives the detail as it stands now. */
const OVERDUE_QUERY = "ExecutionStatus = 'Running' AND OverdueCount > 0";

export interface BlocOverdue {
  blocId: string;
  year: number;
  at: string;
  items: OverdueItem[];
}

/** What each year's bloc is called, for the heading of the table; not part of the JSON. */
export type Named = BlocOverdue & { terms: BlocTerms };

async function overdueOf(handle: WorkflowHandle, blocId: string, year: number, at: string): Promise<Named> {
  const [items, schedule] = await Promise.all([handle.query(overdueQuery, { at }), handle.query(timelineQuery)]);
  return { blocId, year, at, items, terms: termsOf(schedule) };
}

async function everyBloc(client: Client, at: string): Promise<Named[]> {
  const found = await findBlocYears(client, OVERDUE_QUERY);
  return Promise.all(found.map(({ workflowId, blocId, year }) => overdueOf(client.workflow.getHandle(workflowId), blocId, year, at)));
}

/** The first column holds blocs, clusters or both: its heading says which. */
export function overdueVi(blocs: Named[]): string {
  const rows = blocs.flatMap((b) =>
    b.items.flatMap((item) =>
      item.units.map((u) => [b.blocId, String(b.year), item.itemId, u.name, stampVi(u.dueAt), latenessVi(latenessOf(u.dueAt, u.overdueByMs))]),
    ),
  );
  if (rows.length === 0) return 'Không có đơn vị nào quá hạn / nothing overdue\n';
  const words = [...new Set(blocs.filter((b) => b.items.length > 0).map((b) => b.terms.vi.bloc))];
  return table([words.join('/'), 'Năm', 'Mục', 'Đơn vị', 'Hạn', 'Quá hạn'], rows);
}

export function registerOverdueCommand(program: Command): void {
  newCommand(program, 'overdue', 'Đơn vị quá hạn: mục nào, bao lâu / who is overdue, for what, by how long')
    .addOption(blocOption())
    .addOption(yearOption())
    .addOption(new Option('--all', 'mọi Khối, Cụm đang chạy / every running bloc-year').conflicts(['bloc', 'year', 'at']))
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const at = opts.at ?? nowIso();
      let blocs: Named[];
      if (opts.all) {
        blocs = await withClient(({ client }) => everyBloc(client, at));
      } else {
        const { bloc, year } = opts;
        if (bloc === undefined || year === undefined) {
          throw new InputError('cần --bloc và --year, hoặc --all / --bloc and --year, or --all, are required');
        }
        blocs = [await withBlocYear({ bloc, year }, (h) => overdueOf(h, bloc, year, at))];
      }
      emit(opts.json, blocs.map(({ blocId, year, at, items }): BlocOverdue => ({ blocId, year, at, items })), () => overdueVi(blocs));
    });
}
