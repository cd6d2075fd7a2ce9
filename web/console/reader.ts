/**
 * What every page of the console needs of its request: the frame it is drawn in (the reader, the form token,
 * the language, the way back), a message page in the reader's language, and the notice a redirect asked for.
 */
import type { Context } from 'hono';
import { langOf, t, type Lang } from '../lang';
import { messagePage, type Frame } from '../pages/layout';
import { SIGN_IN } from '../pages/paths';
import { csrfToken, type WebSecrets } from '../security';
import type { Env } from './options';

export type Words = [vi: string, en: string];

const NOTICES: Record<Lang, Record<string, string>> = {
  vi: {
  nop: 'Đã ghi nhận hồ sơ.',
  'gia-han': 'Đã gia hạn.',
  'doi-ngay': 'Đã ấn định ngày mới.',
  huy: 'Đã hủy mục này; không nhắc hạn mục này nữa.',
  'khoi-phuc': 'Đã khôi phục mục này; nhắc hạn tiếp tục.',
  'chuyen-giao': 'Đã chuyển giao.',
  'dia-chi': 'Đã cập nhật địa chỉ email của đơn vị.',
  'xac-nhan': 'Đã xác nhận: hồ sơ của đơn vị được ghi nhận.',
  'tu-choi': 'Đã ghi không xác nhận; đơn vị thấy lý do trên trang của mình và được nhắc hạn trở lại.',
  'bao-gui': 'Đã ghi nhận lời báo của đơn vị. Thư ký sẽ xác nhận khi nhận được văn bản; trong khi chờ, đơn vị không nhận thư nhắc việc này.',
  'lich-nghi': 'Đã áp dụng lịch nghỉ mới; các hạn và ngày nhắc đã tính lại theo lịch này.',
  },
  en: {
    nop: 'Submission recorded.',
    'gia-han': 'Extended.',
    'doi-ngay': 'New date set.',
    huy: 'This item is cancelled; no more reminders for it.',
    'khoi-phuc': 'This item is restored; reminders continue.',
    'chuyen-giao': 'Handed over.',
    'dia-chi': "The unit's email addresses are updated.",
    'xac-nhan': "Confirmed: the unit's submission is recorded.",
    'tu-choi': 'Recorded as not confirmed; the unit sees the reason on its page and is reminded again.',
    'bao-gui': "The unit's declaration is recorded. The secretariat confirms it on receiving the document; meanwhile the unit gets no reminders for this item.",
    'lich-nghi': 'The new holidays apply; deadlines and reminder days have been worked out again by them.',
  },
};

export const NOT_FOUND: Words = ['Không tìm thấy', 'Not found'];


/**
 * The page to come back to after switching language: a form's page shown again after a POST is the page
 * the form sits on, one segment up (the sign-in page posts to itself).
 */
export function hereOf(c: Context): string {
  const url = new URL(c.req.url);
  const path = c.req.method === 'GET' || url.pathname === SIGN_IN ? url.pathname : url.pathname.replace(/\/[^/]*$/, '') || '/';
  return `${path}${url.search}`;
}

export interface Reader {
  frame(c: Context<Env>): Frame;
  /** A message page in the reader's language: [Vietnamese, English] for its title and its text. */
  message(c: Context<Env>, title: Words, text: Words, shown?: Frame): ReturnType<typeof messagePage>;
  /** The notice a redirect after a form asked for (`da=`), in the reader's language. */
  noticeOf(c: Context<Env>, more?: Record<Lang, Record<string, string>>): string | undefined;
}

export function createReader(secrets: WebSecrets): Reader {
  const frame = (c: Context<Env>): Frame => {
    const nonce = c.get('formNonce');
    return { account: c.get('account'), csrf: nonce === undefined ? '' : csrfToken(secrets, nonce), lang: langOf(c), here: hereOf(c) };
  };
  return {
    frame,
    message: (c, title, text, shown = frame(c)) => messagePage(shown, t(shown, ...title), t(shown, ...text)),
    noticeOf: (c, more = NOTICES) => {
      const da = c.req.query('da') ?? '';
      return NOTICES[langOf(c)][da] ?? more[langOf(c)][da];
    },
  };
}
