/** The year's holiday decisions: previewed first, then, on confirmation, applied in place of those in force. */
import { Hono, type Context } from 'hono';
import { mayAct, type Account } from '../../client/accounts';
import { decisionsFromText, exampleDecisionsYaml } from '../../client/calendar-decisions';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { replaceCalendar } from '../../workflows/messages';
import { calendarPage, type CalendarForms } from '../pages/calendar';
import { calendarPath } from '../pages/paths';
import { langOf } from '../lang';
import { fieldRefusal, formValues } from './form-fields';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { refOf } from './year';

export function calendarRoutes({ client, reader: { frame, noticeOf }, year: { act, readOnly } }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();

  const showCalendar = async (c: Context<Env>, forms: Omit<CalendarForms, 'canAct'>, status: 200 | 422 = 200) => {
    const ref = refOf(c);
    const canAct = mayAct(c.get('account') as Account);
    return c.html(calendarPage(frame(c), { blocId: ref.bloc, year: ref.year, example: exampleDecisionsYaml(ref.year) }, { ...forms, canAct }), status);
  };

  /** The decisions typed in the form, sent to the year's calendar Update: to preview (apply false) or to apply. */
  const replaceDecisions = (c: Context<Env>, body: Record<string, string>, apply: boolean) => {
    const { decisions, refusal } = decisionsFromText(body.decisions ?? '');
    const input = { blocId: refOf(c).bloc, decisions, apply };
    return onBlocYear(client, refOf(c), (h) => h.executeUpdate(replaceCalendar, { args: [input] }), refusal);
  };

  app.get('/khoi/:bloc/:year/lich-nghi', (c) => showCalendar(c, { notice: noticeOf(c) }));

  // A preview writes nothing: it answers with the page itself, not a redirect.
  app.post('/khoi/:bloc/:year/lich-nghi/xem-truoc', async (c) => {
    const refused = readOnly(c);
    if (refused) return refused;
    const values = await formValues(c);
    try {
      return await showCalendar(c, { values, preview: await replaceDecisions(c, values, false) });
    } catch (err) {
      if (err instanceof InputError) return showCalendar(c, { error: err.message, values }, 422);
      throw err;
    }
  });

  app.post(
    '/khoi/:bloc/:year/lich-nghi/ap-dung',
    act('lich-nghi', showCalendar, (c) => calendarPath(refOf(c).bloc, refOf(c).year), (c, body) => {
      // Replacing the calendar moves cut-offs and reminders for good: it asks first, as `bloc calendar` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để thay lịch nghỉ / tick the box to confirm'));
      return replaceDecisions(c, body, true);
    }),
  );

  return app;
}
