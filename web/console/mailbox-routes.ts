/**
 * The list "Thư chưa khớp" (web/pages/mailbox.ts) over the mailbox workflow the worker runs, and its two forms:
 * assign a message to a unit and an item, or dismiss it. Only when the console is told which mailbox it is.
 * A bloc account sees, and assigns to, the lines of its own blocs' years, and the lines no year matched.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { hasCutOff } from '../../calendar/kinds';
import { maySee, type Account } from '../../client/accounts';
import { explain } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { assignMail, dismissMail, mailboxStatusQuery, unmatchedMailQuery, type MailboxStatus, type UnmatchedMail } from '../../workflows/mailbox-messages';
import { statusQuery } from '../../workflows/messages';
import { langOf } from '../lang';
import { MAILBOX_PATH, mailboxPage, type AssignChoices } from '../pages/mailbox';
import { formString, formValues, refusalInForm } from './form-fields';
import type { Env } from './options';
import type { ConsoleParts } from './parts';

const NOTICES = {
  vi: { gan: 'Đã ghi nhận thư cho đơn vị.', 'bo-qua': 'Đã bỏ qua thư.' },
  en: { gan: 'The message is recorded for the unit.', 'bo-qua': 'The message is dismissed.' },
};

/** The bloc of a year's workflow id (workflows/model.ts workflowIdFor). */
const blocOf = (workflowId: string) => /^bloc-(.+)-\d{4}$/.exec(workflowId)?.[1] ?? '';

export function mailboxRoutes({ opts, client, reader: { frame, noticeOf }, year: { readOnly } }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();
  const mailboxId = opts.mailbox;
  if (!mailboxId) return app;
  const handle = () => client.workflow.getHandle(mailboxId);
  const mayUse = (account: Account, line: Pick<UnmatchedMail, 'match'>) => !line.match || maySee(account, blocOf(line.match.workflowId));

  const show = async (c: Context<Env>, forms: { error?: string; notice?: string }, code: 200 | 422 = 200) => {
    const account = c.get('account') as Account;
    let status: MailboxStatus | undefined;
    let lines: UnmatchedMail[] = [];
    try {
      [status, lines] = await Promise.all([handle().query(mailboxStatusQuery), handle().query(unmatchedMailQuery)]);
    } catch (err) {
      // Not started yet (no worker with IMAP_URL has run): the page says so.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    lines = lines.filter((l) => mayUse(account, l));
    const choices = new Map<string, AssignChoices>();
    for (const workflowId of new Set(lines.flatMap((l) => (l.match ? [l.match.workflowId] : [])))) {
      const view = await client.workflow.getHandle(workflowId).query(statusQuery).catch(() => undefined);
      if (view) choices.set(workflowId, { units: view.units.map(({ id, name }) => ({ id, name })), items: view.items.filter((i) => hasCutOff(i.kind as Parameters<typeof hasCutOff>[0])).map(({ id, title }) => ({ id, title })) });
    }
    return c.html(mailboxPage(frame(c), { ...(status && { status }), lines, choices, canAct: readOnly(c) === undefined, ...forms }), code);
  };

  app.get(MAILBOX_PATH, (c) => show(c, { ...(noticeOf(c, NOTICES) !== undefined && { notice: noticeOf(c, NOTICES) }) }));

  /** One of the list's forms: done, back to the list with a notice; refused, the list with the words why. */
  const act = (name: string, update: (c: Context<Env>, body: Record<string, string>, account: Account) => Promise<unknown>) => async (c: Context<Env>) => {
    const refused = readOnly(c);
    if (refused) return refused;
    const account = c.get('account') as Account;
    try {
      await update(c, await formValues(c), account).catch((err: unknown) => {
        throw explain(err, undefined, refusalInForm(langOf(c)));
      });
    } catch (err) {
      if (err instanceof InputError) return show(c, { error: err.message }, 422);
      throw err;
    }
    return c.redirect(`${MAILBOX_PATH}?da=${name}`, 303);
  };

  app.post(
    `${MAILBOX_PATH}/gan`,
    act('gan', async (c, body, account) => {
      const workflowId = formString(body, 'workflowId') ?? '';
      if (!maySee(account, blocOf(workflowId))) throw new InputError('workflowId: tài khoản này không được ghi nhận cho Khối, Cụm này / this account may not record for this bloc');
      const input = { messageId: formString(body, 'messageId') ?? '', workflowId, unitId: formString(body, 'unitId') ?? '', itemId: formString(body, 'itemId') ?? '', by: account.name };
      return handle().executeUpdate(assignMail, { args: [input] });
    }),
  );

  app.post(
    `${MAILBOX_PATH}/bo-qua`,
    act('bo-qua', async (_c, body, account) => {
      const messageId = formString(body, 'messageId') ?? '';
      const line = (await handle().query(unmatchedMailQuery)).find((l) => l.messageId === messageId);
      if (line && !mayUse(account, line)) throw new InputError('messageId: tài khoản này không được bỏ qua thư của Khối, Cụm khác / this account may not dismiss another bloc’s mail');
      return handle().executeUpdate(dismissMail, { args: [{ messageId, by: account.name }] });
    }),
  );

  return app;
}
