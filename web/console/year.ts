/** What the routes of a bloc's year share: who may see it, which year it is, and how its forms are answered. */
import { Hono, type Context } from 'hono';
import { mayAct, maySee, type Account } from '../../client/accounts';
import type { BlocYearRef } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import type { CellForms } from '../pages/cell';
import { attachedFile, formValues } from './form-fields';
import type { Env } from './options';
import type { Reader } from './reader';

export function yearAccess({ message }: Reader): Hono<Env> {
  const app = new Hono<Env>();
  // A bloc account sees its own blocs only.
  app.use('/khoi/:bloc/:year/*', async (c, next) => {
    const account = c.get('account') as Account;
    if (!maySee(account, c.req.param('bloc'))) {
      return c.html(message(c, ['Không có quyền', 'Not allowed'], ['Tài khoản này không được xem Khối, Cụm này.', 'This account may not see this bloc or cluster.']), 403);
    }
    if (!/^\d{4}$/.test(c.req.param('year'))) return c.notFound();
    return next();
  });
  return app;
}

export const refOf = (c: Context<Env>): BlocYearRef => ({ bloc: c.req.param('bloc') ?? '', year: Number(c.req.param('year')) });

/** The page a form came from, to show again: a cell's or an item's. */
export type Shown = (c: Context<Env>, forms: Omit<CellForms, 'canAct'>, status?: 200 | 422) => Promise<Response>;

export interface YearTools {
  /** Only the secretariat changes anything: the other roles are answered 403 before the form is read. */
  readOnly(c: Context<Env>): Response | Promise<Response> | undefined;
  /** One form's Update: done, back to its page with a notice; refused, the form again with the validator's words. */
  act(
    name: string,
    show: Shown,
    back: (c: Context<Env>) => string,
    update: (c: Context<Env>, body: Record<string, string>, file?: File) => Promise<unknown>,
  ): (c: Context<Env>) => Promise<Response>;
}

export function yearTools({ message }: Reader): YearTools {
  const readOnly = (c: Context<Env>): Response | Promise<Response> | undefined =>
    mayAct(c.get('account') as Account)
      ? undefined
      : c.html(message(c, ['Không có quyền', 'Not allowed'], ['Chỉ Thư ký được ghi nhận, gia hạn, đổi ngày, hủy.', 'Only the secretariat may record, extend, move dates and cancel.']), 403);
  return {
    readOnly,
    act: (name, show, back, update) => async (c) => {
      const refused = readOnly(c);
      if (refused) return refused;
      const values = await formValues(c);
      try {
        await update(c, values, attachedFile(await c.req.parseBody()));
      } catch (err) {
        if (err instanceof InputError) return show(c, { error: err.message, values }, 422);
        throw err;
      }
      return c.redirect(`${back(c)}?da=${name}`, 303);
    },
  };
}
