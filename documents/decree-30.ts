/**
 * The layout Decree 30/2020/NĐ-CP (Appendix I) gives every administrative document, as pieces the minutes and
 * the proposal share: A4 with its margins (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm), Times New
 * Roman, the issuing body and its number and symbol on the left of the first lines, the national title and the
 * place and date on the right, the kind of document and its subject centred, "Nơi nhận" at the foot on the
 * left and the signature block on the right, and the page number from the second page.
 *
 * Written with the `docx` package: pure functions of their arguments, no template.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  type TableVerticalAlign,
  WidthType,
  type FileChild,
  type IParagraphOptions,
} from 'docx';
import { DateTime } from 'luxon';
import { pointsVi } from '../config/scoring';

export const FONT = 'Times New Roman';
/** Points: the body and the subject at 14, the national title, issuing body and tables at 13, "Nơi nhận" at 12 and its list at 11. */
export const SIZE = { body: 14, heading: 13, table: 13, recipientsHeading: 12, recipients: 11 } as const;
/** Millimetres. */
export const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 } as const;
const A4 = { width: 210, height: 297 } as const;

/** Millimetres in twips, rounded (docx's own converter truncates: A4 would come out a twip short of Word's 11906 × 16838). */
export function twips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}
/** The writing width, in twips. */
export const TEXT_WIDTH = twips(A4.width - MARGINS.left - MARGINS.right);

/** What is left blank for the clerk: a number, a person's name, an hour. */
export const BLANK = '……';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Upper case as Vietnamese writes it: "KHỐI THI ĐUA SỐ 4". */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** "95,5": the decimal comma. */
export const pts = (points: number | undefined): string => (points === undefined ? '' : pointsVi(points));

/**
 * The issuer's part of the symbol, from its name: the initials without their tone marks (Đ stays Đ), numbers
 * whole, "số" left out: "Khối thi đua số 4" → "KTĐ4", "Cụm thi đua số 2" → "CTĐ2".
 */
export function issuerSymbol(name: string): string {
  return name
    .split(/[\s\-–]+/)
    .filter((word) => word !== '' && word.toLocaleLowerCase('vi') !== 'số')
    .map((word) => (/^\d+$/.test(word) ? word : (word[0] ?? '')))
    .join('')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLocaleUpperCase('vi');
}

/** "Số: 01/BB-KTĐ4", or with the number left blank: "Số: ……/TTr-KTĐ4". */
export function numberLine(kind: 'BB' | 'TTr', issuer: string, recorded?: string): string {
  return `Số: ${recorded ?? `${BLANK}/${kind}-${issuerSymbol(issuer)}`}`;
}

/**
 * "Đắk Nông, ngày 05 tháng 01 năm 2050": days below 10 and the months January and February take a leading
 * zero (Decree 30, Appendix I, II.5). What is not known is left blank, the year excepted when given.
 */
export function placeDateLine(place: string | undefined, day?: { iso: string; zone: string }, year?: number): string {
  const where = place ?? BLANK.repeat(3);
  if (!day) return `${where}, ngày ${BLANK} tháng ${BLANK} năm ${year ?? BLANK}`;
  const d = DateTime.fromISO(day.iso, { zone: day.zone });
  const dd = String(d.day).padStart(2, '0');
  const mm = d.month <= 2 ? String(d.month).padStart(2, '0') : String(d.month);
  return `${where}, ngày ${dd} tháng ${mm} năm ${d.year}`;
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, size: (style.size ?? SIZE.body) * 2, bold: style.bold, italics: style.italics });
}

type ParagraphStyle = RunStyle & Pick<IParagraphOptions, 'alignment' | 'indent' | 'border' | 'keepNext'> & { before?: number; after?: number };

/** A paragraph of runs: plain strings take the paragraph's style. */
export function para(parts: string | (string | TextRun)[], style: ParagraphStyle = {}): Paragraph {
  const { bold, italics, size, before, after, ...layout } = style;
  const runs = (typeof parts === 'string' ? [parts] : parts).map((p) => (typeof p === 'string' ? run(p, { bold, italics, size }) : p));
  return new Paragraph({ children: runs, spacing: { before: (before ?? 0) * 20, after: (after ?? 0) * 20 }, ...layout });
}

/** Body text: justified, its first line indented 1 cm, 6 pt between paragraphs (none between the lines of a list). */
export function body(parts: string | (string | TextRun)[], style: RunStyle & { listed?: boolean } = {}): Paragraph {
  const { listed, ...run } = style;
  return para(parts, { ...run, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twips(10) }, after: listed ? 0 : 6 });
}

/** A section's heading in the body: "I. THÀNH PHẦN". */
export function heading(text: string): Paragraph {
  return para(text, { bold: true, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twips(10) }, before: 6, after: 6, keepNext: true });
}

const centred = (text: string, style: ParagraphStyle = {}) => para(text, { alignment: AlignmentType.CENTER, ...style });

/** A short rule under a line of the heading, `mm` long and centred in its cell: an empty line's top border, narrowed by indents. */
function rule(cellMm: number, mm: number): Paragraph {
  const side = twips(Math.max(0, (cellMm - mm) / 2));
  return new Paragraph({
    children: [run('', { size: 2 })],
    indent: { left: side, right: side },
    spacing: { before: 40, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

const cell = (children: Paragraph[], widthMm: number, align: TableVerticalAlign = VerticalAlignTable.TOP) =>
  new TableCell({ children, width: { size: twips(widthMm), type: WidthType.DXA }, verticalAlign: align });

/** Two columns without borders, across the writing width: the heading and the foot of every document. */
function sideBySide(left: Paragraph[], right: Paragraph[], leftMm: number): Table {
  const rightMm = A4.width - MARGINS.left - MARGINS.right - leftMm;
  return new Table({
    rows: [new TableRow({ children: [cell(left, leftMm), cell(right, rightMm)] })],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [twips(leftMm), twips(rightMm)],
    borders: TableBorders.NONE,
  });
}

export interface Heading {
  /** "Khối thi đua số 4". */
  issuer: string;
  /** "Số: ……/BB-KTĐ4". */
  number: string;
  /** "Đắk Nông, ngày 14 tháng 01 năm 2050". */
  placeDate: string;
}

/** The first lines: the issuing body and its number on the left, the national title and the date on the right. */
function headingBlock(h: Heading): Table {
  const leftMm = 60;
  const rightMm = A4.width - MARGINS.left - MARGINS.right - leftMm;
  return sideBySide(
    [centred(upperVi(h.issuer), { bold: true, size: SIZE.heading }), rule(leftMm, 20), centred(h.number, { size: SIZE.heading, before: 6 })],
    [
      centred(NATIONAL_TITLE, { bold: true, size: SIZE.heading }),
      centred(MOTTO, { bold: true, size: SIZE.body }),
      rule(rightMm, 66),
      centred(h.placeDate, { italics: true, size: SIZE.body, before: 6 }),
    ],
    leftMm,
  );
}

/** "BIÊN BẢN" and its subject, centred, bold. */
function titleBlock(kind: string, subject: string[]): Paragraph[] {
  return [centred(upperVi(kind), { bold: true, size: SIZE.body, before: 18 }), ...subject.map((line, i) => centred(line, { bold: true, size: SIZE.body, after: i === subject.length - 1 ? 12 : 0 }))];
}

/** "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Đắk Nông." */
export function addressee(to: string): Paragraph {
  return para([run('Kính gửi: '), run(`${to}.`)], { alignment: AlignmentType.CENTER, after: 12 });
}

/** A draft's mark, above its first lines, for the clerk to remove once the leader has checked it. */
function draftMark(): Paragraph {
  return para('DỰ THẢO', {
    bold: true,
    size: SIZE.heading,
    alignment: AlignmentType.LEFT,
    after: 6,
    border: Object.fromEntries(['top', 'bottom', 'left', 'right'].map((side) => [side, { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 }])),
    indent: { right: TEXT_WIDTH - twips(27) },
  });
}

export interface Signer {
  /** "Khối thi đua số 4". */
  issuer: string;
  /** "Khối trưởng", "Cụm trưởng". */
  role: string;
  /** The leader unit, above the space for the signature. */
  unit: string;
}

/** "TM. KHỐI THI ĐUA SỐ 4 / KHỐI TRƯỞNG", the leader unit, the space to sign, the signer's name to fill in. */
function signatureLines(s: Signer): Paragraph[] {
  return [
    centred(`TM. ${upperVi(s.issuer)}`, { bold: true, size: SIZE.body }),
    centred(upperVi(s.role), { bold: true, size: SIZE.body }),
    centred(s.unit, { italics: true, size: SIZE.heading }),
    ...blankLines(3),
    centred(BLANK.repeat(4), { size: SIZE.body }),
  ];
}

/** A second signature without a seal: the minutes' secretary. */
export function plainSignature(role: string): Paragraph[] {
  return [centred(upperVi(role), { bold: true, size: SIZE.body }), centred('(Ký, ghi rõ họ tên)', { italics: true, size: SIZE.heading }), ...blankLines(4), centred(BLANK.repeat(4), { size: SIZE.body })];
}

function blankLines(n: number): Paragraph[] {
  return Array.from({ length: n }, () => para(''));
}

/** "Nơi nhận:" and its list, each line from "- ", the last ending in a full stop. */
export function recipientLines(list: string[]): Paragraph[] {
  return [
    para('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsHeading, before: 12 }),
    ...list.map((line, i) => para(`- ${line}${i === list.length - 1 ? '.' : ';'}`, { size: SIZE.recipients })),
  ];
}

/** The foot: `left` (the recipients, or a second signature) and the signature block on the right. */
function footBlock(left: Paragraph[], signer: Signer): Table {
  return sideBySide(left, signatureLines(signer), 80);
}

export interface Column {
  title: string;
  /** Millimetres. */
  width: number;
  /** Figures: right-aligned. */
  numeric?: boolean;
}

/** A table with its header row repeated on each page, in the table's size, and a little space after it. */
export function dataTable(columns: Column[], rows: string[][]): [Table, Paragraph] {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const line = (texts: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: columns.map((c, i) =>
        cell(
          [para(texts[i] ?? '', { bold: header, size: SIZE.table, alignment: header ? AlignmentType.CENTER : c.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT })],
          c.width,
          VerticalAlignTable.CENTER,
        ),
      ),
    });
  const table = new Table({
    rows: [line(columns.map((c) => c.title), true), ...rows.map((r) => line(r, false))],
    width: { size: twips(columns.reduce((sum, c) => sum + c.width, 0)), type: WidthType.DXA },
    columnWidths: columns.map((c) => twips(c.width)),
    margins: { top: twips(0.5), bottom: twips(0.5), left: twips(1.2), right: twips(1.2) },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
  return [table, para('', { size: 6 })];
}

/** A4, the decree's margins, the page number centred at the top from the second page on. */
async function documentBuffer(title: string, children: FileChild[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'bloc-deadline-engine',
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(A4.width), height: twips(A4.height) },
            margin: {
              top: twips(MARGINS.top),
              bottom: twips(MARGINS.bottom),
              left: twips(MARGINS.left),
              right: twips(MARGINS.right),
              header: twips(10),
              footer: twips(10),
            },
          },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.heading * 2 })] })] }),
          first: new Header({ children: [] }),
        },
        footers: { first: new Footer({ children: [] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface AdministrativeDocument {
  /** "Biên bản", "Tờ trình". */
  kind: string;
  /** The kind in the symbol: "BB", "TTr". */
  code: 'BB' | 'TTr';
  /** The issuing body, "Khối thi đua số 4"; the number when it is known; the place and day, or the year alone. */
  issuer: string;
  number?: string;
  place?: string;
  day?: { iso: string; zone: string };
  year?: number;
  subject: string;
  body: FileChild[];
  /** Beside the signature block: the recipients, or a second signature with the recipients below. */
  foot: { left: Paragraph[]; signer: Omit<Signer, 'issuer'>; below?: Paragraph[] };
}

/** A whole document: the draft's mark, the first lines, the kind and subject, the body, the foot. */
export function administrativeDocument(d: AdministrativeDocument): Promise<Buffer> {
  return documentBuffer(`${d.kind} ${d.subject}`, [
    draftMark(),
    headingBlock({ issuer: d.issuer, number: numberLine(d.code, d.issuer, d.number), placeDate: placeDateLine(d.place, d.day, d.year) }),
    ...titleBlock(d.kind, [d.subject]),
    ...d.body,
    footBlock(d.foot.left, { issuer: d.issuer, ...d.foot.signer }),
    ...(d.foot.below ?? []),
  ]);
}
