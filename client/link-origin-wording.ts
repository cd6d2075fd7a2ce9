/** Where an entry made through a unit's link came from, in words, beside who the unit said sent it. */
import type { LinkOrigin, MailOrigin } from '../workflows/model';

export function originVi(via: LinkOrigin): string {
  if (via.link === 'mail') return 'qua đường dẫn trong thư gửi đơn vị';
  if (via.link === 'console') return `qua đường dẫn do tài khoản ${via.account} sao chép từ bảng điều khiển`;
  return 'qua đường dẫn cũ, không ghi nguồn';
}

export function originEn(via: LinkOrigin): string {
  if (via.link === 'mail') return "through the link in the unit's mail";
  if (via.link === 'console') return `through a link copied from the console by account ${via.account}`;
  return 'through an older link that does not say its source';
}

type Verdict = MailOrigin['authentication']['verdict'];
/** What the receiving server said of a message's sender, as the secretariat reads it. */
export const VERDICT_VI: Record<Verdict, string> = { pass: 'đã xác thực', fail: 'xác thực thất bại, có thể giả mạo', none: 'chưa xác thực' };
export const VERDICT_EN: Record<Verdict, string> = { pass: 'authenticated', fail: 'failed: possibly forged', none: 'not authenticated' };

/** A declaration read from the bloc's mailbox: the message it came in and whether its sender is proven. */
export function mailOriginVi(mail: MailOrigin): string {
  return `gửi qua thư điện tử từ ${mail.from}, người gửi ${VERDICT_VI[mail.authentication.verdict]}`;
}

export function mailOriginEn(mail: MailOrigin): string {
  return `sent by mail from ${mail.from}, sender ${VERDICT_EN[mail.authentication.verdict]}`;
}
