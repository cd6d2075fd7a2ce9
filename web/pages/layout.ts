/**
 * The console's pages, server-rendered with hono's `html` helper: every interpolated string is escaped,
 * so a unit's name or a document number written with markup shows as text. Here the frame every page
 * shares: its header, its language switch, and the refusal and notice a form shows.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ROLE_EN, ROLE_VI, type Account } from '../../client/accounts';
import { refusalFor, switchPath, t, type Lang } from '../lang';
import { STYLE_PATH, yearPath } from './paths';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Frame {
  account?: Account;
  csrf: string;
  lang: Lang;
  /** The page as the reader can open it again (a unit's with its signed query): where switching language returns. */
  here: string;
  /** Where the header's title leads: the console's main page, or a unit's own page (a unit has no account). */
  home?: string;
}

/** A refusal shown on a form: the validators' "vi / en" in the reader's language. */
export const refusal = (f: Frame, error: string | undefined): Html | string => (error ? html`<p class="error" role="alert">${refusalFor(f.lang, error)}</p>` : '');
export const noticeOf = (notice: string | undefined): Html | string => (notice ? html`<p class="notice" role="status">${notice}</p>` : '');

export function layout(frame: Frame, title: string, body: Html): Html {
  const who = frame.account
    ? html`<div class="who"><span>${frame.account.name} (${t(frame, ROLE_VI, ROLE_EN)[frame.account.role]})</span>
        <form class="inline" method="post" action="/dang-xuat"><input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">${t(frame, 'Đăng xuất', 'Sign out')}</button></form></div>`
    : '';
  // Each language is named in itself, so a reader who cannot read the page still finds their own.
  const other = html`<a class="lang" id="lang-switch" href="${switchPath(frame.lang, frame.here)}" lang="${t(frame, 'en', 'vi')}">${t(frame, 'English', 'Tiếng Việt')}</a>`;
  return html`<!doctype html>
<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${t(frame, 'Khối thi đua', 'Emulation blocs')}</title>
<link rel="stylesheet" href="${STYLE_PATH}">
</head>
<body>
<header><a href="${frame.home ?? '/'}"><strong>${t(frame, 'Khối thi đua', 'Emulation blocs')}</strong></a><span>${t(frame, 'Theo dõi hạn nộp', 'Deadline tracking')}</span>${other}${who}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** `next`: where the reader goes to do something about it; the main page by default. */
export function messagePage(frame: Frame, title: string, message: string, next?: { href: string; label: string }): Html {
  const onward = next ?? { href: '/', label: t(frame, 'Về trang chính', 'Back to the main page') };
  return layout(frame, title, html`<p class="error" role="alert">${message}</p><p><a href="${onward.href}">${onward.label}</a></p>`);
}

export function backToYear(frame: Frame, blocId: string, year: number): Html {
  return html`<p><a href="${yearPath(blocId, year)}">← ${t(frame, 'Bảng tình hình năm', 'Status of')} ${year}</a></p>`;
}
