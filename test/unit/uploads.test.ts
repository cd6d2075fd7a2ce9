/**
 * The documents attached to a declaration or a submission: a PDF or a Word document, told by its bytes and not
 * its name, kept once by its SHA-256 when the year accepts its record, refused with the reason a văn thư can act on.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wordDocument, zip } from '../support/documents';
import { LinkUploadAllowance } from '../../web/link-upload-allowance';
import { readUpload, recordWithUpload, stageUpload, sweepStaged, uploadStoreFromEnv, type UploadStore } from '../../web/uploads';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const DOCX = wordDocument();
/** A ZIP that is not a Word document (a spreadsheet). */
const XLSX = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);

let store: UploadStore;
beforeEach(() => {
  store = { dir: mkdtempSync(join(tmpdir(), 'bloc-uploads-')), maxBytes: 1024, linkBytesPerDay: 4096 };
});
afterEach(() => rmSync(store.dir, { recursive: true, force: true }));

const file = (bytes: Buffer, name: string) => new File([bytes], name);
const refusal = (work: Promise<unknown>) => work.then(() => 'accepted', (e: Error) => e.message);
/** Staged and kept, as when the year accepts the record. */
const storeUpload = async (s: UploadStore, f: File) => {
  const staged = await stageUpload(s, f);
  staged.keep();
  return staged.record;
};
/** Every file under the store, staged ones included. */
const filesIn = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

test('a PDF and a DOCX are kept under their SHA-256; the same bytes twice are one file', async () => {
  const pdf = await storeUpload(store, file(PDF, 'Báo cáo.pdf'));
  expect(pdf).toEqual({ sha256: createHash('sha256').update(PDF).digest('hex'), name: 'Báo cáo.pdf', size: PDF.length, type: 'pdf' });
  const again = await storeUpload(store, file(PDF, 'Bản sao.PDF'));
  expect(again).toEqual({ ...pdf, name: 'Bản sao.PDF' });
  const docx = await storeUpload(store, file(DOCX, 'to-trinh.docx'));
  expect(docx.type).toBe('docx');
  expect(readdirSync(join(store.dir, pdf.sha256.slice(0, 2)))).toEqual([pdf.sha256]);
  expect(readUpload(store, pdf)).toEqual(PDF);
});

test('refusals say why: not a document, a name that hides the type, empty, too large', async () => {
  expect(await refusal(storeUpload(store, file(Buffer.from('MZ\x90\x00'), 'bao-cao.pdf')))).toBe(
    'Tệp đính kèm: chỉ nhận văn bản PDF hoặc DOCX (Word); tệp này không phải / only PDF or DOCX documents are accepted',
  );
  expect(await refusal(storeUpload(store, file(XLSX, 'bang.docx')))).toMatch(/^Tệp đính kèm: chỉ nhận văn bản PDF hoặc DOCX/);
  expect(await refusal(storeUpload(store, file(DOCX, 'to-trinh.pdf')))).toBe(
    'Tệp đính kèm: tên tệp phải có đuôi .docx như nội dung của nó / the name must end in .docx, as its content is',
  );
  expect(await refusal(storeUpload(store, file(Buffer.alloc(0), 'rong.pdf')))).toBe('Tệp đính kèm: tệp rỗng / the file is empty');
  expect(await refusal(storeUpload(store, file(Buffer.concat([PDF, Buffer.alloc(1024)]), 'lon.pdf')))).toBe(
    'Tệp đính kèm: tệp 2 kB vượt giới hạn 1 kB / the file is over the limit',
  );
  expect(readdirSync(store.dir)).toEqual([]);
});

test('a file is kept only when its record is accepted: a refused record leaves nothing behind', async () => {
  const refused = await refusal(recordWithUpload(await stageUpload(store, file(PDF, 'a.pdf')), async () => {
    throw new Error('sentOn: ngày gửi ở tương lai');
  }));
  expect(refused).toBe('sentOn: ngày gửi ở tương lai');
  expect(filesIn(store.dir)).toEqual([]);

  const recorded = await recordWithUpload(await stageUpload(store, file(PDF, 'a.pdf')), async (stored) => stored?.sha256);
  expect(filesIn(store.dir)).toEqual([recorded]);
  // The same bytes again: still one file; and a record without a file stores nothing.
  await recordWithUpload(await stageUpload(store, file(PDF, 'b.pdf')), async () => undefined);
  await recordWithUpload(undefined, async (stored) => expect(stored).toBeUndefined());
  expect(filesIn(store.dir)).toEqual([recorded]);
});

test('a stored file whose bytes changed on disk is not served as the recorded one', async () => {
  const pdf = await storeUpload(store, file(PDF, 'a.pdf'));
  writeFileSync(join(store.dir, pdf.sha256.slice(0, 2), pdf.sha256), Buffer.concat([PDF, Buffer.from('sửa')]));
  expect(readUpload(store, pdf)).toBeUndefined();
  expect(readUpload(store, { ...pdf, sha256: 'f'.repeat(64) })).toBeUndefined();
});

test('the limit and the folder come from the environment, checked', () => {
  expect(uploadStoreFromEnv({})).toEqual({ dir: join('data', 'uploads'), maxBytes: 10 * 1024 * 1024, linkBytesPerDay: 50 * 1024 * 1024 });
  expect(uploadStoreFromEnv({ BLOC_UPLOAD_MAX_MB: '2.5', BLOC_UPLOAD_DIR: '/srv/khoi/tep', BLOC_UPLOAD_LINK_DAILY_MB: '20' })).toEqual({
    dir: '/srv/khoi/tep',
    maxBytes: 2_621_440,
    linkBytesPerDay: 20 * 1024 * 1024,
  });
  expect(() => uploadStoreFromEnv({ BLOC_UPLOAD_LINK_DAILY_MB: 'nhieu' })).toThrow('BLOC_UPLOAD_LINK_DAILY_MB: cần số MB');
  expect(() => uploadStoreFromEnv({ BLOC_UPLOAD_MAX_MB: '0' })).toThrow('BLOC_UPLOAD_MAX_MB: cần số MB từ 0 đến 50');
  expect(() => uploadStoreFromEnv({ BLOC_UPLOAD_MAX_MB: '80' })).toThrow('BLOC_UPLOAD_MAX_MB');
});

test('a staged file left by a console that stopped mid-request is swept at the next start, an hour on', async () => {
  const staged = await stageUpload(store, file(PDF, 'a.pdf'));
  const kept = await storeUpload(store, file(Buffer.concat([PDF, Buffer.from('% khác\n')]), 'b.pdf'));
  const part = filesIn(store.dir).find((name) => name.endsWith('.part')) ?? '';
  expect(sweepStaged(store)).toBe(0);
  // Fifty-nine minutes old: another console may still be answering the request.
  const aged = (minutes: number) => {
    const at = new Date(statSync(join(store.dir, '.sweep')).mtimeMs - minutes * 60_000);
    utimesSync(join(store.dir, part.slice(0, 2), part), at, at);
  };
  aged(59);
  expect(sweepStaged(store)).toBe(0);
  aged(61);
  expect(sweepStaged(store)).toBe(1);
  expect(filesIn(store.dir).filter((name) => name !== '.sweep')).toEqual([kept.sha256]);
  expect(() => staged.discard()).not.toThrow();
  expect(sweepStaged({ ...store, dir: join(store.dir, 'chua-co') })).toBe(0);
});

test("a unit's links may upload so much a day, in Vietnam's day; another unit, or the next day, starts afresh", () => {
  let now = Date.parse('2049-06-10T23:30:00+07:00');
  const allowance = new LinkUploadAllowance(1000, () => now);
  const unit = { bloc: 'thu-nghiem', year: 2049, unit: 'so-a' };
  expect(allowance.take(unit, 600)).toEqual({ ok: true });
  expect(allowance.take(unit, 500)).toEqual({ ok: false, usedBytes: 600 });
  expect(allowance.take(unit, 400)).toEqual({ ok: true });
  expect(allowance.take({ ...unit, unit: 'so-b' }, 1000)).toEqual({ ok: true });
  expect(allowance.take({ ...unit, year: 2050 }, 1000)).toEqual({ ok: true });
  // 00:10 in Hà Nội is still the 10th in UTC: the day is Vietnam's.
  now = Date.parse('2049-06-11T00:10:00+07:00');
  expect(allowance.take(unit, 1000)).toEqual({ ok: true });
});
