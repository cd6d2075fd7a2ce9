/** The periods a plan names ("Quý III", "6 tháng đầu năm", "tháng 1") as ranges of days. */
import type { WindowName } from '../config/schema';
import { addDays, isoFromSolar } from './days';
import type { IsoDate } from './types';

function months(window: WindowName): [number, number] {
  if (window === 'year') return [1, 12];
  if (window === 'H1') return [1, 6];
  if (window === 'H2') return [7, 12];
  const n = Number(window.slice(1));
  return window.startsWith('Q') ? [3 * n - 2, 3 * n] : [n, n];
}

export function windowRange(window: WindowName, year: number): { from: IsoDate; to: IsoDate } {
  const [first, last] = months(window);
  const afterLast = last === 12 ? { day: 1, month: 1, year: year + 1 } : { day: 1, month: last + 1, year };
  return { from: isoFromSolar({ day: 1, month: first, year }), to: addDays(isoFromSolar(afterLast), -1) };
}
