/** A unit's own pages, by its signed link and without an account: its year, its calendar, its declarations and self-score. */
import { Hono, type Context } from 'hono';
import { senderFromEnv } from '../../activities/mail/settings';
import { checkUnitLink, unitPagePath, type UnitRef } from '../../activities/mail/unit-links';
import { loadAccounts, mayAct, maySee } from '../../client/accounts';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { ballotKeyDir, vote } from '../../client/ballot';
import { ballotQuery, registerTitles, registrationsQuery } from '../../workflows/conference-messages';
import { declarationsQuery, declareSubmission, scoresQuery, submitScore } from '../../workflows/messages';
import { BALLOT_NOTICES, unitConference } from '../pages/ballot';
import type { LinkOrigin } from '../../workflows/model';
import { langOf, t, type Lang } from '../lang';
import { LinkUploadAllowance } from '../link-upload-allowance';
import type { Frame } from '../pages/layout';
import { UNIT_PAGES } from '../pages/paths';
import { unitPage, type UnitForms } from '../pages/unit';
import { SCORE_NOTICES, scoreInputOf, scoreRefusal } from '../score-form';
import { unitCalendar } from '../unit-calendar';
import { recordWithUpload, sizeVi, stageUpload } from '../uploads';
import { attachedFile, formString, refusalInForm, typedFields } from './form-fields';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { hereOf } from './reader';

const LINK_REFUSED: Record<Lang, Record<'tampered' | 'expired' | 'revoked', string>> = {
  vi: {
    tampered: 'Đường dẫn không hợp lệ: đã bị sửa, hoặc không phải của đơn vị này. Không có gì được ghi nhận.',
    expired: 'Đường dẫn đã hết hạn. Xin liên hệ Thư ký Khối để nhận đường dẫn mới. Không có gì được ghi nhận.',
    revoked: 'Đường dẫn này do một tài khoản Thư ký sao chép, nay tài khoản đó không còn quyền. Xin liên hệ Thư ký Khối để nhận đường dẫn mới. Không có gì được ghi nhận.',
  },
  en: {
    tampered: "The link is not valid: it was changed, or it is not this unit's. Nothing was recorded.",
    expired: 'The link has expired. Please ask the bloc secretariat for a new one. Nothing was recorded.',
    revoked: 'This link was copied by a secretariat account that no longer has that right. Please ask the bloc secretariat for a new one. Nothing was recorded.',
  },
};

export function unitRoutes({ opts, client, reader: { frame, message, noticeOf }, clock, judgedNow, yearNow, uploads }: ConsoleParts): Hono<Env> {
  const linkUploads = new LinkUploadAllowance(uploads.linkBytesPerDay, clock);
  const organizer = opts.organizer ?? senderFromEnv({});
  const app = new Hono<Env>();

  /** A link copied from the console works while its account may still act for the bloc. */
  const stillIssuing = (via: LinkOrigin, bloc: string) => {
    if (via.link !== 'console') return true;
    const account = loadAccounts(opts.accountsFile).find((a) => a.name === via.account);
    return account !== undefined && mayAct(account) && maySee(account, bloc);
  };

  /** A unit's request, by its signed link: the unit it names, or the refusal page (nothing is read or recorded). */
  const unitGate = async (c: Context<Env>): Promise<{ ref: UnitRef; via: LinkOrigin; forms: Pick<UnitForms, 'paths' | 'maxUploadBytes'> } | Response | undefined> => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    if (!opts.unitLinks || !/^\d{4}$/.test(c.req.param('year') ?? '')) return undefined;
    const ref = { bloc: c.req.param('bloc') ?? '', year: Number(c.req.param('year')), unit: c.req.param('unit') ?? '' };
    const given = { het: c.req.query('het'), qua: c.req.query('qua'), ky: c.req.query('ky') };
    const check = checkUnitLink(opts.unitLinks, ref, given, clock());
    if (!check.ok || !stillIssuing(check.via, ref.bloc)) {
      // Nothing of the link is trusted: the refusal carries no form token and names no account.
      const bare: Frame = { csrf: '', lang: langOf(c), here: hereOf(c) };
      const reason = check.ok ? 'revoked' : check.reason;
      return c.html(message(c, ["Không mở được trang của đơn vị", "Cannot open the unit's page"], [LINK_REFUSED.vi[reason], LINK_REFUSED.en[reason]], bare), 403);
    }
    const query = `?${new URLSearchParams(Object.entries(given).filter((field): field is [string, string] => field[1] !== undefined))}`;
    const page = unitPagePath(ref);
    const paths = {
      page: `${page}${query}`,
      declare: `${page}/bao-gui${query}`,
      calendar: `${page}/lich.ics${query}`,
      score: `${page}/cham-diem${query}`,
      register: `${page}/dang-ky${query}`,
      vote: `${page}/bo-phieu${query}`,
    };
    return { ref, via: check.via, forms: { paths, maxUploadBytes: uploads.maxBytes } };
  };

  const showUnit = async (c: Context<Env>, ref: UnitRef, forms: UnitForms, status: 200 | 422 | 429 = 200) => {
    const at = judgedNow();
    const { view, schedule, stage, declarations, scores, registrations, rounds } = await onBlocYear(client, ref, async (h) => ({
      ...(await yearNow(h)),
      declarations: await h.query(declarationsQuery),
      scores: await h.query(scoresQuery, { at }),
      registrations: await h.query(registrationsQuery),
      rounds: await h.query(ballotQuery),
    }));
    if (!view.units.some((u) => u.id === ref.unit)) return c.notFound();
    const own = Object.fromEntries(Object.entries(declarations).map(([itemId, byUnit]) => [itemId, byUnit[ref.unit] ?? []]));
    const shown = frame(c);
    const conference = unitConference(shown, ref.unit, registrations, rounds, { register: forms.paths.register, vote: forms.paths.vote, csrf: shown.csrf, ...forms.conference });
    return c.html(unitPage(shown, { view, schedule, stage, unitId: ref.unit, declarations: own, scores, conference }, forms), status);
  };

  app.get(`${UNIT_PAGES}:bloc/:year/:unit`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    return showUnit(c, gate.ref, { ...gate.forms, notice: noticeOf(c, { vi: { ...SCORE_NOTICES.vi, ...BALLOT_NOTICES.vi }, en: { ...SCORE_NOTICES.en, ...BALLOT_NOTICES.en } }) });
  });

  app.get(`${UNIT_PAGES}:bloc/:year/:unit/lich.ics`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref } = gate;
    const { view, schedule } = await onBlocYear(client, ref, yearNow);
    if (!view.units.some((u) => u.id === ref.unit)) return c.notFound();
    return c.body(unitCalendar(view, schedule, ref.unit, organizer, new Date(clock())), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="lich-${ref.bloc}-${ref.year}-${ref.unit}.ics"`,
    });
  });

  app.post(`${UNIT_PAGES}:bloc/:year/:unit/bao-gui`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref, via, forms } = gate;
    const raw = await c.req.parseBody();
    const values = typedFields(raw);
    try {
      const file = attachedFile(raw);
      const allowed = file ? linkUploads.take(ref, file.size) : { ok: true as const };
      if (!allowed.ok) {
        const error = t(frame(c), `Tệp đính kèm: hôm nay đơn vị đã gửi ${sizeVi(allowed.usedBytes)} tệp qua đường dẫn, giới hạn một ngày là ${sizeVi(linkUploads.bytesPerDay)}; không có gì được ghi nhận. Xin gửi lại vào ngày mai, hoặc gửi văn bản cho Thư ký Khối.`, `Attached document: the unit has sent ${sizeVi(allowed.usedBytes)} through its links today, and the daily limit is ${sizeVi(linkUploads.bytesPerDay)}; nothing was recorded. Please send it tomorrow, or to the bloc secretariat.`);
        return showUnit(c, ref, { ...forms, error, values }, 429);
      }
      const input = { unitId: ref.unit, itemId: values.itemId ?? '', sentOn: values.sentOn ?? '', reference: values.reference ?? '', by: formString(values, 'by'), via };
      await recordWithUpload(file && (await stageUpload(uploads, file)), (stored) =>
        onBlocYear(client, ref, (h) => h.executeUpdate(declareSubmission, { args: [{ ...input, ...(stored && { file: stored }) }] }), refusalInForm(langOf(c))),
      );
    } catch (err) {
      if (err instanceof InputError) return showUnit(c, ref, { ...forms, error: err.message, values }, 422);
      throw err;
    }
    return c.redirect(`${forms.paths.page}&da=bao-gui`, 303);
  });

  // The unit is the signed link's; the figures are checked by the same Update as `bloc score submit`'s.
  app.post(`${UNIT_PAGES}:bloc/:year/:unit/cham-diem`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref, via, forms } = gate;
    const values = typedFields(await c.req.parseBody());
    let outcome: string;
    try {
      const scores = await onBlocYear(client, ref, (h) => h.query(scoresQuery, { at: judgedNow() }));
      if (!scores) return c.notFound();
      const input = { ...scoreInputOf(scores.table, ref.unit, values), via };
      ({ outcome } = await onBlocYear(client, ref, (h) => h.executeUpdate(submitScore, { args: [input] }), scoreRefusal));
    } catch (err) {
      if (err instanceof InputError) return showUnit(c, ref, { ...forms, score: { error: err.message, values } }, 422);
      throw err;
    }
    return c.redirect(`${forms.paths.page}&da=${outcome === 'unchanged' ? 'cham-diem-khong-doi' : 'cham-diem'}#tu-cham-diem`, 303);
  });

  /**
   * The unit's registration and its ballot: the unit is the signed link's, and the link is recorded with what it
   * did. A ballot is sealed here, under the round's key, before it leaves the console (client/ballot.ts).
   */
  const conferenceForm = (name: string, act: (ref: UnitRef, via: LinkOrigin, body: Record<string, string | string[]>, c: Context<Env>) => Promise<unknown>) => async (c: Context<Env>) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref, via, forms } = gate;
    const body = Object.fromEntries(Object.entries(await c.req.parseBody({ all: true })).filter((e): e is [string, string | string[]] => e[0] !== '_csrf' && !(e[1] instanceof File)));
    try {
      await act(ref, via, body, c);
    } catch (err) {
      if (err instanceof InputError) return showUnit(c, ref, { ...forms, conference: { error: err.message, values: typedFields(body) } }, 422);
      throw err;
    }
    return c.redirect(`${forms.paths.page}&da=${name}#${name}`, 303);
  };
  const many = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
  const one = (value: string | string[] | undefined) => many(value)[0] ?? '';

  app.post(
    `${UNIT_PAGES}:bloc/:year/:unit/dang-ky`,
    conferenceForm('dang-ky', (ref, via, body, c) => {
      const input = { unitId: ref.unit, titles: many(body.titles), reference: one(body.reference), sentOn: one(body.sentOn), via };
      return onBlocYear(client, ref, (h) => h.executeUpdate(registerTitles, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );
  app.post(
    `${UNIT_PAGES}:bloc/:year/:unit/bo-phieu`,
    conferenceForm('bo-phieu', (ref, via, body, c) => {
      const input = { titleId: one(body.titleId), round: Number(one(body.round)), unitId: ref.unit, choice: many(body.choice), via };
      return onBlocYear(client, ref, (h) => vote(h, opts.ballotKeyDir ?? ballotKeyDir({}), input), refusalInForm(langOf(c)));
    }),
  );

  return app;
}
