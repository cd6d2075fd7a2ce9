/**
 * `bloc score submit|show|adjust|request-correction|bonus-decision|ranking|export`: the units' self-scores,
 * the leader's compilation and the January conference (plan 277/KH-KTĐ4, section III). Each change is one
 * workflow Update whose validator refuses bad input before anything is written; a typo in a figure
 * (`--points I.1=3O`) is refused here, naming the option, before the server is asked.
 */
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { criterionVi, parsePoints } from '../../config/scoring';
import {
  adjustScore,
  decideBonus,
  previousYearsQuery,
  requestScoreCorrection,
  scoresQuery,
  submitScore,
  type BonusDecisionResult,
  type ScoreInput,
  type ScoreResult,
  type ScoresView,
} from '../../workflows/messages';
import type { YearSummary } from '../../workflows/model';
import { InputError } from '../../config/errors';
import { emit, table } from '../output';
import { atOption, blocYearCommand, jsonOption, NOTHING_DONE_YET, nowIso, parseInstant, parseIsoDate, yesOption } from '../options';
import { rankingCsv, scoreWorkbook } from '../score-export';
import {
  bonusVi,
  comparisonRows,
  dayVi,
  decisionVi,
  proposalsVi,
  pts,
  RANKING_HEADER,
  rankingRows,
  statusVi,
  tableHeadingVi,
  versionVi,
} from '../score-wording';
import { withBlocYear, type BlocYearRef } from '../workflow-handle';
import { unitOption } from './bloc-changes';
import { cli } from '../cli-context';

function parseNumber(text: string, example: string): number {
  const points = parsePoints(text);
  if (points === undefined) throw new InvalidArgumentError(`"${text}" không phải là số điểm, ví dụ ${example} / not a number of points`);
  return points;
}

/** `I.1=38` as many times as there are criteria: the option collects them by code. */
function codeEquals<T>(read: (value: string, code: string) => T, example: string) {
  return (arg: string, previous: Record<string, T> | undefined): Record<string, T> => {
    const at = arg.indexOf('=');
    const code = at > 0 ? arg.slice(0, at).trim() : '';
    if (!code) throw new InvalidArgumentError(`"${arg}": cần dạng mã=giá trị, ví dụ ${example} / expected code=value`);
    const all = { ...previous };
    if (Object.hasOwn(all, code)) throw new InvalidArgumentError(`${criterionVi(code)} được nêu hai lần / given twice`);
    all[code] = read(arg.slice(at + 1), code);
    return all;
  };
}

const pointsOf = codeEquals((v) => parseNumber(v.trim(), 'I.1=38'), 'I.1=38');
const textsOf = codeEquals((v) => v, 'I.1="Vượt 20% chỉ tiêu"');

/** `so-tu-phap:I.1`: a unit's claim on a criterion. */
function parseClaim(arg: string, previous: { unitId: string; criterion: string }[] | undefined): { unitId: string; criterion: string }[] {
  const at = arg.indexOf(':');
  if (at <= 0 || at === arg.length - 1) throw new InvalidArgumentError(`"${arg}": cần dạng đơn-vị:tiêu-chí, ví dụ so-tu-phap:I.1 / expected unit:criterion`);
  return [...(previous ?? []), { unitId: arg.slice(0, at), criterion: arg.slice(at + 1) }];
}


/** The year's scores, or a one-line refusal for a plan without a scoring table. */
async function scoresOf(ref: BlocYearRef, at?: string): Promise<{ view: ScoresView; previous: YearSummary[] }> {
  const { view, previous } = await withBlocYear(ref, async (h) => ({
    view: await h.query(scoresQuery, { at: at ?? nowIso() }),
    previous: await h.query(previousYearsQuery),
  }));
  if (!view) throw new InputError(`Kế hoạch năm ${ref.year} của ${ref.bloc} chưa có thang bảng điểm (mục scoring) / the plan has no scoring table`);
  return { view, previous };
}

function resultVi(unitId: string, r: ScoreResult): string {
  const what = { recorded: 'Đã ghi nhận', corrected: 'Đã ghi nhận bản sửa', unchanged: 'Không đổi' }[r.outcome];
  const bonus = r.bonusClaimed > 0 ? `; đề nghị thưởng ${pts(r.bonusClaimed)} điểm` : '';
  return `${what}: bảng tự chấm điểm của ${unitId} (lần ${r.version}), ${pts(r.criteriaTotal)} điểm các tiêu chí${bonus} — ${statusVi(r.status)} / ${r.outcome}\n`;
}

/** Every unit's standing: sent or not, its figures, what is asked of it. */
function overviewVi(view: ScoresView): string {
  const rows = view.units.map((u) => {
    const row = view.ranking.rows.find((r) => r.unitId === u.unitId);
    const versions = u.record?.versions ?? [];
    return [
      u.name,
      u.retired ? 'đã thôi tham gia' : statusVi(u.status),
      versions.length > 0 ? String(versions.length) : '—',
      pts(row?.totals?.criteriaTotal),
      row ? bonusVi(row) : '',
      u.adjusted.length > 0 ? `điều chỉnh: ${u.adjusted.join(', ')}` : '',
    ];
  });
  return `Thang điểm: ${tableHeadingVi(view.table)}\n\n${table(['Đơn vị', 'Tình trạng', 'Số lần gửi', 'Điểm các tiêu chí', 'Điểm thưởng', 'Ghi chú'], rows)}`;
}

/** One unit's sheet: the unit's figure and the leader's side by side, its claims, its versions. */
function unitVi(view: ScoresView, unitId: string): string {
  const unit = view.units.find((u) => u.unitId === unitId);
  if (!unit) throw new InputError(`--unit: không có đơn vị "${unitId}" / unknown unit`);
  const row = view.ranking.rows.find((r) => r.unitId === unitId);
  const lines = row?.totals?.lines ?? [];
  const criteria = view.table.groups.flatMap((g) => g.criteria);
  const body = table(
    ['Mã', 'Tiêu chí', 'Tối đa', 'Đơn vị', 'Trừ', 'Điều chỉnh', 'Tính'],
    criteria.map((c) => {
      const l = lines.find((x) => x.code === c.code);
      const adjusted = l?.adjusted ? `${pts(l.adjusted.points)} (${l.adjusted.reason})` : '';
      return [c.code, c.title, pts(c.max), l ? pts(l.unit) : '', l?.unitDeducted ? pts(l.unitDeducted) : '', adjusted, l ? pts(l.counted) : ''];
    }),
  );
  const claims = view.claims.filter((c) => c.unitId === unitId);
  const versions = unit.record?.versions ?? [];
  const asked = unit.record?.corrections ?? [];
  return [
    `${unit.name}: ${unit.retired ? 'đã thôi tham gia' : statusVi(unit.status)}`,
    '',
    body.trimEnd(),
    `Cộng: ${pts(row?.totals?.criteriaTotal)}; điểm thưởng: ${row ? bonusVi(row) || 'không' : 'không'}; tổng: ${pts(row?.totals?.total)}`,
    ...(claims.length > 0 ? ['', 'Đề nghị điểm thưởng:', ...claims.map((c) => `  ${c.criterion}: +${pts(c.points)} — ${c.justification ?? '(chưa giải trình)'} — ${{ pending: 'chờ Hội nghị', agreed: 'được thống nhất', refused: 'không được thống nhất' }[c.decision]}`)] : []),
    ...(versions.length > 0 ? ['', 'Các lần gửi:', ...versions.map((v) => `  ${versionVi(v, view.terms)}`)] : []),
    ...(asked.length > 0 ? ['', 'Đề nghị chỉnh sửa:', ...asked.map((a) => `  ${dayVi(a.at)}: ${a.reason}${a.criteria ? ` (${a.criteria.join(', ')})` : ''}${a.answeredBy ? ` — đã sửa (lần ${a.answeredBy})` : ' — chưa sửa'}`)] : []),
  ].join('\n') + '\n';
}

function rankingVi(view: ScoresView, previous: YearSummary[]): string {
  const compared = comparisonRows(view, previous);
  return [
    `Xếp hạng thi đua năm ${view.year} — ${view.blocId}`,
    `Thang điểm: ${tableHeadingVi(view.table)}`,
    decisionVi(view.ranking),
    '',
    table(RANKING_HEADER, rankingRows(view.ranking)).trimEnd(),
    '',
    'Đề nghị danh hiệu / titles proposed:',
    ...proposalsVi(view.ranking).map((l) => `  ${l}`),
    ...(compared.header.length > 2 ? ['', 'So với các năm trước (hạng, = là đồng hạng) / compared with earlier years:', table(compared.header, compared.rows).trimEnd()] : []),
  ].join('\n') + '\n';
}

function decisionResultVi(r: BonusDecisionResult): string {
  const d = r.decision;
  const list = (claims: typeof d.agreed) => (claims.length > 0 ? claims.map((c) => `${c.unitId}:${c.criterion} (+${pts(c.points)})`).join(', ') : 'không có');
  return [
    r.applied ? `Đã ghi quyết định của Hội nghị ngày ${dayVi(d.conferenceDate)} (biên bản ${d.minutes}) / decision recorded` : `Sẽ ghi quyết định của Hội nghị ngày ${dayVi(d.conferenceDate)} (biên bản ${d.minutes}) / would record the decision`,
    `Được thống nhất: ${list(d.agreed)}`,
    `Không được thống nhất: ${list(d.refused)}`,
    '',
    table(RANKING_HEADER, rankingRows(r.ranking)).trimEnd(),
    ...(r.applied ? [] : ['', NOTHING_DONE_YET.trimEnd()]),
  ].join('\n') + '\n';
}

function write(file: string, data: string | Buffer, option: string): void {
  try {
    writeFileSync(file, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new InputError(`${option}: không ghi được ${file} (${code}) / cannot write the file`);
  }
}

export function registerScoreCommands(program: Command): void {
  const score = program.command('score').description('Chấm điểm thi đua, điểm thưởng và bình xét cuối năm / self-scores, bonus points and the January evaluation');

  blocYearCommand(score, 'submit', 'Ghi nhận bảng tự chấm điểm của một đơn vị (mỗi lần gửi được giữ lại) / record a unit’s self-score (every version is kept)')
    .addOption(unitOption())
    .addOption(new Option('--points <code=points...>', 'điểm từng tiêu chí, ví dụ I.1=38 I.2=9,5 / points per criterion').argParser(pointsOf).makeOptionMandatory())
    .addOption(new Option('--deduct <code=points...>', 'điểm trừ, ở tiêu chí có điểm trừ / points deducted').argParser(pointsOf))
    .addOption(new Option('--bonus <code=points...>', 'điểm thưởng đề nghị, ví dụ I.1=3 / bonus claimed').argParser(pointsOf))
    .addOption(new Option('--justify <code=text...>', 'giải trình điểm thưởng, ví dụ I.1="Vượt 20% chỉ tiêu" / justification of a claim').argParser(textsOf))
    .option('--ref <number>', 'số văn bản của bảng tự chấm điểm / the sheet’s document number')
    .option('--by <name>', 'người gửi / who sent it')
    .option('--received <iso>', 'thời điểm nhận (mặc định: bây giờ) / when it arrived (default: now)', parseInstant)
    .option('--consent <text>', 'sự đồng ý của Thư ký Khối cho sửa sau hạn (lý do hoặc số văn bản) / the secretariat’s consent to a correction after the cut-off')
    .addOption(jsonOption())
    .action(async (opts) => {
      const justify = opts.justify ?? {};
      for (const code of Object.keys(justify)) {
        if (!opts.bonus || !Object.hasOwn(opts.bonus, code)) {
          throw new InputError(`--justify: ${criterionVi(code)} không có đề nghị điểm thưởng (--bonus ${code}=…) / no bonus claimed on it`);
        }
      }
      const input: ScoreInput = {
        unitId: opts.unit,
        points: opts.points,
        ...(opts.deduct && { deductions: opts.deduct }),
        ...(opts.bonus && { bonus: Object.entries(opts.bonus).map(([criterion, points]) => ({ criterion, points, ...(justify[criterion] && { justification: justify[criterion] }) })) }),
        ...(opts.ref !== undefined && { reference: opts.ref }),
        ...(opts.by !== undefined && { by: opts.by }),
        ...(opts.received && { receivedAt: opts.received }),
        ...(opts.consent !== undefined && { consent: opts.consent }),
      };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(submitScore, { args: [input] }));
      emit(opts.json, result, (r) => resultVi(opts.unit, r));
    });

  blocYearCommand(score, 'show', 'Tình hình chấm điểm của các đơn vị, hoặc bảng điểm của một đơn vị / where every unit’s score stands, or one unit’s sheet')
    .option('--unit <id>', 'mã đơn vị / unit id')
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const { view } = await scoresOf(opts, opts.at);
      if (opts.unit && !view.units.some((u) => u.unitId === opts.unit)) throw new InputError(`--unit: không có đơn vị "${opts.unit}" / unknown unit`);
      const data = opts.unit ? view.units.find((u) => u.unitId === opts.unit) : view;
      emit(opts.json, data, () => (opts.unit ? unitVi(view, opts.unit) : overviewVi(view)));
    });

  blocYearCommand(score, 'adjust', 'Điều chỉnh điểm một tiêu chí, nêu lý do; điểm đơn vị tự chấm vẫn giữ / adjust a criterion with a reason; the unit’s own figure stays')
    .addOption(unitOption())
    .requiredOption('--criterion <code>', 'mã tiêu chí / criterion code')
    .requiredOption('--points <points>', 'điểm sau điều chỉnh / the adjusted points', (v: string) => parseNumber(v, '35'))
    .option('--deduct <points>', 'điểm trừ sau điều chỉnh / the adjusted deduction', (v: string) => parseNumber(v, '1'))
    .requiredOption('--reason <text>', 'lý do điều chỉnh / the reason')
    .option('--by <name>', 'người điều chỉnh / who adjusts')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, criterion: opts.criterion, points: opts.points, reason: opts.reason, ...(opts.deduct !== undefined && { deducted: opts.deduct }), ...(opts.by && { by: opts.by }) };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(adjustScore, { args: [input] }));
      emit(opts.json, result, (r) => `Đã điều chỉnh ${criterionVi(opts.criterion)} của ${opts.unit}: ${pts(opts.points)} điểm (${opts.reason}); điểm các tiêu chí nay là ${pts(r.criteriaTotal)} / adjusted\n`);
    });

  blocYearCommand(score, 'request-correction', 'Đề nghị đơn vị chỉnh sửa bảng tự chấm điểm; thư nhắc sẽ nói rõ / ask a unit to correct its sheet; its reminders say so')
    .addOption(unitOption())
    .requiredOption('--reason <text>', 'nội dung cần chỉnh sửa / what to correct')
    .option('--criterion <code...>', 'các tiêu chí liên quan / the criteria concerned')
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { unitId: opts.unit, reason: opts.reason, ...(opts.criterion && { criteria: opts.criterion }) };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(requestScoreCorrection, { args: [input] }));
      emit(opts.json, result, () => `Đã đề nghị ${opts.unit} chỉnh sửa bảng tự chấm điểm; thư nhắc tiếp theo sẽ nêu rõ / correction asked\n`);
    });

  blocYearCommand(score, 'bonus-decision', 'Ghi quyết định của Hội nghị về điểm thưởng: các đề nghị được thống nhất, còn lại không / record the conference’s decision on bonus claims')
    .requiredOption('--date <yyyy-mm-dd>', 'ngày Hội nghị / the conference’s day', parseIsoDate)
    .requiredOption('--minutes <number>', 'số biên bản Hội nghị / the minutes’ number')
    .addOption(new Option('--agree <unit:criterion...>', 'đề nghị được thống nhất, ví dụ so-tu-phap:I.1 / the claims agreed').argParser(parseClaim))
    .addOption(yesOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const input = { conferenceDate: opts.date, minutes: opts.minutes, agreed: opts.agree ?? [], apply: Boolean(opts.yes) };
      const result = await withBlocYear(opts, (h) => h.executeUpdate(decideBonus, { args: [input] }));
      emit(opts.json, result, decisionResultVi);
    });

  blocYearCommand(score, 'ranking', 'Xếp hạng theo tổng điểm, nêu rõ đồng hạng, đề nghị danh hiệu, so với các năm trước / the ranking, ties stated, titles proposed, earlier years compared')
    .addOption(atOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const { view, previous } = await scoresOf(opts, opts.at);
      emit(opts.json, { ranking: view.ranking, previousYears: previous.filter((y) => y.ranking).map((y) => ({ year: y.year, ranking: y.ranking })) }, () => rankingVi(view, previous));
    });

  blocYearCommand(score, 'export', 'Xuất hồ sơ bình xét cho Hội nghị: xlsx (xếp hạng, từng đơn vị, điểm thưởng) và CSV / export for the conference: xlsx and CSV')
    .option('--xlsx <file>', 'sổ Excel: một trang xếp hạng, một trang mỗi đơn vị, một trang điểm thưởng / the workbook')
    .option('--csv <file>', 'bảng xếp hạng CSV (UTF-8, mở được bằng Excel) / the ranking as CSV')
    .addOption(atOption())
    .action(async (opts) => {
      if (!opts.xlsx && !opts.csv) throw new InputError('--xlsx: cần --xlsx <tệp> hoặc --csv <tệp> / give --xlsx or --csv');
      const { view } = await scoresOf(opts, opts.at);
      if (opts.xlsx) write(opts.xlsx, Buffer.from(await scoreWorkbook(view).xlsx.writeBuffer()), '--xlsx');
      if (opts.csv) write(opts.csv, rankingCsv(view), '--csv');
      const files = [opts.xlsx, opts.csv].filter(Boolean).join(', ');
      cli().stdout(`Đã ghi ${files}: ${view.units.length} đơn vị / written\n`);
    });
}
