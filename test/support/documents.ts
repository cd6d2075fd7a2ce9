/**
 * Documents as units send them, and as a hostile sender would: real ZIP files written byte by byte (so a test can
 * make the central directory say what it likes), a Word document holding the parts Word writes, and PDFs.
 */
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

export const MiB = 1024 * 1024;

export interface ZipPart {
  name: string;
  data: Buffer;
  /** What the central directory says the part expands to; the truth when absent. */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  compressed: Buffer;
  size: number;
  crc: number;
}

function header(signature: number, fields: [number, 2 | 4][]): Buffer {
  const out = Buffer.alloc(4 + fields.reduce((sum, [, bytes]) => sum + bytes, 0));
  out.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [value, bytes] of fields) at = bytes === 2 ? out.writeUInt16LE(value, at) : out.writeUInt32LE(value, at);
  return out;
}

/** A ZIP of deflated parts; `written` lets a bomb supply parts already compressed. */
export function zip(parts: ZipPart[], written: Written[] = []): Buffer {
  const all: Written[] = [
    ...parts.map((p) => ({ name: Buffer.from(p.name), compressed: deflateRawSync(p.data), size: p.declaredSize ?? p.data.length, crc: crc32(p.data) })),
    ...written,
  ];
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of all) {
    const common: [number, 2 | 4][] = [[20, 2], [0x0800, 2], [8, 2], [0, 2], [0x21, 2], [part.crc, 4], [part.compressed.length, 4], [part.size, 4], [part.name.length, 2], [0, 2]];
    const local = Buffer.concat([header(0x04034b50, common), part.name, part.compressed]);
    central.push(Buffer.concat([header(0x02014b50, [[20, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]), part.name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const end = header(0x06054b50, [[0, 2], [0, 2], [all.length, 2], [all.length, 2], [directory.length, 4], [offset, 4], [0, 2]]);
  return Buffer.concat([...locals, directory, end]);
}

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const contentTypes = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const body = (text: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

/** The parts of a Word document saying `text`; `main` is what [Content_Types].xml declares it to be. */
export function wordParts(text = 'Báo cáo thi đua năm 2020', main = WORD_MAIN): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes(main)) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: Buffer.from(body(text)) },
  ];
}

export const wordDocument = (text?: string, extra: ZipPart[] = []) => zip([...wordParts(text), ...extra]);

/**
 * A Word document whose `word/document.xml` is `mebibytes` MiB of zeros (about 1 KiB a MiB once compressed), told
 * in the central directory as it is, or as `declaredSize` to lie about it.
 */
export function wordBomb(mebibytes: number, declaredSize?: number): Buffer {
  const zeros = Buffer.alloc(MiB);
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) crc = crc32(zeros, crc);
  // Flushed blocks concatenate; an empty final block ends the stream.
  const compressed = Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([0x03, 0x00])]);
  const [types, rels] = wordParts();
  return zip([types!, rels!], [{ name: Buffer.from('word/document.xml'), compressed, size: declaredSize ?? mebibytes * MiB, crc }]);
}

/** A PDF whose objects are `objects`, written in the clear, as a scanner or Word's "Save as PDF" writes them. */
export function pdf(...objects: string[]): Buffer {
  const numbered = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', ...objects];
  return Buffer.from(`%PDF-1.7\n%âãÏÓ\n${numbered.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A PDF whose `objects` are packed in a compressed object stream, as PDF 1.5 writers do to save space. */
export function pdfWithObjectStream(...objects: string[]): Buffer {
  const data = deflateSync(Buffer.from(objects.join('\n'), 'latin1'));
  const head = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n3 0 obj\n<< /Type /ObjStm /N ${objects.length} /First 0 /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1');
  return Buffer.concat([head, data, Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
}
