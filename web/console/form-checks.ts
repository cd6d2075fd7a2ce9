/**
 * What every form must be before its route reads it: within its size (a document's forms within the upload
 * limit), readable, and carrying the token of its session (or of the sign-in page, or of a unit's signed link).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrfValid, type WebSecrets } from '../security';
import { sizeVi } from '../uploads';
import { isCodec } from './codec-routes';
import type { Env } from './options';
import type { Reader } from './reader';

/** The forms that carry a document: a unit's declaration, and the secretariat's record of a submission. */
const takesFile = (c: Context) => c.req.method === 'POST' && (/^\/don-vi\/[^/]+\/\d{4}\/[^/]+\/bao-gui$/.test(c.req.path) || /^\/khoi\/[^/]+\/\d{4}\/o\/[^/]+\/[^/]+\/nop$/.test(c.req.path));

export function formChecks(secrets: WebSecrets, { message }: Reader, maxUploadBytes: number): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    if (isCodec(c)) return next();
    if (takesFile(c)) {
      // The rest of the body is never read: the connection cannot carry another request, and says so.
      const tooLarge = (cx: Context<Env>) =>
        cx.html(
          message(
            cx,
            ['Tệp quá lớn', 'File too large'],
            [
              `Tệp đính kèm: vượt giới hạn ${sizeVi(maxUploadBytes)}; không có gì được ghi nhận. Hãy quay lại và chọn tệp nhỏ hơn.`,
              `Attached document: over the ${sizeVi(maxUploadBytes)} limit; nothing was recorded. Go back and choose a smaller file.`,
            ],
          ),
          413,
          { Connection: 'close' },
        );
      return bodyLimit({ maxSize: maxUploadBytes + 64 * 1024, onError: tooLarge })(c, next);
    }
    return bodyLimit({ maxSize: 64 * 1024, onError: (cx) => cx.text('Biểu mẫu quá lớn / form too large', 413) })(c, next);
  });
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || isCodec(c)) return next();
    // A body that is not a form (a broken multipart, say) is the sender's fault: one line in the log, no stack.
    const body = await c.req.parseBody().catch((err: Error) => {
      console.warn(`${c.req.method} ${c.req.path}: unreadable form (${err.message.split('\n')[0] ?? ''})`);
      return undefined;
    });
    if (!body) {
      return c.html(message(c, ['Biểu mẫu không đọc được', 'Form not readable'], ['Trình duyệt gửi một biểu mẫu không đọc được; hãy tải lại trang rồi thử lại.', 'The browser sent a form that cannot be read; reload the page and try again.']), 400);
    }
    if (!csrfValid(secrets, c.get('formNonce'), body._csrf)) {
      return c.html(
        message(c, ['Biểu mẫu không hợp lệ', 'Form not valid'], ['Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang rồi thử lại.', 'The form has expired or is not valid; reload the page and try again.']),
        403,
      );
    }
    return next();
  });
  return app;
}
