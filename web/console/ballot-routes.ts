/**
 * The secretariat's page of the conference (/khoi/:bloc/:year/bo-phieu): the registrations and the rounds;
 * opening a round makes its key here (client/ballot.ts), and closing opens the sealed ballots here and destroys
 * it. The console is the only holder of the keys: a unit's ballot is sealed here too (web/console/unit-routes.ts).
 */
import { Hono, type Context } from 'hono';
import { annulRound, ballotKeyDir, closePaper, closeSealed, openRound } from '../../client/ballot';
import { mayAct, type Account } from '../../client/accounts';
import { onBlocYear } from '../../client/workflow-handle';
import { InputError } from '../../config/errors';
import { ballotQuery, registrationsQuery } from '../../workflows/conference-messages';
import { scoresQuery } from '../../workflows/messages';
import { ballotPage, BALLOT_NOTICES, type BallotPageForms } from '../pages/ballot';
import { yearPath } from '../pages/paths';
import { fieldRefusal, refusalInForm } from './form-fields';
import { langOf } from '../lang';
import type { Env } from './options';
import type { ConsoleParts } from './parts';
import { refOf, type Shown } from './year';

export const ballotPath = (bloc: string, year: number) => `${yearPath(bloc, year)}/bo-phieu`;

/** "co-thi-dua/2": the round a form names. */
function roundOf(c: Context<Env>, value: string | undefined): { titleId: string; round: number } {
  const m = /^([^/]+)\/(\d+)$/.exec(value ?? '');
  if (!m) throw new InputError(fieldRefusal(langOf(c), 'round', 'không rõ vòng nào / no round named'));
  return { titleId: m[1] as string, round: Number(m[2]) };
}

function whole(c: Context<Env>, field: string, value: string | undefined): number {
  if (!/^\d+$/.test(value ?? '')) throw new InputError(fieldRefusal(langOf(c), field, 'cần số nguyên không âm / a whole number is required'));
  return Number(value);
}

export function ballotRoutes({ opts, client, reader: { frame, noticeOf }, year, judgedNow }: ConsoleParts): Hono<Env> {
  const app = new Hono<Env>();
  const keys = opts.ballotKeyDir ?? ballotKeyDir({});

  const show: Shown = async (c, forms, status = 200) => {
    const ref = refOf(c);
    const { registrations, rounds, scores } = await onBlocYear(client, ref, async (h) => ({
      registrations: await h.query(registrationsQuery),
      rounds: await h.query(ballotQuery),
      scores: await h.query(scoresQuery, { at: judgedNow() }),
    }));
    const base = ballotPath(ref.bloc, ref.year);
    const paths = { open: `${base}/mo`, close: `${base}/dong`, count: `${base}/kiem-phieu`, annul: `${base}/huy` };
    const page: BallotPageForms = { canAct: mayAct(c.get('account') as Account), paths, ...forms };
    const titles = (scores?.table.titles ?? []).map((x) => ({ id: x.id, title: x.title }));
    return c.html(ballotPage(frame(c), { blocId: ref.bloc, year: ref.year, registrations, rounds, titles }, page), status);
  };
  const back = (c: Context<Env>) => ballotPath(refOf(c).bloc, refOf(c).year);
  const inForm = (c: Context<Env>) => refusalInForm(langOf(c));

  app.get('/khoi/:bloc/:year/bo-phieu', (c) => show(c, { notice: noticeOf(c, BALLOT_NOTICES) }));

  app.post(
    '/khoi/:bloc/:year/bo-phieu/mo',
    year.act('mo', show, back, (c, body) => {
      const candidates = (body.candidates ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      return onBlocYear(client, refOf(c), (h) => openRound(h, keys, { titleId: body.titleId ?? '', ...(candidates.length > 0 && { candidates }) }), inForm(c));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/bo-phieu/dong',
    year.act('dong', show, back, (c, body) => {
      const { titleId, round } = roundOf(c, body.round);
      return onBlocYear(client, refOf(c), (h) => closeSealed(h, keys, titleId, round), inForm(c));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/bo-phieu/kiem-phieu',
    year.act('kiem-phieu', show, back, (c, body) => {
      const { titleId, round } = roundOf(c, body.round);
      const votes = Object.fromEntries(Object.entries(body).flatMap(([k, n]) => (k.startsWith('votes.') ? [[k.slice('votes.'.length), whole(c, 'votes', n)]] : [])));
      const input = { titleId, round, ballots: whole(c, 'ballots', body.ballots), valid: whole(c, 'valid', body.valid), votes };
      return onBlocYear(client, refOf(c), (h) => closePaper(h, keys, input), inForm(c));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/bo-phieu/huy',
    year.act('huy', show, back, (c, body) => {
      const { titleId, round } = roundOf(c, body.round);
      return onBlocYear(client, refOf(c), (h) => annulRound(h, keys, { titleId, round, reason: body.reason ?? '' }), inForm(c));
    }),
  );

  return app;
}
