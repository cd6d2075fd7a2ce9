/**
 * What the reader sees when a page cannot be answered: a page that does not exist, a refusal, a year still
 * being planned, an engine that does not answer. Never a bare server error where the reader can do something.
 */
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { EngineNotAnsweringError, YearBeingPlannedError } from '../../client/errors';
import { InputError, ServerError } from '../../config/errors';
import { stampEn, stampVi } from '../../client/cell-wording';
import { nowIso } from '../../client/options';
import { explain } from '../../client/workflow-handle';
import { refusalFor } from '../lang';
import type { EngineWatch } from './engine-watch';
import type { Env } from './options';
import { NOT_FOUND, type Reader } from './reader';

export const notFoundPage =
  ({ message }: Reader): NotFoundHandler<Env> =>
  (c) =>
    c.html(message(c, NOT_FOUND, ['Không có trang này.', 'There is no such page.']), 404);

export function errorPage({ message }: Reader, watch: EngineWatch, clock: () => number): ErrorHandler<Env> {
  return (thrown, c) => {
    const err = explain(thrown);
    if (err instanceof InputError) return c.html(message(c, NOT_FOUND, [refusalFor('vi', err.message), refusalFor('en', err.message)]), 404);
    if (err instanceof YearBeingPlannedError) {
      const words = message(c, ['Năm đang được lập lịch', 'The year is being planned'], ['Năm vừa bắt đầu và đang tính các ngày của mình; trang sẽ tự tải lại sau vài giây.', 'The year has just started and is working out its dates; this page reloads itself in a few seconds.']);
      return c.html(words, 503, { Refresh: '3', 'Retry-After': '3' });
    }
    if (err instanceof EngineNotAnsweringError || (err instanceof ServerError && watch.waitedOut(c))) {
      const since = nowIso(watch.quietSince(clock()));
      const words = message(
        c,
        ['Bộ máy nhắc hạn không trả lời', 'The engine does not answer'],
        [
          `Bộ máy nhắc hạn không trả lời từ ${stampVi(since)}: không có worker nào đang chạy, hoặc đều quá tải. Việc vừa gửi (nếu có) chưa chắc đã được ghi nhận: xin xem lại khi bộ máy trả lời. Trang sẽ tự tải lại; xin báo người quản trị hệ thống.`,
          `The engine has not answered since ${stampEn(since)}: no worker is running, or all are overloaded. What was just sent, if anything, may not be recorded: check again once the engine answers. This page reloads itself; please tell the system administrator.`,
        ],
      );
      return c.html(words, 503, { Refresh: '15', 'Retry-After': '15' });
    }
    if (err instanceof ServerError) {
      return c.html(message(c, ['Máy chủ Temporal không trả lời', 'The Temporal server does not answer'], [refusalFor('vi', err.message), refusalFor('en', err.message)]), 503);
    }
    console.error(err);
    return c.html(message(c, ['Lỗi', 'Error'], ['Đã có lỗi ở máy chủ; hãy thử lại.', 'Something went wrong on the server; try again.']), 500);
  };
}
