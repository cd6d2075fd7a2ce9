/** An item of the year: its page, and the secretariat's forms to set or move its date, cancel, restore or hand over. */
import { Hono, type Context } from 'hono';
import { mayAct, type Account } from '../../client/accounts';
import { parseHourMinute, parseIsoDate } from '../../client/options';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { cancelItem, handOver, reschedule, restoreItem } from '../../workflows/messages';
import { itemPage } from '../pages/item';
import { itemPath } from '../pages/paths';
import { langOf } from '../lang';
import { fieldRefusal, formString, parsed, refusalInForm } from './form-fields';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { NOT_FOUND } from './reader';
import { refOf, type Shown } from './year';

export function itemRoutes({ client, reader: { frame, message, noticeOf }, year: { act }, yearNow }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();

  const backToItem = (c: Context<Env>) => itemPath(refOf(c).bloc, refOf(c).year, c.req.param('item') ?? '');

  const showItem: Shown = async (c, forms, status = 200) => {
    const ref = refOf(c);
    const itemId = c.req.param('item') ?? '';
    const { view, schedule, stage } = await onBlocYear(client, ref, yearNow);
    if (!schedule.items.some((i) => i.id === itemId)) {
      return c.html(message(c, NOT_FOUND, [`Không có mục "${itemId}" trong năm ${ref.year}.`, `No item "${itemId}" in ${ref.year}.`]), 404);
    }
    const canAct = mayAct(c.get('account') as Account);
    return c.html(itemPage(frame(c), { view, schedule, stage, itemId }, { ...forms, canAct }), status);
  };

  app.get('/khoi/:bloc/:year/muc/:item', (c) => showItem(c, { notice: noticeOf(c) }));

  app.post(
    '/khoi/:bloc/:year/muc/:item/doi-ngay',
    act('doi-ngay', showItem, backToItem, (c, body) => {
      const date = formString(body, 'date');
      if (!date) throw new InputError(fieldRefusal(langOf(c), 'date', 'cần ngày / a day is required'));
      const time = formString(body, 'time');
      const input = {
        itemId: c.req.param('item') ?? '',
        date: parsed(c, 'date', date, parseIsoDate),
        time: time && parsed(c, 'time', time, parseHourMinute),
        ...(body.allowPast === '1' && { allowPast: true }),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reschedule, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/huy',
    act('huy', showItem, backToItem, (c, body) => {
      // What cannot be undone asks first, as `bloc cancel` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để hủy mục này / tick the box to confirm'));
      const input = { itemId: c.req.param('item') ?? '', reason: formString(body, 'reason') };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(cancelItem, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/chuyen-giao',
    act('chuyen-giao', showItem, backToItem, async (c, body) => {
      // What cannot be undone asks first, as `bloc handover` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để chuyển giao / tick the box to confirm'));
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(handOver), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/khoi-phuc',
    act('khoi-phuc', showItem, backToItem, (c) =>
      onBlocYear(client, refOf(c), (h) => h.executeUpdate(restoreItem, { args: [{ itemId: c.req.param('item') ?? '' }] }), refusalInForm(langOf(c))),
    ),
  );

  return app;
}
