/**
 * `bloc register` and `bloc registrations`: the units' registration of titles, entered for a unit by the
 * secretariat (the unit's own page does the same); `bloc confirm` and `bloc reject` answer it as any declaration.
 * `bloc ballot open|close|count|annul|show`: the conference's secret ballot. The rounds' keys live in
 * BLOC_BALLOT_KEY_DIR on the machine that opens and closes them, with the console (client/ballot.ts).
 */
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { InputError } from '../../config/errors';
import { annulRound, ballotKeyDir, closePaper, closeSealed, openRound, type Closed } from '../ballot';
import { cli } from '../cli-context';
import { emit, table } from '../output';
import { blocYearCommand, jsonOption, parseIsoDate, yesOption } from '../options';
import { withBlocYear } from '../workflow-handle';
import { ballotQuery, registerTitles, registrationsQuery, type BallotRoundView, type RegistrationsView } from '../../workflows/conference-messages';
import { REGISTRATION_STATE_VI } from '../../workflows/registration';
import { unitOption } from './bloc-changes';

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('cần số nguyên không âm / expected a whole number');
  return Number(value);
}

/** `so-a=3,so-b=2`: the votes per candidate. */
function parseVotes(value: string): Record<string, number> {
  return Object.fromEntries(
    list(value).map((pair) => {
      const m = /^([^=\s]+)=(\d+)$/.exec(pair);
      if (!m) throw new InvalidArgumentError(`"${pair}" không đúng dạng đơn-vị=số-phiếu, ví dụ so-a=3 / expected unit=votes`);
      return [m[1] as string, Number(m[2])];
    }),
  );
}

function registrationsVi(view: RegistrationsView | null): string {
  if (!view) return 'Kế hoạch không có mục đăng ký thi đua / the plan has no registration item\n';
  const rows = view.units.map((u) => [u.name, REGISTRATION_STATE_VI[u.state], u.titles.join(', ') || '—', u.reference ?? '—', u.reason ?? '']);
  return table(['Đơn vị', 'Trạng thái', 'Danh hiệu', 'Số văn bản', 'Lý do trả lại'], rows);
}

function roundVi(r: BallotRoundView): string {
  const head = `${r.title}, vòng ${r.round} (${r.seats} suất): `;
  if (r.annulled) return `${head}đã hủy, không kiểm phiếu (${r.annulled.reason}); bỏ phiếu lại ở vòng sau / annulled\n`;
  if (!r.closed) {
    const names = r.candidates.map((c) => c.name).join('; ');
    return `${head}đang bỏ phiếu, ${r.voters.length}/${r.units} đơn vị đã bỏ phiếu; ứng viên: ${names} / open, no tally until closed\n`;
  }
  const rows = r.candidates.map((c) => [c.name, String(r.closed?.votes[c.unitId] ?? 0), r.closed?.elected.includes(c.unitId) ? 'được đề nghị' : '']);
  const runoff = r.closed.runoff ? `Vòng ${r.round + 1} cho ${r.closed.runoff.seats} suất còn lại, giữa: ${r.closed.runoff.unitIds.join(', ')} / a further round\n` : '';
  return `${head}${r.closed.ballots} phiếu, ${r.closed.valid} hợp lệ (${r.closed.source === 'paper' ? 'phiếu giấy' : 'phiếu trên trang đơn vị'})\n${table(['Ứng viên', 'Số phiếu', 'Kết quả'], rows)}${runoff}`;
}

const closedVi = ({ closed, next }: Closed) => `${roundVi(closed)}${next ? `Đã mở: ${roundVi(next)}` : ''}`;

const titleOption = () => new Option('--title <id>', 'mã danh hiệu (scoring.titles) / title id').makeOptionMandatory();
const roundOption = () => new Option('--round <n>', 'vòng bỏ phiếu / round').argParser(parseCount).makeOptionMandatory();

export function registerBallotCommands(program: Command): void {
  blocYearCommand(program, 'register', 'Ghi đăng ký thi đua của một đơn vị (thay đơn vị): danh hiệu, số và ngày văn bản / register titles for a unit')
    .addOption(unitOption())
    .addOption(new Option('--titles <ids>', 'các danh hiệu, cách nhau dấu phẩy / titles, comma-separated').argParser(list).makeOptionMandatory())
    .addOption(new Option('--ref <number>', 'số văn bản đăng ký / the document number').makeOptionMandatory())
    .addOption(new Option('--sent-on <yyyy-mm-dd>', 'ngày văn bản / the day it was sent').argParser(parseIsoDate).makeOptionMandatory())
    .option('--by <name>', 'người nhập / who entered it')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, titles: opts.titles, reference: opts.ref, sentOn: opts.sentOn, ...(opts.by && { by: opts.by }) };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(registerTitles, { args: [input] }));
      emit(opts.json, result, (r) => `Đã ghi đăng ký của ${opts.unit}: ${opts.titles.join(', ')}; chờ duyệt (bloc confirm|reject --item ${r.cell.itemId}) / registered, awaiting review\n`);
    });

  blocYearCommand(program, 'registrations', 'Đăng ký thi đua của các đơn vị: chưa gửi, chờ duyệt, trả lại, đã duyệt / the units’ registrations')
    .addOption(jsonOption())
    .action(async (opts) => {
      const view = await withBlocYear(opts, (h) => h.query(registrationsQuery));
      emit(opts.json, view, registrationsVi);
    });

  const ballot = program.command('ballot').description('Bỏ phiếu kín bình xét tại Hội nghị / the conference’s secret ballot');
  const keys = () => ballotKeyDir(cli().env);

  blocYearCommand(ballot, 'open', 'Mở vòng bỏ phiếu cho một danh hiệu (ứng viên mặc định: đơn vị đăng ký đã duyệt) / open a round for a title')
    .addOption(titleOption())
    .addOption(new Option('--candidates <ids>', 'ứng viên, cách nhau dấu phẩy / candidates, comma-separated').argParser(list))
    .addOption(jsonOption())
    .action(async (opts) => {
      const round = await withBlocYear(opts, (h) => openRound(h, keys(), { titleId: opts.title, ...(opts.candidates && { candidates: opts.candidates }) }));
      emit(opts.json, round, roundVi);
    });

  blocYearCommand(ballot, 'close', 'Kết thúc vòng: mở các phiếu đã niêm phong, ghi tổng số phiếu, hủy khóa / close a round: count the sealed ballots')
    .addOption(titleOption())
    .addOption(roundOption())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const done = await withBlocYear(opts, async (h) => {
        const round = (await h.query(ballotQuery)).find((r) => r.titleId === opts.title && r.round === opts.round);
        if (!round || round.closed || round.annulled) throw new InputError(`--round: danh hiệu "${opts.title}" không có vòng ${opts.round} đang mở / no such open round`);
        if (!opts.yes) return { closed: round };
        return closeSealed(h, keys(), opts.title, opts.round);
      });
      if (!done.closed.closed) {
        const round = done.closed;
        cli().stdout(
          `Sẽ kết thúc ${round.title}, vòng ${round.round}: mở ${round.voters.length} phiếu của ${round.voters.length}/${round.units} đơn vị, ghi tổng số phiếu, hủy khóa của vòng; sau đó không nhận thêm phiếu và không thể làm lại / will close the round for good\nChưa thay đổi gì; chạy lại với --yes để thực hiện / nothing changed yet; run again with --yes\n`,
        );
        return;
      }
      emit(opts.json, done, closedVi);
    });

  blocYearCommand(ballot, 'count', 'Kết thúc vòng bằng kết quả kiểm phiếu giấy / close a round with the paper ballots’ count')
    .addOption(titleOption())
    .addOption(roundOption())
    .addOption(new Option('--ballots <n>', 'số phiếu thu về / ballots cast').argParser(parseCount).makeOptionMandatory())
    .addOption(new Option('--valid <n>', 'số phiếu hợp lệ / valid ballots').argParser(parseCount).makeOptionMandatory())
    .addOption(new Option('--votes <pairs>', 'số phiếu từng ứng viên, ví dụ so-a=3,so-b=2 / votes per candidate').argParser(parseVotes).makeOptionMandatory())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      if (!opts.yes) {
        const votes = Object.entries(opts.votes).map(([id, n]) => `${id}: ${n}`).join(', ');
        cli().stdout(
          `Sẽ kết thúc vòng ${opts.round} của "${opts.title}" với ${opts.ballots} phiếu, ${opts.valid} hợp lệ (${votes}); không thể làm lại / will close the round for good\nChưa thay đổi gì; chạy lại với --yes để thực hiện / nothing changed yet; run again with --yes\n`,
        );
        return;
      }
      const input = { titleId: opts.title, round: opts.round, ballots: opts.ballots, valid: opts.valid, votes: opts.votes };
      const closed = await withBlocYear(opts, (h) => closePaper(h, keys(), input));
      emit(opts.json, closed, closedVi);
    });

  blocYearCommand(ballot, 'annul', 'Hủy một vòng đang mở, không kiểm phiếu (mất khóa, chuyển sang phiếu giấy); bỏ phiếu lại ở vòng sau / annul an open round')
    .addOption(titleOption())
    .addOption(roundOption())
    .addOption(new Option('--reason <text>', 'lý do, ghi vào hồ sơ / why, for the record').makeOptionMandatory())
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      if (!opts.yes) {
        cli().stdout(
          `Sẽ hủy vòng ${opts.round} của "${opts.title}": các phiếu đã bỏ không được kiểm, khóa của vòng bị hủy; không thể làm lại / will annul the round for good\nChưa thay đổi gì; chạy lại với --yes để thực hiện / nothing changed yet; run again with --yes\n`,
        );
        return;
      }
      const input = { titleId: opts.title, round: opts.round, reason: opts.reason };
      const annulled = await withBlocYear(opts, (h) => annulRound(h, keys(), input));
      emit(opts.json, annulled, roundVi);
    });

  blocYearCommand(ballot, 'show', 'Các vòng bỏ phiếu: ai đã bỏ phiếu, kết quả khi đã kết thúc / the rounds: who voted, totals once closed')
    .addOption(jsonOption())
    .action(async (opts) => {
      const rounds = await withBlocYear(opts, (h) => h.query(ballotQuery));
      emit(opts.json, rounds, (rs) => (rs.length === 0 ? 'Chưa có vòng bỏ phiếu nào / no round yet\n' : rs.map(roundVi).join('')));
    });
}
