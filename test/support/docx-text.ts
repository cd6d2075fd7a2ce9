/**
 * A DOCX read back as a person reads it: its parts by name (yauzl), the text of each paragraph of
 * word/document.xml in order, and its tables as rows of cell texts. Word's XML is regular enough for patterns:
 * paragraphs do not nest, and the documents here nest no tables.
 */
import { fromBufferPromise } from 'yauzl';

export async function docxParts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await fromBufferPromise(bytes, { autoClose: false });
  const parts = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
      parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return parts;
}

const unescape = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');

/** The text of one piece of XML: its `w:t` runs joined. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1] ?? '')).join('');
}

/** Every paragraph's text, those in tables included, in the order of the document. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
}

/** Each table as its rows, each row as its cells' texts (a cell's paragraphs joined by a line break). */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => paragraphs(cell[0]).join('\n'))),
  );
}

export interface ReadDocx {
  xml: string;
  styles: string;
  paragraphs: string[];
  tables: string[][][];
}

export async function readDocx(bytes: Buffer): Promise<ReadDocx> {
  const parts = await docxParts(bytes);
  const xml = parts.get('word/document.xml') ?? '';
  return { xml, styles: parts.get('word/styles.xml') ?? '', paragraphs: paragraphs(xml), tables: tables(xml) };
}
