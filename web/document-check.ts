/**
 * What an attached document is, read from its bytes and never from its name, and whether it is safe to keep and
 * hand to the other units' and the secretariat's office computers.
 *
 * A DOCX is read through its ZIP central directory (yauzl) and every part is inflated once, under a budget, so a
 * directory that lies about sizes is caught by the inflater: it must hold the parts Word writes, declare a Word
 * document (not a macro-enabled one), carry no macros and nothing executable (by name or by its first bytes), and
 * expand to a sensible size. A PDF may open at a page or a zoom (`/OpenAction`), but may carry no scripts, no
 * launch actions and no embedded files, looked for in its objects and inside its compressed object streams.
 */
import { inflateSync, constants as zlib } from 'node:zlib';
import { fromBufferPromise, type Entry } from 'yauzl';

export type DocumentType = 'pdf' | 'docx';
export type DocumentCheck = { ok: true; type: DocumentType } | { ok: false; reason: string };

/** What a DOCX may expand to in all: a report of a hundred pages with pictures is a few MB. */
export const MAX_DOCX_EXPANDED = 100 * 1024 * 1024;
/** Above this size, a part may be at most this many times its compressed size: Word's XML is 5 to 30 times. */
const RATIO_CHECKED_ABOVE = 1024 * 1024;
export const MAX_PART_RATIO = 100;
const MAX_DOCX_PARTS = 2000;
/** What a PDF's compressed object streams may expand to, in all, while they are searched. */
export const MAX_PDF_OBJECT_STREAMS = 64 * 1024 * 1024;

const DOCX_PARTS = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml'];
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const EXECUTABLE = /\.(exe|dll|com|scr|pif|cpl|msi|msp|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|lnk|jar|sh|elf|apk)$/i;
const MACROS = /(^|\/)vbaProject[^/]*\.bin$|(^|\/)vbaData\.xml$/i;
const PE = Buffer.from('MZ');
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

const refused = (reason: string): DocumentCheck => ({ ok: false, reason });
/** The ZIP reader's own words are English: they go with the English only. */
const damaged = (err: unknown): DocumentCheck => refused(`tệp nén DOCX hỏng / a damaged DOCX (${(err as Error).message})`);
const NOT_A_DOCUMENT = refused('chỉ nhận văn bản PDF hoặc DOCX (Word); tệp này không phải / only PDF or DOCX documents are accepted');

export async function checkDocument(bytes: Buffer): Promise<DocumentCheck> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return checkPdf(bytes);
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return checkDocx(bytes);
  return NOT_A_DOCUMENT;
}

async function checkDocx(bytes: Buffer): Promise<DocumentCheck> {
  let zip;
  try {
    zip = await fromBufferPromise(bytes, { strictFileNames: true, validateEntrySizes: true, autoClose: false });
  } catch (err) {
    return damaged(err);
  }
  try {
    if (zip.entryCount > MAX_DOCX_PARTS) return refused(`DOCX có ${zip.entryCount} phần, quá ${MAX_DOCX_PARTS} / too many parts`);
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    const names = new Set(entries.map((e) => e.fileName));
    if (names.size !== entries.length) return refused('DOCX có hai phần trùng tên / two parts share a name');
    const missing = DOCX_PARTS.filter((part) => !names.has(part));
    if (!names.has('word/document.xml')) return NOT_A_DOCUMENT;
    if (missing.length) return refused(`DOCX thiếu ${missing.join(', ')} / not a whole Word document`);
    const outside = entries.find((e) => EXECUTABLE.test(e.fileName) || MACROS.test(e.fileName) || e.isEncrypted());
    if (outside) return refused(`DOCX chứa "${outside.fileName}": không nhận macro, tệp chạy được hay phần mã hóa / no macros, programs or encrypted parts`);
    const expanded = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (expanded > MAX_DOCX_EXPANDED) return refused(`DOCX giải nén ra ${mb(expanded)} MB, quá ${mb(MAX_DOCX_EXPANDED)} MB / expands beyond the limit`);
    const bomb = entries.find((e) => e.uncompressedSize > RATIO_CHECKED_ABOVE && e.uncompressedSize > MAX_PART_RATIO * Math.max(1, e.compressedSize));
    if (bomb) return refused(`DOCX có phần "${bomb.fileName}" nở gấp ${Math.round(bomb.uncompressedSize / Math.max(1, bomb.compressedSize))} lần khi giải nén / expands absurdly`);
    for (const entry of entries) {
      // The inflater stops at the declared size and fails on a shortfall: what was checked above is what is inside.
      const part = await readPart(zip, entry, entry.fileName === '[Content_Types].xml' ? MAX_CONTENT_TYPES : HEAD_BYTES);
      if (part.subarray(0, 2).equals(PE) || part.subarray(0, 4).equals(ELF)) return refused(`DOCX có phần "${entry.fileName}" là tệp chạy được / an executable part`);
      if (entry.fileName === '[Content_Types].xml' && !part.toString('utf8').includes(WORD_MAIN)) {
        return refused('DOCX không khai báo là văn bản Word (có thể là tệp chứa macro .docm) / not declared a Word document');
      }
    }
    return { ok: true, type: 'docx' };
  } catch (err) {
    return damaged(err);
  } finally {
    zip.close();
  }
}

/** Enough of a part to tell a program by its first bytes. */
const HEAD_BYTES = 4;
/** [Content_Types].xml is read whole to find the document's type: Word's is under 2 KB. */
const MAX_CONTENT_TYPES = 1024 * 1024;

/** Inflates a part through to its end (so that its size is checked), keeping only its first `keep` bytes. */
async function readPart(zip: Awaited<ReturnType<typeof fromBufferPromise>>, entry: Entry, keep: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (kept < keep) {
      chunks.push(chunk.subarray(0, keep - kept));
      kept += Math.min(chunk.length, keep - kept);
    }
  }
  return Buffer.concat(chunks);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Names a PDF may not use: scripts, launching programs, files carried inside, rich media. */
const PDF_FORBIDDEN = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

/** The names in a piece of PDF, with `#xx` escapes read as the reader reads them (`/J#61vaScript` is `/JavaScript`). */
function pdfNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, raw] of text.matchAll(/\/([^\s/<>[\]()%{}]*)/g)) {
    names.add((raw ?? '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return names;
}

function checkPdf(bytes: Buffer): DocumentCheck {
  const text = bytes.toString('latin1');
  const found = (names: Set<string>) => [...PDF_FORBIDDEN].find((name) => names.has(name));
  const forbidden = (name: string) =>
    refused(`PDF chứa "/${name}" (mã lệnh, chạy chương trình hoặc tệp đính kèm bên trong); hãy in lại ra PDF thường / a PDF with scripts, launch actions or embedded files`);
  const names = pdfNames(text);
  const direct = found(names);
  if (direct) return forbidden(direct);
  // Objects packed into compressed object streams are invisible above: inflate those, within a budget.
  const encrypted = names.has('Encrypt');
  let budget = MAX_PDF_OBJECT_STREAMS;
  for (const match of text.matchAll(/\bobj\b((?:(?!\bobj\b)[\s\S]){0,4096}?)\bstream\r?\n/g)) {
    const dictionary = pdfNames(match[1] ?? '');
    if (!dictionary.has('ObjStm')) continue;
    if (encrypted) return refused('PDF có mật khẩu, không kiểm tra được; hãy gửi bản không đặt mật khẩu / a password-protected PDF cannot be checked');
    if (!dictionary.has('FlateDecode')) return refused('PDF có luồng đối tượng không đọc được / an object stream that cannot be read');
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    let inflated: Buffer;
    try {
      // Readers accept a stream cut short; so does this, to see what they would see.
      inflated = inflateSync(bytes.subarray(start, end < 0 ? undefined : end), { maxOutputLength: budget, finishFlush: zlib.Z_SYNC_FLUSH });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return refused(`PDF giải nén ra quá ${mb(MAX_PDF_OBJECT_STREAMS)} MB, không kiểm tra được / expands beyond what can be checked`);
      }
      return refused('PDF có luồng đối tượng không đọc được / an object stream that cannot be read');
    }
    budget -= inflated.length;
    const hidden = found(pdfNames(inflated.toString('latin1')));
    if (hidden) return forbidden(hidden);
  }
  return { ok: true, type: 'pdf' };
}
