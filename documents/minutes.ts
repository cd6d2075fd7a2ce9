/**
 * Biên bản Hội nghị tổng kết (the minutes of the year-end conference), as a DOCX draft for the leader to check
 * and sign: the day and place, the member units invited, the ranking with each unit's own figures and the
 * leader's, the ties, the leader's adjustments, the decision on bonus points, the titles the table's rule
 * proposes and, when the year holds them, the ballot's rounds. What the record does not hold (who attended,
 * the secretary, the hour it ended) is left blank.
 */
import type { Paragraph, Table } from 'docx';
import { formatDateTimeVi } from '../calendar/wording';
import { administrativeDocument, BLANK, body, dataTable, heading, plainSignature, pts, recipientLines, type Column } from './decree-30';
import type { BallotRound, ConferenceModel, RankingLine } from './model';
import { proposedVi, tableSourceVi, tieVi, titleRuleVi } from './wording';

/** With more groups than this, the table gives the totals only: the columns would not fit the page. */
export const MAX_GROUP_COLUMNS = 4;

export function minutesSubject(m: ConferenceModel): string {
  return `Hội nghị tổng kết, bình xét thi đua năm ${m.year} của ${m.bloc.name}`;
}

function members(m: ConferenceModel): Paragraph[] {
  const role = (unitId: string) => (unitId === m.leader.unitId ? ` — ${m.bloc.terms.vi.leader}` : unitId === m.deputy.unitId ? ` — ${m.bloc.terms.vi.deputy}` : '');
  return [
    heading('I. THÀNH PHẦN'),
    body(`Lãnh đạo các đơn vị thành viên ${m.bloc.name} (${m.members.length} đơn vị):`),
    ...m.members.map((u, i) => body(`${i + 1}. ${u.name}${role(u.unitId)}.`, { listed: i < m.members.length - 1 })),
    body(`Chủ trì: ${m.leader.name}, ${m.bloc.terms.vi.leader}. Thư ký: ${BLANK}.`),
    body('Đơn vị vắng mặt (ghi theo thực tế): ' + `${BLANK}.`, { italics: true }),
  ];
}

const rankCell = (r: RankingLine) => (r.rank === undefined ? '—' : r.tiedWith.length > 0 ? `${r.rank} (đồng hạng)` : String(r.rank));

function bonusCell(r: RankingLine): string {
  if (r.bonusPending > 0) return `+${pts(r.bonusPending)} (chờ)`;
  return r.bonusAgreed > 0 ? `+${pts(r.bonusAgreed)}` : '';
}

function unrankedVi(why: NonNullable<RankingLine['unranked']>, m: ConferenceModel): string {
  return why === 'retired' ? `đã thôi tham gia ${m.bloc.terms.vi.bloc}, không xếp hạng` : 'chưa gửi bảng tự chấm điểm';
}

function rankingTable(m: ConferenceModel): [Table, Paragraph] {
  const groups = m.table.groups.length <= MAX_GROUP_COLUMNS ? m.table.groups : [];
  const fixed: Column[] = [
    { title: 'Tự chấm', width: 17, numeric: true },
    { title: `${m.bloc.terms.vi.leader} tổng hợp`, width: 20, numeric: true },
    { title: 'Điểm thưởng', width: 18, numeric: true },
    { title: 'Tổng điểm', width: 17, numeric: true },
  ];
  const groupColumns: Column[] = groups.map((g) => ({ title: `${g.code} (${pts(g.max)})`, width: 14, numeric: true }));
  const taken = 16 + [...groupColumns, ...fixed].reduce((sum, c) => sum + c.width, 0);
  const columns: Column[] = [{ title: 'Hạng', width: 16 }, { title: 'Đơn vị', width: 165 - taken }, ...groupColumns, ...fixed];
  const rows = m.ranking.map((r) => [
    rankCell(r),
    r.unranked ? `${r.name} (${unrankedVi(r.unranked, m)})` : r.name,
    ...groups.map((_, i) => pts(r.groups[i]?.counted)),
    pts(r.own),
    pts(r.counted),
    bonusCell(r),
    pts(r.total),
  ]);
  return dataTable(columns, rows);
}

/** "Sở A, Sở B đồng hạng 2 (cùng 95,5 điểm)." once per shared rank. */
function tiesVi(m: ConferenceModel): string[] {
  const seen = new Set<number>();
  return m.ranking.flatMap((r) => {
    if (r.rank === undefined || r.tiedWith.length === 0 || seen.has(r.rank)) return [];
    seen.add(r.rank);
    return [`${[r.name, ...r.tiedWith.map((t) => t.name)].join(', ')} đồng hạng ${r.rank} (cùng ${pts(r.total)} điểm).`];
  });
}

function ranking(m: ConferenceModel): (Paragraph | Table)[] {
  const leader = m.bloc.terms.vi.leader;
  const pending = m.ranking.some((r) => r.bonusPending > 0);
  return [
    heading(`1. Kết quả chấm điểm, xếp hạng thi đua năm ${m.year}`),
    body(
      `Căn cứ ${tableSourceVi(m.table)}, tổng điểm tối đa của các tiêu chí là ${pts(m.table.maxTotal)} điểm. Các đơn vị tự chấm điểm; ${leader} tổng hợp, ` +
        `thẩm định. Điểm ${leader} tổng hợp là điểm tự chấm, trừ các tiêu chí ${leader} điều chỉnh; tổng điểm là điểm ${leader} tổng hợp cộng điểm thưởng được Hội nghị thống nhất. Kết quả:`,
    ),
    ...rankingTable(m),
    ...(m.table.groups.length <= MAX_GROUP_COLUMNS
      ? [body(`Các cột ${m.table.groups.map((g) => g.code).join(', ')}: điểm tính theo từng nhóm tiêu chí (điểm tối đa trong ngoặc) — ${m.table.groups.map((g) => `${g.code}. ${g.title}`).join('; ')}.`, { italics: true })]
      : []),
    ...(pending ? [body('Điểm thưởng có ghi "(chờ)" chưa được Hội nghị quyết định và chưa cộng vào tổng điểm.', { italics: true })] : []),
    ...tiesVi(m).map((line) => body(line)),
    ...(m.adjustments.length > 0
      ? [
          body(`${leader} điều chỉnh điểm:`),
          ...m.adjustments.map((a) => body(`- ${a.name}, tiêu chí "${a.criterion}": đơn vị tự chấm ${pts(a.own)}, tính ${pts(a.counted)} (${a.reason}).`)),
        ]
      : []),
  ];
}

function bonus(m: ConferenceModel): Paragraph[] {
  const { claims, decision } = m.bonus;
  const line = (c: (typeof claims)[number]) => body(`- ${c.name}, tiêu chí "${c.criterion}": +${pts(c.points)} điểm${c.justification ? ` (${c.justification})` : ''}.`);
  const listed = (list: typeof claims) => (list.length > 0 ? list.map(line) : [body('- Không có.')]);
  const head = heading('2. Điểm thưởng');
  if (claims.length === 0) return [head, body('Không đơn vị nào đề nghị điểm thưởng.')];
  if (!decision) return [head, body(`Hội nghị chưa quyết định về ${claims.length} đề nghị điểm thưởng sau; tổng điểm trên chưa cộng điểm thưởng:`), ...claims.map(line)];
  return [
    head,
    body(`Hội nghị xem xét ${claims.length} đề nghị điểm thưởng của các đơn vị:`),
    body('a) Thống nhất cộng điểm thưởng:'),
    ...listed(claims.filter((c) => c.decision === 'agreed')),
    body('b) Không thống nhất:'),
    ...listed(claims.filter((c) => c.decision === 'refused')),
  ];
}

function proposals(m: ConferenceModel): Paragraph[] {
  return [
    heading('3. Đề nghị danh hiệu thi đua'),
    body(`Theo quy tắc đề nghị danh hiệu của thang điểm và kết quả xếp hạng trên${m.rounds && m.rounds.length > 0 ? ', và kết quả bỏ phiếu bình xét (mục 4)' : ''}:`),
    ...m.proposals.map((p, i) => {
      const who = p.units.length > 0 ? p.units.map(proposedVi).join('; ') : 'không có đơn vị đủ điều kiện';
      return body(`${String.fromCharCode(97 + (i % 26))}) ${p.title} (${titleRuleVi(p)}): ${who}${p.tie ? ` — ${tieVi(p)}` : ''}.`);
    }),
    ...(m.proposals.length === 0 ? [body('Thang điểm không nêu quy tắc đề nghị danh hiệu.')] : []),
  ];
}

function roundTable(r: BallotRound): [Table, Paragraph] {
  return dataTable(
    [
      { title: 'TT', width: 12 },
      { title: 'Đơn vị', width: 79 },
      { title: 'Tổng điểm', width: 20, numeric: true },
      { title: 'Số phiếu', width: 20, numeric: true },
      { title: 'Kết quả', width: 34 },
    ],
    r.candidates.map((c, i) => [String(i + 1), c.name, pts(c.total), String(c.votes), r.elected.includes(c.unitId) ? 'được đề nghị' : '']),
  );
}

function rounds(m: ConferenceModel): (Paragraph | Table)[] {
  if (!m.rounds || m.rounds.length === 0) return [];
  return [
    heading('4. Kết quả bỏ phiếu bình xét'),
    ...m.rounds.flatMap((r) => [
      body(`${r.title}, vòng ${r.round} (${r.seats} suất): ${r.ballots} phiếu phát ra${r.valid !== undefined ? `, ${r.valid} phiếu hợp lệ` : ''}.`),
      ...roundTable(r),
    ]),
  ];
}

export function minutesDocx(m: ConferenceModel): Promise<Buffer> {
  return administrativeDocument({
    kind: 'Biên bản',
    code: 'BB',
    issuer: m.bloc.name,
    number: m.bonus.decision?.minutes,
    place: m.bloc.province,
    day: { iso: m.conference.at, zone: m.timeZone },
    subject: minutesSubject(m),
    body: [
      body(`Thời gian: ${formatDateTimeVi(m.conference.at, m.timeZone)}.`),
      body(`Địa điểm: ${m.conference.location ?? BLANK.repeat(3)}.`),
      ...members(m),
      heading('II. NỘI DUNG'),
      ...ranking(m),
      ...bonus(m),
      ...proposals(m),
      ...rounds(m),
      body(`Hội nghị kết thúc lúc ${BLANK} giờ ${BLANK} cùng ngày. Biên bản đã được thông qua tại Hội nghị./.`),
    ],
    foot: {
      left: plainSignature('Thư ký'),
      signer: { role: m.bloc.terms.vi.leader, unit: m.leader.name },
      below: recipientLines([m.bloc.board, `Các đơn vị trong ${m.bloc.terms.vi.bloc}`, 'Lưu: VT']),
    },
  });
}
