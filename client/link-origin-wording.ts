/** Where an entry made through a unit's link came from, in words, beside who the unit said sent it. */
import type { LinkOrigin } from '../workflows/model';

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
