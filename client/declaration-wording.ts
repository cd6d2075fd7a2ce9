/** A unit's declaration in words, for the console's tables and `bloc declarations`. */
import { DateTime } from 'luxon';
import type { Declaration } from '../workflows/model';
import { stampEn, stampVi } from './cell-wording';

export function declarationFateVi(d: Declaration): string {
  if (!d.review) return 'chờ Thư ký xác nhận';
  if (d.review.decision === 'confirmed') return `đã xác nhận lúc ${stampVi(d.review.at)}`;
  return `không xác nhận (${stampVi(d.review.at)}): ${d.review.reason ?? ''}`;
}

export function declarationFateEn(d: Declaration): string {
  if (!d.review) return 'awaiting the secretariat\'s confirmation';
  if (d.review.decision === 'confirmed') return `confirmed at ${stampEn(d.review.at)}`;
  return `not confirmed (${stampEn(d.review.at)}): ${d.review.reason ?? ''}`;
}

/** "03/06/2049": the day the unit says it sent. */
export function sentOnVi(day: string): string {
  return day.split('-').reverse().join('/');
}

/** "3 Jun 2049": the same day for an English reader. */
export function sentOnEn(day: string): string {
  return DateTime.fromISO(day).setLocale('en-GB').toFormat('d LLL yyyy');
}
