/**
 * Tờ trình đề nghị khen thưởng (the proposal to the province's emulation-reward board), as a DOCX draft for the
 * leader to check and sign: per title, the units the conference proposes with their rank and total, and their
 * votes once the ballot gives them. The number and the day are left blank for the clerk.
 */
import type { Paragraph, Table } from 'docx';
import { dayMonthYearVi } from '../calendar/wording';
import { addressee, administrativeDocument, body, dataTable, heading, pts, recipientLines, type Column } from './decree-30';
import { minutesSubject } from './minutes';
import type { ConferenceModel, TitleProposal } from './model';
import { tableSourceVi, tieVi, titleRuleVi } from './wording';

export function proposalSubject(m: ConferenceModel): string {
  return `Về việc đề nghị khen thưởng thành tích thi đua năm ${m.year}`;
}

function titleTable(p: TitleProposal): [Table, Paragraph] {
  const voted = p.units.some((u) => u.votes !== undefined);
  const columns: Column[] = [
    { title: 'TT', width: 12 },
    { title: 'Tên đơn vị', width: voted ? 87 : 109 },
    { title: 'Hạng', width: 20, numeric: true },
    { title: 'Tổng điểm', width: 24, numeric: true },
    ...(voted ? [{ title: 'Số phiếu', width: 22, numeric: true }] : []),
  ];
  return dataTable(
    columns,
    p.units.map((u, i) => [String(i + 1), u.name, u.rank === undefined ? '' : String(u.rank), pts(u.total), ...(voted ? [u.votes === undefined ? '' : String(u.votes)] : [])]),
  );
}

function titleSection(p: TitleProposal, i: number): (Paragraph | Table)[] {
  return [
    heading(`${i + 1}. ${p.title} (${titleRuleVi(p)})`),
    ...(p.units.length > 0 ? titleTable(p) : [body('Không có đơn vị đủ điều kiện theo quy tắc của thang điểm.')]),
    ...(p.tie ? [body(`Lưu ý: ${tieVi(p)}.`, { italics: true })] : []),
  ];
}

export function proposalDocx(m: ConferenceModel): Promise<Buffer> {
  const issuer = m.bloc.name;
  const decision = m.bonus.decision;
  return administrativeDocument({
    kind: 'Tờ trình',
    code: 'TTr',
    issuer,
    place: m.bloc.province,
    // The clerk dates it; it goes up in the year of the conference.
    year: Number(m.conference.at.slice(0, 4)),
    subject: proposalSubject(m),
    body: [
      addressee(m.bloc.board),
      body(`Căn cứ kết quả chấm điểm thi đua năm ${m.year} theo ${tableSourceVi(m.table)};`),
      body(`Căn cứ kết quả ${minutesSubject(m)} ngày ${dayMonthYearVi(m.conference.at, m.timeZone)}${decision ? ` (Biên bản số ${decision.minutes})` : ''};`),
      body(`${issuer} kính đề nghị ${m.bloc.board} xem xét, trình cấp có thẩm quyền khen thưởng các tập thể sau:`),
      ...m.proposals.flatMap(titleSection),
      ...(m.proposals.length === 0 ? [body('Thang điểm không nêu quy tắc đề nghị danh hiệu: không có đơn vị được đề nghị.')] : []),
      body('(Kèm theo Biên bản Hội nghị và bảng tổng hợp kết quả chấm điểm.)', { italics: true }),
      body(`${issuer} kính trình ${m.bloc.board} xem xét, quyết định./.`),
    ],
    foot: { left: recipientLines(['Như trên', `Các đơn vị trong ${m.bloc.terms.vi.bloc}`, 'Lưu: VT']), signer: { role: m.bloc.terms.vi.leader, unit: m.leader.name } },
  });
}
