/** A cell of the matrix (one unit, one item): its page, the secretariat's forms on it, and the documents recorded. */
import { Hono, type Context } from 'hono';
import { linkExpiry, signedUnitPath } from '../../activities/mail/unit-links';
import { mayAct, type Account } from '../../client/accounts';
import { parseDateOrInstant, parseInstant } from '../../client/options';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { declarationsQuery, grantExtension, logQuery, recordSubmission, reviewDeclaration, updateContacts } from '../../workflows/messages';
import { cellPage, type CellForms } from '../pages/cell';
import { cellPath } from '../pages/paths';
import { langOf } from '../lang';
import { CONTENT_TYPE, readUpload, recordWithUpload, stageUpload } from '../uploads';
import { addressList, fieldRefusal, formString, parsed, refusalInForm } from './form-fields';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { NOT_FOUND } from './reader';
import { refOf } from './year';

export function cellRoutes({ opts, client, reader: { frame, message, noticeOf }, year: { act }, yearNow, uploads }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();

  const showCell = async (c: Context<Env>, forms: Omit<CellForms, 'canAct'>, status: 200 | 422 = 200) => {
    const ref = refOf(c);
    const unitId = c.req.param('unit') ?? '';
    const itemId = c.req.param('item') ?? '';
    const { view, schedule, log, declarations } = await onBlocYear(client, ref, async (h) => ({
      ...(await yearNow(h)),
      log: await h.query(logQuery),
      declarations: (await h.query(declarationsQuery))[itemId]?.[unitId] ?? [],
    }));
    if (!view.units.some((u) => u.id === unitId) || !view.items.some((i) => i.id === itemId)) {
      return c.html(message(c, NOT_FOUND, [`Không có đơn vị "${unitId}" hoặc mục "${itemId}" trong năm ${ref.year}.`, `No unit "${unitId}" or item "${itemId}" in ${ref.year}.`]), 404);
    }
    const account = c.get('account') as Account;
    const canAct = mayAct(account);
    // The link lets whoever holds it act as the unit: only the secretariat, who may act, is shown it, under its name.
    const copied = { link: 'console' as const, account: account.name };
    const unitLink = canAct && opts.unitLinks ? new URL(signedUnitPath(opts.unitLinks, { ...ref, unit: unitId }, linkExpiry(schedule), copied), opts.publicUrl ?? c.req.url).href : undefined;
    return c.html(cellPage(frame(c), { view, schedule, unitId, itemId, log, declarations }, { ...forms, canAct, unitLink }), status);
  };

  app.get('/khoi/:bloc/:year/o/:unit/:item', (c) => showCell(c, { notice: noticeOf(c) }));

  const backToCell = (c: Context<Env>) => cellPath(refOf(c).bloc, refOf(c).year, c.req.param('unit') ?? '', c.req.param('item') ?? '');

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/nop',
    act('nop', showCell, backToCell, async (c, body, file) => {
      const received = formString(body, 'receivedAt');
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        receivedAt: received && parsed(c, 'receivedAt', received, parseInstant),
        reference: formString(body, 'reference'),
      };
      return recordWithUpload(file && (await stageUpload(uploads, file)), (stored) =>
        onBlocYear(client, refOf(c), (h) => h.executeUpdate(recordSubmission, { args: [{ ...input, ...(stored && { file: stored }) }] }), refusalInForm(langOf(c))),
      );
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/xac-nhan',
    act('xac-nhan', showCell, backToCell, (c, body) => {
      const received = formString(body, 'receivedAt');
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        decision: 'confirm' as const,
        receivedAt: received && parsed(c, 'receivedAt', received, parseInstant),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reviewDeclaration, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/tu-choi',
    act('tu-choi', showCell, backToCell, (c, body) => {
      const input = { unitId: c.req.param('unit') ?? '', itemId: c.req.param('item') ?? '', decision: 'reject' as const, reason: formString(body, 'reason') };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reviewDeclaration, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  // A document is served only from a year that recorded it, so an account reads only its own blocs' files.
  app.get('/khoi/:bloc/:year/tep/:sha', async (c) => {
    const sha = c.req.param('sha');
    const { view, declarations } = await onBlocYear(client, refOf(c), async (h) => ({
      ...(await yearNow(h)),
      declarations: await h.query(declarationsQuery),
    }));
    const recorded = [
      ...view.cells.flatMap((cell) => (cell.file ? [cell.file] : [])),
      ...Object.values(declarations).flatMap((byUnit) => Object.values(byUnit).flat().flatMap((d) => (d.file ? [d.file] : []))),
    ].find((f) => f.sha256 === sha);
    const bytes = recorded && readUpload(uploads, recorded);
    if (!recorded || !bytes) {
      return c.html(message(c, NOT_FOUND, ['Năm này không có văn bản này, hoặc tệp không còn trên máy chủ.', 'This year has no such document, or the file is no longer on the server.']), 404);
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': CONTENT_TYPE[recorded.type],
      'Content-Disposition': `attachment; filename="${recorded.sha256}.${recorded.type}"; filename*=UTF-8''${encodeURIComponent(recorded.name)}`,
    });
  });

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/gia-han',
    act('gia-han', showCell, backToCell, (c, body) => {
      const until = formString(body, 'until');
      if (!until) throw new InputError(fieldRefusal(langOf(c), 'until', 'cần ngày / a day is required'));
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        until: parsed(c, 'until', until, parseDateOrInstant),
        reason: formString(body, 'reason'),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(grantExtension, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/dia-chi',
    act('dia-chi', showCell, backToCell, (c, body) => {
      const input = { unitId: c.req.param('unit') ?? '', emails: addressList(body.emails), cc: addressList(body.cc) };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(updateContacts, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  return app;
}
