/** Where the console's pages are: the links between them and the routes that answer them. */
import type { StoredFile } from '../../workflows/model';

export const SIGN_IN = '/dang-nhap';
/** A unit's own page: no account, its signed link instead. */
export const UNIT_PAGES = '/don-vi/';
export const STYLE_PATH = '/tai-nguyen/style.css';
export const LIVE_PATH = '/tai-nguyen/live.js';

export function yearPath(blocId: string, year: number): string {
  return `/khoi/${encodeURIComponent(blocId)}/${year}`;
}

export function itemPath(blocId: string, year: number, itemId: string): string {
  return `${yearPath(blocId, year)}/muc/${encodeURIComponent(itemId)}`;
}

export function cellPath(blocId: string, year: number, unitId: string, itemId: string): string {
  return `${yearPath(blocId, year)}/o/${encodeURIComponent(unitId)}/${encodeURIComponent(itemId)}`;
}

export function filePath(blocId: string, year: number, file: StoredFile): string {
  return `${yearPath(blocId, year)}/tep/${file.sha256}`;
}

export function calendarPath(blocId: string, year: number): string {
  return `${yearPath(blocId, year)}/lich-nghi`;
}
