import { html } from 'hono/html';
import { t } from '../lang';
import { layout, refusal, type Frame, type Html } from './layout';

/** `next`: the page asked for before signing in, where the sign-in leads. */
export function signInPage(frame: Frame, next: string | undefined, error?: string, name = ''): Html {
  const action = next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap';
  return layout(
    frame,
    t(frame, 'Đăng nhập', 'Sign in'),
    html`${refusal(frame, error)}
<form class="box" method="post" action="${action}">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  <label for="name">${t(frame, 'Tên tài khoản', 'Account name')}</label>
  <input id="name" name="name" autocomplete="username" required value="${name}">
  <label for="password">${t(frame, 'Mật khẩu', 'Password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">${t(frame, 'Đăng nhập', 'Sign in')}</button></p>
</form>`,
  );
}
