/** `bloc start FILE --year YYYY`: start a bloc's year from its file; prints the workflow id. */
import type { Command } from '@commander-js/extra-typings';
import { newCommand, yearOption } from '../options';
import { alreadyStartedError, startBlocYear } from '../start-year';
import { withClient } from '../workflow-handle';
import { loadConfigOrExplain } from './load-config';
import { cli } from '../cli-context';

export function registerStartCommand(program: Command): void {
  newCommand(program, 'start', 'Bắt đầu chu kỳ năm của Khối/Cụm: nhắc hạn, tiếp nhận hồ sơ / start a bloc’s or cluster’s year')
    .argument('<file>', 'tệp cấu hình của Khối/Cụm / the bloc or cluster file')
    .addOption(yearOption().makeOptionMandatory())
    .option('--past', 'mở hồ sơ một năm trước năm ngoái để ghi nhận; không gửi thư, không tự chuyển giao / open the record of a year before last; sends nothing, never hands over by itself')
    .action(async (file, opts) => {
      const config = loadConfigOrExplain(file);
      const { workflowId, alreadyStarted } = await withClient(({ client, settings }) =>
        startBlocYear(client, config, opts.year, { taskQueue: settings.taskQueue, past: opts.past, now: new Date(cli().now()) }),
      );
      if (alreadyStarted) throw alreadyStartedError(workflowId, opts.year, config.bloc.name);
      cli().stdout(`${workflowId}\n`);
    });
}
