/**
 * The documents units and the secretariat attach: a PDF or a DOCX, checked by its bytes (a name can say anything;
 * see document-check.ts for what is checked), kept once under data/uploads by its SHA-256, whose record the year keeps, and only once the year
 * has accepted that record: a refused one leaves no file behind. The same bytes sent twice are stored once, and a
 * stored file is never overwritten.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../config/errors';
import { checkDocument } from './document-check';
import type { StoredFile } from '../workflows/model';

export interface UploadStore {
  dir: string;
  maxBytes: number;
  /** What one unit may upload through its links in a day. */
  linkBytesPerDay: number;
}

function megabytes(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name] ?? String(fallback);
  const mb = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || mb <= 0 || mb > max) throw new Error(`${name}: cần số MB từ 0 đến ${max} / expected megabytes, above 0 and at most ${max}`);
  return Math.round(mb * 1024 * 1024);
}

/** BLOC_UPLOAD_DIR (default data/uploads), BLOC_UPLOAD_MAX_MB (default 10), BLOC_UPLOAD_LINK_DAILY_MB (default 50). */
export function uploadStoreFromEnv(env: NodeJS.ProcessEnv = process.env): UploadStore {
  return {
    dir: env.BLOC_UPLOAD_DIR ?? join('data', 'uploads'),
    maxBytes: megabytes(env, 'BLOC_UPLOAD_MAX_MB', 10, 50),
    linkBytesPerDay: megabytes(env, 'BLOC_UPLOAD_LINK_DAILY_MB', 50, 10_000),
  };
}

export function sizeVi(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB` : `${Math.ceil(bytes / 1024)} kB`;
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
  checkSize(store, file.size);
  return stageBytes(store, Buffer.from(await file.arrayBuffer()), file.name);
}

function checkSize(store: UploadStore, size: number): void {
  if (size > store.maxBytes) refuse(`tệp ${sizeVi(size)} vượt giới hạn ${sizeVi(store.maxBytes)} / the file is over the limit`);
  if (size === 0) refuse('tệp rỗng / the file is empty');
}

/** The same checks for bytes from elsewhere (a mail's attachment): refused with an InputError naming why. */
export async function stageBytes(store: UploadStore, bytes: Buffer, fileName: string): Promise<StagedUpload> {
  checkSize(store, bytes.length);
  const check = await checkDocument(bytes);
  if (!check.ok) refuse(check.reason);
  const { type } = check;
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension !== type) refuse(`tên tệp phải có đuôi .${type} như nội dung của nó / the name must end in .${type}, as its content is`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = pathOf(store, sha256);
  mkdirSync(join(store.dir, sha256.slice(0, 2)), { recursive: true });
  // Written aside then renamed: a reader never sees half a file.
  const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
  writeFileSync(partial, bytes, { flag: 'wx' });
  const name = fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(-200);
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

/** How old a staged file must be to be left by a console that stopped mid-request: no Update takes an hour. */
const STAGED_FORGOTTEN_MS = 60 * 60_000;

/**
 * Removes staged files a stopped console left behind; returns how many. Their age is judged by the file system's
 * own clock (a file written now), not this process's: consoles on several hosts may share the folder.
 */
export function sweepStaged(store: UploadStore): number {
  if (!existsSync(store.dir)) return 0;
  const mark = join(store.dir, '.sweep');
  writeFileSync(mark, '');
  const now = statSync(mark).mtimeMs;
  const left = readdirSync(store.dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.part') && now - statSync(join(e.parentPath, e.name)).mtimeMs > STAGED_FORGOTTEN_MS,
  );
  for (const e of left) rmSync(join(e.parentPath, e.name), { force: true });
  return left.length;
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
