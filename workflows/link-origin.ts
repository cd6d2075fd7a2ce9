/** The origin a console puts on an entry made through a unit's link, checked before the year keeps it. */
import { ACCOUNT_NAME } from '../config/keys';
import type { LinkOrigin } from './model';
import { reject } from './refusal';

export function acceptOrigin(field: string, value: unknown): LinkOrigin | undefined {
  if (value === undefined) return undefined;
  const origin = value as Partial<{ link: string; account: unknown }> | null;
  if (origin?.link === 'mail' || origin?.link === 'unmarked') return { link: origin.link };
  if (origin?.link === 'console') {
    if (typeof origin.account !== 'string' || !ACCOUNT_NAME.test(origin.account)) reject(field, 'cần tên tài khoản Thư ký / a secretariat account is required');
    return { link: 'console', account: origin.account };
  }
  return reject(field, 'phải là mail, console hoặc unmarked / must be mail, console or unmarked');
}
