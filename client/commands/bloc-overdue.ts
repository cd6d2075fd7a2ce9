/**
 * `bloc overdue`: who is overdue, for which deadline, by how long. For one bloc-year (--bloc, --year),
 * or for every running bloc-year (--all), found through the search attributes the workflows keep current.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import type { Client } from '@temporalio/client';
import { overdueQuery } from '../../workflows/messages';
import { BLOC_ID, BLOC_YEAR } from '../../workflows/search-attributes';
import type { OverdueItem } from '../../workflows/status';
import { latenessVi } from '../../calendar/wording';
import { latenessOf, stampVi } from '../cell-wording';
import { InputError } from '../errors';
import { emit, table } from '../output';
import { atOption, blocOption, jsonOption, newCommand, nowIso, yearOption } from '../options';
import { withBlocYear, withClient } from '../workflow-handle';

/** OverdueCount is as of the workflow's last wake-up; the query at `at` gives the detail as it stands now. */
const OVERDUE_QUERY = "ExecutionStatus = 'Running' AND OverdueCount > 0";

interface BlocOverdue {
  blocId: string;
  year: number;
  at: string;
  items: OverdueItem[];
}

async function everyBloc(client: Client, at: string): Promise<BlocOverdue[]> {
  const found: { workflowId: string; blocId: string; year: number }[] = [];
  for await (const wf of client.workflow.list({ query: OVERDUE_QUERY })) {
    const blocId = wf.typedSearchAttributes.get(BLOC_ID);
    const year = wf.typedSearchAttributes.get(BLOC_YEAR);
    if (blocId !== undefined && year !== undefined) found.push({ workflowId: wf.workflowId, blocId, year });
  }
  return Promise.all(
    found.map(async ({ workflowId, blocId, year }) => ({
      blocId,
      year,
      at,
      items: await client.workflow.getHandle(workflowId).query(overdueQuery, { at }),
    })),
  );
}

function overdueVi(blocs: BlocOverdue[]): string {
  const rows = blocs.flatMap((b) =>
    b.items.flatMap((item) =>
      item.units.map((u) => [b.blocId, String(b.year), item.itemId, u.name, stampVi(u.dueAt), latenessVi(latenessOf(u.dueAt, u.overdueByMs))]),
    ),
  );
  if (rows.length === 0) return 'Không có đơn vị nào quá hạn / nothing overdue\n';
  return table(['Khối', 'Năm', 'Mục', 'Đơn vị', 'Hạn', 'Quá hạn'], rows);
}

export function registerOverdueCommand(program: Command): void {
  newCommand(program, 'overdue', 'Đơn vị quá hạn: mục nào, bao lâu / who is overdue, for what, by how long')
    .addOption(blocOption())
    .addOption(yearOption())
    .addOption(new Option('--all', 'mọi Khối đang chạy / every running bloc-year').conflicts(['bloc', 'year', 'at']))
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const at = opts.at ?? nowIso();
      let blocs: BlocOverdue[];
      if (opts.all) {
        blocs = await withClient(({ client }) => everyBloc(client, at));
      } else {
        const { bloc, year } = opts;
        if (bloc === undefined || year === undefined) {
          throw new InputError('cần --bloc và --year, hoặc --all / --bloc and --year, or --all, are required');
        }
        const items = await withBlocYear({ bloc, year }, (h) => h.query(overdueQuery, { at }));
        blocs = [{ blocId: bloc, year, at, items }];
      }
      emit(opts.json, blocs, overdueVi);
    });
}
