/**
 * A document's record as an Update carries it: the console has already checked the bytes (type, size) and
 * stored them by their SHA-256; the year checks the record is well formed before keeping it.
 */
import type { StoredFile } from './model';
import { reject } from './refusal';

/** The console's own limit is lower (web/uploads.ts); this one only keeps a wild record out of history. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_NAME_LENGTH = 200;

export function acceptFile(field: string, value: unknown): StoredFile | undefined {
  if (value === undefined) return undefined;
  const file = value as Partial<StoredFile> | null;
  if (typeof file !== 'object' || file === null) reject(field, 'cần bản ghi tệp / a file record is required');
  if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) reject(field, 'SHA-256 không hợp lệ / invalid SHA-256');
  if (file.type !== 'pdf' && file.type !== 'docx') reject(field, 'chỉ nhận PDF hoặc DOCX / only PDF or DOCX');
  if (typeof file.size !== 'number' || !Number.isInteger(file.size) || file.size <= 0 || file.size > MAX_FILE_BYTES) {
    reject(field, `kích thước không hợp lệ / invalid size`);
  }
  const name = typeof file.name === 'string' ? file.name.trim() : '';
  if (name === '' || name.length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f/\\]/.test(name)) {
    reject(field, `tên tệp không hợp lệ / invalid file name`);
  }
  return { sha256: file.sha256, name, size: file.size, type: file.type };
}
