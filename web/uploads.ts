/**
 * The documents units and the secretariat attach: a PDF or a DOCX, checked by its first bytes (a name can
 * say anything), kept once under data/uploads by its SHA-256, whose record the year keeps, and only once the year
 * has accepted that record: a refused one leaves no file behind. The same bytes sent twice are stored once, and a
 * stored file is never overwritten.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../client/errors';
import type { StoredFile } from '../workflows/model';

export interface UploadStore {
  dir: string;
  maxBytes: number;
}

const DOCX_PARTS = ['[Content_Types].xml', 'word/document.xml'];

/** BLOC_UPLOAD_DIR (default data/uploads) and BLOC_UPLOAD_MAX_MB (default 10). */
export function uploadStoreFromEnv(env: NodeJS.ProcessEnv = process.env): UploadStore {
  const text = env.BLOC_UPLOAD_MAX_MB ?? '10';
  const mb = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || mb <= 0 || mb > 50) throw new Error('BLOC_UPLOAD_MAX_MB: cần số MB từ 0 đến 50 / expected megabytes, above 0 and at most 50');
  return { dir: env.BLOC_UPLOAD_DIR ?? join('data', 'uploads'), maxBytes: Math.round(mb * 1024 * 1024) };
}

export function sizeVi(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** What the bytes are, whatever the name says: a PDF opens with "%PDF-", a DOCX is a ZIP holding a Word document. */
function typeOf(bytes: Buffer): StoredFile['type'] | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // A ZIP's entry names are stored as written, so the Word parts can be found without unpacking.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && DOCX_PARTS.every((part) => bytes.includes(part, 0, 'latin1'))) {
    return 'docx';
  }
  return undefined;
}

function refuse(reason: string): never {
  throw new InputError(`Tệp đính kèm: ${reason}`);
}

/** A checked file, written aside: kept once the year has accepted its record, else discarded. */
export interface StagedUpload {
  record: StoredFile;
  /** Moves the file into the store under its SHA-256 (two uploads of the same bytes agree). */
  keep(): void;
  /** Removes the file: nothing is kept of a record the year refused. */
  discard(): void;
}

/** Checks a file from a form and writes it aside; nothing is in the store until `keep`. */
export async function stageUpload(store: UploadStore, file: File): Promise<StagedUpload> {
  if (file.size > store.maxBytes) refuse(`tệp ${sizeVi(file.size)} vượt giới hạn ${sizeVi(store.maxBytes)} / the file is over the limit`);
  if (file.size === 0) refuse('tệp rỗng / the file is empty');
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = typeOf(bytes);
  if (!type) refuse('chỉ nhận văn bản PDF hoặc DOCX (Word); tệp này không phải / only PDF or DOCX documents are accepted');
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension !== type) refuse(`tên tệp phải có đuôi .${type} như nội dung của nó / the name must end in .${type}, as its content is`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = pathOf(store, sha256);
  mkdirSync(join(store.dir, sha256.slice(0, 2)), { recursive: true });
  // Written aside then renamed: a reader never sees half a file.
  const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
  writeFileSync(partial, bytes, { flag: 'wx' });
  const name = file.name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(-200);
  return {
    record: { sha256, name, size: bytes.length, type },
    keep: () => (existsSync(path) ? rmSync(partial, { force: true }) : renameSync(partial, path)),
    discard: () => rmSync(partial, { force: true }),
  };
}

/**
 * Runs `record` with the staged file's record (an Update of the year), keeping the file if it was accepted and
 * discarding it if not; without a file, only `record`.
 */
export async function recordWithUpload<T>(staged: StagedUpload | undefined, record: (file: StoredFile | undefined) => Promise<T>): Promise<T> {
  try {
    const result = await record(staged?.record);
    staged?.keep();
    return result;
  } catch (err) {
    staged?.discard();
    throw err;
  }
}

function pathOf(store: UploadStore, sha256: string): string {
  return join(store.dir, sha256.slice(0, 2), sha256);
}

/** A stored file's bytes, checked against their name: what comes back is what was recorded. */
export function readUpload(store: UploadStore, file: StoredFile): Buffer | undefined {
  const path = pathOf(store, file.sha256);
  if (!/^[0-9a-f]{64}$/.test(file.sha256) || !existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  return createHash('sha256').update(bytes).digest('hex') === file.sha256 ? bytes : undefined;
}

export const CONTENT_TYPE: Record<StoredFile['type'], string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
