/**
 * `bloc documents`: the January conference's minutes and the proposal to the province's emulation-reward board,
 * as DOCX drafts for the leader to check and sign, from what the year records now (documents/). The year is
 * read here; documents/conference.ts makes the model and documents/minutes.ts and proposal.ts write it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { DocumentRefusal } from '../../documents/conference';
import { minutesDocx } from '../../documents/minutes';
import { proposalDocx } from '../../documents/proposal';
import { cli } from '../cli-context';
import { InputError } from '../../config/errors';
import { optionOf } from '../field-labels';
import { blocYearCommand, nowIso } from '../options';
import { documentFiles, readConference } from '../conference-documents';
import { withBlocYear } from '../workflow-handle';
import { loadOwnConfigOrExplain } from './load-config';

const exists = (files: string[]) =>
  new InputError(`--force: ${files.join(', ')} đã có; không ghi đè nếu không có --force / ${files.length > 1 ? 'the files exist' : 'the file exists'}: give --force to replace`);

/** Writes a new file, or replaces one only when told to: a draft already edited by hand is not lost. */
function writeNew(file: string, bytes: Buffer, force: boolean): void {
  try {
    writeFileSync(file, bytes, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    if (code === 'EEXIST') throw exists([file]);
    throw new InputError(`--out: không ghi được ${file} (${code}) / cannot write the file`);
  }
}

function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(`--out: không tạo được thư mục ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)}) / cannot make the folder`);
  }
}

export function registerDocumentsCommand(program: Command): void {
  blocYearCommand(program, 'documents', 'Biên bản Hội nghị tổng kết và tờ trình đề nghị khen thưởng, bản nháp DOCX / the conference minutes and the reward proposal, as DOCX drafts')
    .option('--out <dir>', 'thư mục ghi hai tệp (mặc định: thư mục hiện tại) / the folder for the two files (default: the current one)', '.')
    .option('--config <file>', 'tệp kế hoạch của Khối/Cụm: tên tỉnh cho dòng địa danh, tên Ban Thi đua - Khen thưởng / the plan file: the province and the board’s name')
    .option('--item <id>', 'mục Hội nghị tổng kết (mặc định: sự kiện của kế hoạch trong năm sau) / the conference’s item (default: the plan’s event in the next year)')
    .option('--force', 'ghi đè tệp đã có / replace files already there')
    .action(async (opts) => {
      const config = opts.config ? loadOwnConfigOrExplain(opts.config, opts.bloc) : undefined;
      const extras = { ...(config && { province: config.bloc.province, board: config.board.name }), ...(opts.item !== undefined && { itemId: opts.item }) };
      let model;
      try {
        model = await withBlocYear(opts, (h) => readConference(h, nowIso(), extras));
      } catch (err) {
        if (!(err instanceof DocumentRefusal)) throw err;
        // The year has no table: it is the year given that cannot have minutes.
        const how = err.undatedItem ? `: ấn định bằng bloc reschedule --item ${err.undatedItem} --date …` : '';
        throw new InputError(`${optionOf(err.field) ?? '--year'}: ${err.reason.replace(' / ', `${how} / `)}`);
      }
      const names = documentFiles(opts.bloc, opts.year);
      const files = { minutes: join(opts.out, names.minutes), proposal: join(opts.out, names.proposal) };
      const force = Boolean(opts.force);
      // Refused before either is written: both drafts or neither.
      const there = Object.values(files).filter((file) => existsSync(file));
      if (!force && there.length > 0) throw exists(there);
      const [minutes, proposal] = await Promise.all([minutesDocx(model), proposalDocx(model)]);
      makeFolder(opts.out);
      writeNew(files.minutes, minutes, force);
      writeNew(files.proposal, proposal, force);
      const proposed = model.proposals.reduce((n, p) => n + p.units.length, 0);
      cli().stdout(
        `Đã ghi ${files.minutes} và ${files.proposal}: ${model.ranking.filter((r) => r.rank !== undefined).length} đơn vị xếp hạng, ${proposed} lượt đề nghị danh hiệu; ` +
          `bản nháp để ${model.bloc.terms.vi.leader} kiểm tra, ký / written: drafts for the ${model.bloc.terms.en.leader} to check and sign\n`,
      );
    });
}
