/**
 * Every refusal the year's validators give, produced by calling them with the input that provokes it: the
 * `accept…` functions each Update's validator runs (workflows/), with the schemas they read (config/schema.ts).
 * A copied string could not fail; these are the words the engine would send, so a test over them follows any
 * change to a validator. A refusal that embeds a date or an instant is marked `dated`.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import { planYear } from '../../calendar/schedule';
import type { YearPlan } from '../../calendar/types';
import { loadBlocConfig } from '../../config/load';
import { criteriaOf, type ScoringTable } from '../../config/scoring';
import type { BlocConfig } from '../../config/schema';
import * as changes from '../../workflows/changes';
import * as ballot from '../../workflows/ballot';
import type { BallotRoundRecord } from '../../workflows/model';
import * as declarations from '../../workflows/declarations';
import { acceptRegistration } from '../../workflows/registration';
import type { ScoreInput } from '../../workflows/messages';
import { initialState, type YearState } from '../../workflows/model';
import { planRequestOf } from '../../workflows/plan';
import * as reorganisation from '../../workflows/reorganisation';
import * as scoring from '../../workflows/scoring';
import { WorkflowNotFoundError } from '@temporalio/client';
import { choiceBits, vote } from '../../client/ballot';
import { decisionsFromText } from '../../client/calendar-decisions';
import { explain } from '../../client/workflow-handle';
import { YEAR_BEING_PLANNED } from '../../workflows/messages';
import { scoreInputOf } from '../../web/score-form';
import { stageUpload } from '../../web/uploads';
import { pdf, pdfWithObjectStream, wordBomb, wordDocument, wordParts, zip } from './documents';
import { FIXTURE_YEAR as Y, OPEN_ROUND, smallBloc } from './fixtures';

export interface RefusalFixture {
  /** The Update that refuses, and what provokes it. */
  update: string;
  case: string;
  field: string;
  /** The validator's reason, "tiếng Việt / English". */
  reason: string;
  /** It names a day or an instant, which each language must give in its own words. */
  dated: boolean;
}

const ZONE = 'Asia/Ho_Chi_Minh';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const iso = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toISO() ?? '';
const STARTED = `${Y - 1}-12-01T00:00:00.000+07:00`;
/** Before the 6-month report's cut-off (15/6) and the events of Q3. */
const JUNE = at(`${Y}-06-10T09:00`);
const AUGUST = at(`${Y}-08-20T09:00`);
const SHA = 'a'.repeat(64);

/** The small bloc with a deadline whose day is chosen within its quarter (it has no cut-off until then). */
const BLOC: BlocConfig = smallBloc((c) => {
  c.items?.push({ id: 'bao-cao-quy', kind: 'deadline', title: 'Báo cáo quý III', from: 'all', to: ['leader'], due: { window: 'Q3' } });
});
const SEED = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');
const TABLE = SEED.scoring as ScoringTable;

function year(config: BlocConfig = BLOC, change: (s: YearState) => void = () => undefined): { state: YearState; plan: YearPlan } {
  const state = initialState({ config: structuredClone(config), year: Y }, STARTED);
  change(state);
  return { state, plan: planYear(planRequestOf(state)) };
}

const submitted = (unitId: string) => ({ receivedAt: iso(`${Y}-06-01T09:00`), recordedAt: iso(`${Y}-06-01T09:00`), unitName: unitId });
const declared = { declaredAt: iso(`${Y}-06-05T14:30`), sentOn: `${Y}-06-05`, reference: '12/BC' };

type Case = [update: string, what: string, refuse: () => unknown];

function changeCases(): Case[] {
  const { state, plan } = year();
  const sub = (input: object, s = state, p = plan, now = JUNE) => () => changes.acceptSubmission(p, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', ...input }, now);
  const ext = (input: object, s = state, p = plan) => () => changes.acceptExtension(p, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', until: `${Y}-06-30`, ...input });
  const move = (input: object, s = state, p = plan, now = JUNE) => () => changes.acceptReschedule(p, s, { itemId: 'hoi-thao', date: `${Y}-08-01`, ...input }, now);
  const cal = (input: object) => () => changes.acceptCalendar(plan, state, { blocId: plan.blocId, apply: true, decisions: [], ...input });
  const contacts = (input: object) => () => changes.acceptContacts(state, { unitId: 'so-a', emails: ['a@so-a.example.vn'], ...input });
  const cancelled = year(BLOC, (s) => (s.cancelled['bao-cao-6-thang'] = { at: iso(`${Y}-05-01T09:00`) }));
  const handedOver = year(BLOC, (s) => (s.handover = { at: iso(`${Y + 1}-01-15T10:00`), by: 'secretariat', noticesSent: true, nextYearStarted: true }));
  const closing = year(BLOC, (s) => (s.closeRequested = { at: iso(`${Y + 1}-02-01T10:00`) }));
  const merged = year(BLOC, (s) => (s.retired = { 'so-c': { at: iso(`${Y}-05-20T16:00`), mergedInto: 'so-a' } }));
  const allIn = year(BLOC, (s) => (s.submissions['bao-cao-6-thang'] = { 'so-a': submitted('so-a'), 'so-b': submitted('so-b'), 'so-c': submitted('so-c') }));
  const sportsHeld = year(BLOC, (s) => (s.dateOverrides['hoi-thao'] = { date: `${Y}-07-10` }));
  return [
    ['recordSubmission', 'an unknown item', sub({ itemId: 'khong-co' })],
    ['recordSubmission', 'an unknown unit', sub({ unitId: 'so-x' })],
    ['recordSubmission', 'a cancelled item', sub({}, cancelled.state, cancelled.plan)],
    ['recordSubmission', 'an event', sub({ itemId: 'hoi-thao' })],
    ['recordSubmission', 'a unit that does not submit the item', sub({ itemId: 'tong-hop-6-thang' })],
    ['recordSubmission', 'a receipt time that is no instant', sub({ receivedAt: 'hôm qua' })],
    ['recordSubmission', 'a receipt time in the future', sub({ receivedAt: iso(`${Y}-06-12T10:00`) })],
    ['recordSubmission', 'a unit merged before the receipt', sub({ unitId: 'so-c', receivedAt: iso(`${Y}-06-01T10:00`) }, merged.state, merged.plan)],
    ['recordSubmission', 'a reference on two lines', sub({ reference: '12/BC\nBcc: x' })],
    ['recordSubmission', 'a reference too long', sub({ reference: 'x'.repeat(501) })],
    ['recordSubmission', 'a reference that is no text', sub({ reference: 12 })],
    ['recordSubmission', 'a note with a control character', sub({ note: 'ghi chú\u0007' })],
    ['recordSubmission', 'a file that is no record', sub({ file: null })],
    ['recordSubmission', 'a file without its SHA-256', sub({ file: { sha256: 'x', name: 'a.pdf', size: 1, type: 'pdf' } })],
    ['recordSubmission', 'a file neither PDF nor DOCX', sub({ file: { sha256: SHA, name: 'a.exe', size: 1, type: 'exe' } })],
    ['recordSubmission', 'a file of no size', sub({ file: { sha256: SHA, name: 'a.pdf', size: 0, type: 'pdf' } })],
    ['recordSubmission', 'a file without a name', sub({ file: { sha256: SHA, name: ' ', size: 1, type: 'pdf' } })],
    ['grantExtension', 'a handed-over year', ext({}, handedOver.state, handedOver.plan)],
    ['grantExtension', 'no day', ext({ until: undefined })],
    ['grantExtension', 'a day that does not exist', ext({ until: `${Y}-02-30` })],
    ['grantExtension', 'an event', ext({ itemId: 'hoi-thao' })],
    ['grantExtension', 'a unit that does not submit the item', ext({ itemId: 'tong-hop-6-thang' })],
    ['grantExtension', 'a unit that has submitted', ext({}, allIn.state, allIn.plan)],
    ['grantExtension', 'an item without its day', ext({ itemId: 'bao-cao-quy' })],
    ['grantExtension', 'a day before the cut-off', ext({ until: `${Y}-06-01` })],
    ['reschedule', 'an ongoing item', move({ itemId: 'dien-hinh' })],
    ['reschedule', 'a day not written YYYY-MM-DD', move({ date: 'mai' })],
    ['reschedule', 'a day that does not exist', move({ date: `${Y}-02-30` })],
    ['reschedule', 'a day that is no text', move({ date: 20490801 })],
    ['reschedule', 'a time not written HH:mm', move({ time: '25:00' })],
    ['reschedule', 'allowPast neither true nor false', move({ allowPast: 'có' })],
    ['reschedule', 'a day outside the window', move({ date: `${Y}-12-01` })],
    ['reschedule', 'a day outside the cycle', move({ itemId: 'bao-cao-6-thang', date: `${Y + 3}-06-01` })],
    ['reschedule', 'an event already held', move({ date: `${Y}-09-01` }, sportsHeld.state, sportsHeld.plan, AUGUST)],
    ['reschedule', 'a deadline every unit has met', move({ itemId: 'bao-cao-6-thang', date: `${Y}-06-30` }, allIn.state, allIn.plan)],
    ['reschedule', 'a deadline moved into the past', move({ itemId: 'bao-cao-6-thang', date: `${Y}-06-01` })],
    ['reschedule', 'an event moved into the past', move({ date: `${Y}-07-05` }, state, plan, AUGUST)],
    ['replaceCalendar', "another bloc's decisions", cal({ blocId: 'khoi-khac' })],
    ['replaceCalendar', 'apply neither true nor false', cal({ apply: 'có' })],
    ['replaceCalendar', 'decisions that are no list', cal({ decisions: 'x' })],
    ['replaceCalendar', 'a year before 1990', cal({ decisions: [{ year: 1800 }] })],
    ['replaceCalendar', 'a year that is no number', cal({ decisions: [{ year: 'năm nay' }] })],
    ['replaceCalendar', 'an unknown key', cal({ decisions: [{ year: Y, ngay: [] }] })],
    ['replaceCalendar', 'a day off of another year', cal({ decisions: [{ year: Y, daysOff: [{ date: `${Y + 1}-01-01`, name: 'Tết Dương lịch' }] }] })],
    ['replaceCalendar', 'a day off that does not exist', cal({ decisions: [{ year: Y, daysOff: [{ date: `${Y}-02-30`, name: 'Nghỉ' }] }] })],
    ['replaceCalendar', 'a decision outside the cycle', cal({ decisions: [{ year: Y + 3 }] })],
    ['replaceCalendar', 'a handed-over year', () => changes.acceptCalendar(handedOver.plan, handedOver.state, { blocId: plan.blocId, apply: true, decisions: [] })],
    ['replan', 'apply neither true nor false', () => changes.acceptReplan(state, { apply: 'có' as never })],
    ['updateContacts', 'an address that is none', contacts({ emails: ['khong-phai-email'] })],
    ['updateContacts', 'no address', contacts({ emails: [] })],
    ['updateContacts', 'addresses that are no list', contacts({ emails: 'a@so-a.example.vn' })],
    ['updateContacts', 'too many addresses', contacts({ emails: Array.from({ length: 21 }, (_, i) => `u${i}@so-a.example.vn`) })],
    ['cancelItem', 'the handover', () => changes.acceptCancel(plan, state, { itemId: 'chuyen-giao' })],
    ['restoreItem', 'an item not cancelled', () => changes.acceptRestore(plan, state, { itemId: 'bao-cao-6-thang' })],
    ['handOver', 'a year handed over', () => changes.acceptHandOver(handedOver.state)],
    ['handOver', 'a year closing', () => changes.acceptHandOver(closing.state)],
    ['closeYear', 'a year closing', () => changes.acceptClose(closing.state, {})],
  ];
}

function declarationCases(): Case[] {
  const { state, plan } = year();
  const declare = (input: object, s = state, p = plan) => () =>
    declarations.acceptDeclaration(p, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', sentOn: `${Y}-06-05`, reference: '12/BC', ...input }, JUNE);
  const review = (input: object, s = state, p = plan) => () => declarations.acceptReview(p, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', decision: 'confirm', ...input }, JUNE);
  const waiting = year(BLOC, (s) => (s.declarations = { 'bao-cao-6-thang': { 'so-a': [declared] } }));
  const left = year(BLOC, (s) => (s.retired = { 'so-a': { at: iso(`${Y}-05-20T16:00`) } }));
  const recorded = year(BLOC, (s) => (s.submissions['bao-cao-6-thang'] = { 'so-a': submitted('so-a') }));
  return [
    ['declareSubmission', 'an item the unit does not submit', declare({ itemId: 'hoi-thao' })],
    ['declareSubmission', 'a unit that has left', declare({}, left.state, left.plan)],
    ['declareSubmission', 'an item already recorded', declare({}, recorded.state, recorded.plan)],
    ['declareSubmission', 'an item already declared', declare({}, waiting.state, waiting.plan)],
    ['declareSubmission', 'a day not written YYYY-MM-DD', declare({ sentOn: 'hôm qua' })],
    ['declareSubmission', 'a day in the future', declare({ sentOn: `${Y}-06-12` })],
    ['declareSubmission', 'no document number', declare({ reference: ' ' })],
    ['declareSubmission', 'a link of no known kind', declare({ via: { link: 'fax' } })],
    ['declareSubmission', 'a console link without its account', declare({ via: { link: 'console' } })],
    ['reviewDeclaration', 'no declaration waiting', review({})],
    ['reviewDeclaration', 'a rejection without its reason', review({ decision: 'reject' }, waiting.state, waiting.plan)],
    ['reviewDeclaration', 'a decision neither confirm nor reject', review({ decision: 'maybe' }, waiting.state, waiting.plan)],
  ];
}

function conferenceCases(): Case[] {
  const MAY = at(`${Y}-05-10T09:00`);
  const CONFERENCE = at(`${Y + 1}-01-15T09:00`);
  const dated = (s: YearState) => (s.dateOverrides['hoi-nghi-tong-ket'] = { date: `${Y + 1}-01-15`, time: '08:00' });
  const { state, plan } = year(SEED, dated);
  const register = (input: object, s = state, p = plan) => () =>
    acceptRegistration(p, s, { unitId: 'so-tu-phap', titles: ['co-thi-dua'], sentOn: `${Y}-05-10`, reference: '3/ĐK', ...input }, MAY);
  const small = year();
  const round = (more: Partial<BallotRoundRecord> = {}): BallotRoundRecord => ({
    titleId: 'co-thi-dua',
    title: 'Cờ thi đua',
    round: 1,
    seats: 1,
    units: 9,
    candidates: [{ unitId: 'so-tu-phap', name: 'Sở Tư pháp' }],
    openedAt: iso(`${Y + 1}-01-15T09:00`),
    voters: [{ unitId: 'so-noi-vu', at: iso(`${Y + 1}-01-15T09:05`) }],
    ...more,
  });
  const voting = year(SEED, (s) => (dated(s), (s.ballots = [round()])));
  const closed = { at: iso(`${Y + 1}-01-15T10:00`), source: 'paper' as const, ballots: 9, valid: 9, votes: { 'so-tu-phap': 9 }, elected: ['so-tu-phap'] };
  const over = year(SEED, (s) => (dated(s), (s.ballots = [round({ voters: [], closed })])));
  const undated = year(SEED);
  const open = (input: object, y = { state, plan }) => () => ballot.acceptOpenRound(y.plan, y.state, { titleId: 'co-thi-dua', round: 1, candidates: ['so-tu-phap'], ...input }, CONFERENCE);
  const vote = (input: object, s = voting.state) => () => ballot.acceptVote(s, { titleId: 'co-thi-dua', round: 1, unitId: 'so-tu-phap', sealed: 'AAAA', ...input });
  const close = (input: object) => () =>
    ballot.acceptCloseRound(voting.state, { titleId: 'co-thi-dua', round: 1, source: 'sealed', ballots: 1, valid: 1, votes: { 'so-tu-phap': 1 }, ...input });
  return [
    ['registerTitles', 'a plan without a registration item', register({}, small.state, small.plan)],
    ['registerTitles', 'no title', register({ titles: [] })],
    ['registerTitles', 'an unknown title', register({ titles: ['co-vang'] })],
    ['registerTitles', 'a title twice', register({ titles: ['bang-khen', 'bang-khen'] })],
    ['openBallotRound', 'an unknown title', open({ titleId: 'co-vang' })],
    ['openBallotRound', 'a conference without its day', open({}, undated)],
    ['openBallotRound', 'a round out of turn', open({ round: 2 })],
    ['openBallotRound', 'no candidates', open({ candidates: undefined })],
    ['openBallotRound', 'a candidate not registered', open({ titleId: 'co-thi-dua' })],
    ['openBallotRound', 'a candidate not in the bloc', open({ titleId: 'bang-khen', candidates: ['so-x'] })],
    ['openBallotRound', 'a candidate twice', open({ titleId: 'bang-khen', candidates: ['so-tu-phap', 'so-tu-phap'] })],
    ['openBallotRound', 'a round still open', open({ round: 2 }, voting)],
    ['openBallotRound', 'a title whose ballot is over', open({ round: 2 }, over)],
    ['castVote', 'no such round', vote({ round: 3 })],
    ['castVote', 'a closed round', vote({}, over.state)],
    ['castVote', 'a second vote', vote({ unitId: 'so-noi-vu' })],
    ['castVote', 'a unit not in the bloc', vote({ unitId: 'so-x' })],
    ['castVote', 'no seal', vote({ sealed: 'so-tu-phap!' })],
    ['closeBallotRound', 'a source of no known kind', close({ source: 'fax' })],
    ['closeBallotRound', 'paper over ballots cast on pages', close({ source: 'paper' })],
    ['closeBallotRound', 'no number of ballots', close({ ballots: undefined })],
    ['closeBallotRound', 'fewer ballots counted than cast', close({ ballots: 0 })],
    ['closeBallotRound', 'more valid than cast', close({ valid: 2 })],
    ['closeBallotRound', 'votes for no candidate', close({ votes: { 'so-noi-vu': 1 } })],
    ['closeBallotRound', 'no votes', close({ votes: undefined })],
    ['annulBallotRound', 'no reason', () => ballot.acceptAnnulRound(voting.state, { titleId: 'co-thi-dua', round: 1, reason: ' ' })],
    ['annulBallotRound', 'a round already closed', () => ballot.acceptAnnulRound(over.state, { titleId: 'co-thi-dua', round: 1, reason: 'mất khóa' })],
  ];
}

function reorganisationCases(): Case[] {
  const { state } = year();
  const unit = { id: 'so-d', name: 'Sở D', emails: ['vanthu@so-d.example.vn'] };
  const merged = year(BLOC, (s) => (s.retired = { 'so-c': { at: iso(`${Y}-05-20T16:00`), mergedInto: 'so-a' } }));
  // Two units left, one of them holding no role: the other leads and deputises (a record made by hand).
  const lastTwo = year(BLOC, (s) => {
    s.retired = { 'so-c': { at: iso(`${Y}-05-20T16:00`) } };
    s.roles = { leader: 'so-a', deputy: 'so-a' };
  });
  return [
    ['addUnit', 'an id with capitals', () => reorganisation.acceptAddUnit(state, { unit: { ...unit, id: 'Sở D' } })],
    ['addUnit', 'no name', () => reorganisation.acceptAddUnit(state, { unit: { ...unit, name: undefined } as never })],
    ['addUnit', 'no address list', () => reorganisation.acceptAddUnit(state, { unit: { ...unit, emails: undefined } as never })],
    ['addUnit', 'an unknown key', () => reorganisation.acceptAddUnit(state, { unit: { ...unit, phone: '0261' } as never })],
    ['addUnit', 'an id already taken', () => reorganisation.acceptAddUnit(state, { unit: { ...unit, id: 'so-a' } })],
    ['renameUnit', 'an empty name', () => reorganisation.acceptRenameUnit(state, { unitId: 'so-a', name: '' })],
    ['renameUnit', 'the same name', () => reorganisation.acceptRenameUnit(state, { unitId: 'so-a', name: 'Sở A' })],
    ['renameUnit', 'a unit merged into another', () => reorganisation.acceptRenameUnit(merged.state, { unitId: 'so-c', name: 'Sở C mới' })],
    ['retireUnit', 'a unit holding a role', () => reorganisation.acceptRetireUnit(state, { unitId: 'so-a' })],
    ['retireUnit', 'the last but one unit', () => reorganisation.acceptRetireUnit(lastTwo.state, { unitId: 'so-b' })],
    ['mergeUnits', 'a unit into itself', () => reorganisation.acceptMergeUnits(state, { unitId: 'so-c', into: 'so-c' })],
    ['changeRoles', 'the deputy as leader', () => reorganisation.acceptChangeRoles(state, { leader: 'so-b', reason: 'x' })],
    ['changeRoles', 'nothing changing', () => reorganisation.acceptChangeRoles(state, { leader: 'so-a', reason: 'x' })],
    ['changeRoles', 'no reason', () => reorganisation.acceptChangeRoles(state, { leader: 'so-c' } as never)],
  ];
}

/** A full sheet for the seed's table, every criterion at its maximum. */
const sheet = (more: Partial<ScoreInput> = {}): ScoreInput => ({ unitId: 'so-tu-phap', points: Object.fromEntries(criteriaOf(TABLE).map((c) => [c.code, c.max])), ...more });

function scoringCases(): Case[] {
  const DECEMBER = at(`${Y}-12-10T09:00`);
  const { state, plan } = year(SEED);
  const score = (more: Partial<ScoreInput>, s = state, p = plan, now = DECEMBER) => () => scoring.acceptScore(p, s, sheet(more), now);
  const points = (patch: Record<string, unknown>) => score({ points: { ...sheet().points, ...patch } as never });
  const claim = (bonus: unknown) => score({ bonus: bonus as never });
  // A unit with a sheet, and a claim on it; the conference decided on 15/1; the sheet's cut-off is past.
  const sent = year(SEED, (s) => {
    scoring.applyScore(plan, s, scoring.acceptScore(plan, s, sheet({ bonus: [{ criterion: 'I.1', points: 3 }] }), DECEMBER), DECEMBER);
  });
  const decided = year(SEED, (s) => {
    scoring.applyScore(plan, s, scoring.acceptScore(plan, s, sheet(), DECEMBER), DECEMBER);
    s.bonusDecisions = [{ at: iso(`${Y + 1}-01-16T09:00`), conferenceDate: `${Y + 1}-01-15`, minutes: '3/BB-KTĐ', agreed: [], refused: [] }];
  });
  const adjust = (input: object) => () => scoring.acceptAdjustment(sent.state, { unitId: 'so-tu-phap', criterion: 'I.1', points: 30, reason: 'x', ...input });
  const ask = (input: object) => () => scoring.acceptCorrectionRequest(sent.state, { unitId: 'so-tu-phap', reason: 'x', ...input });
  const JANUARY = at(`${Y + 1}-01-20T09:00`);
  const decide = (input: object) => () =>
    scoring.acceptBonusDecision(plan, sent.state, { conferenceDate: `${Y + 1}-01-15`, minutes: '3/BB-KTĐ', agreed: [], apply: true, ...input }, JANUARY);
  const noTable = year({ ...SEED, scoring: undefined });
  const elsewhere = year({ ...SEED, scoring: { ...TABLE, item: 'khong-co' } });
  return [
    ['submitScore', 'a plan without a scoring table', () => scoring.acceptScore(noTable.plan, noTable.state, sheet(), DECEMBER)],
    ['submitScore', 'a table on an unknown item', () => scoring.acceptScore(elsewhere.plan, elsewhere.state, sheet(), DECEMBER)],
    ['submitScore', 'no points', score({ points: undefined as never })],
    ['submitScore', 'an unknown criterion', points({ 'IV.1': 1 })],
    ['submitScore', 'a criterion unscored', score({ points: { 'I.1': 40 } })],
    ['submitScore', 'points that are no number', points({ 'I.1': 'bốn mươi' })],
    ['submitScore', 'negative points', points({ 'I.1': -1 })],
    ['submitScore', 'points to the thousandth', points({ 'I.2': 9.555 })],
    ['submitScore', 'points above the maximum', points({ 'I.1': 41 })],
    ['submitScore', 'deductions that are no record', score({ deductions: [] as never })],
    ['submitScore', 'a deduction where the table has none', score({ deductions: { 'I.1': 1 } })],
    ['submitScore', 'more deducted than scored', score({ points: { ...sheet().points, 'II.2': 1 }, deductions: { 'II.2': 2 } })],
    ['submitScore', 'bonus that is no list', claim({ criterion: 'I.1', points: 1 })],
    ['submitScore', 'more claims than criteria', claim(Array.from({ length: 9 }, () => ({ criterion: 'I.1', points: 1 })))],
    ['submitScore', 'a claim that is no record', claim(['I.1'])],
    ['submitScore', 'a claim on a qualitative criterion', claim([{ criterion: 'I.3', points: 1 }])],
    ['submitScore', 'a claim where the table gives none', claim([{ criterion: 'II.1', points: 1 }])],
    ['submitScore', 'a claim made twice', claim([{ criterion: 'I.1', points: 1 }, { criterion: 'I.1', points: 1 }])],
    ['submitScore', 'a claim of nothing', claim([{ criterion: 'I.1', points: 0 }])],
    ['submitScore', 'a justification with a control character', claim([{ criterion: 'I.1', points: 1, justification: 'vượt\u0000' }])],
    ['submitScore', 'a claim after the conference decided', score({ bonus: [{ criterion: 'I.1', points: 1 }] }, decided.state, decided.plan, JANUARY)],
    ['submitScore', 'a correction after the cut-off', score({ points: { ...sheet().points, 'I.1': 39 } }, sent.state, sent.plan, JANUARY)],
    ['adjustScore', 'a unit without a sheet', adjust({ unitId: 'so-ngoai-vu' })],
    ['adjustScore', 'no reason', adjust({ reason: ' ' })],
    ['adjustScore', 'a deduction where the table has none', adjust({ deducted: 1 })],
    ['adjustScore', 'fewer points than deducted', adjust({ criterion: 'II.2', points: 1, deducted: 2 })],
    ['requestCorrection', 'criteria that are no list', ask({ criteria: 'I.1' })],
    ['requestCorrection', 'more criteria than the table has', ask({ criteria: Array.from({ length: 12 }, () => 'I.1') })],
    ['decideBonus', 'apply neither true nor false', decide({ apply: 'có' })],
    ['decideBonus', 'a day not written YYYY-MM-DD', decide({ conferenceDate: '15/1' })],
    ['decideBonus', 'a day outside the cycle', decide({ conferenceDate: `${Y + 3}-01-15` })],
    ['decideBonus', 'a conference not yet held', decide({ conferenceDate: `${Y + 1}-01-25` })],
    ['decideBonus', 'no minutes', decide({ minutes: '' })],
    ['decideBonus', 'agreed claims that are no list', decide({ agreed: 'tất cả' })],
    ['decideBonus', 'more agreed than claimed', decide({ agreed: [{ unitId: 'so-tu-phap', criterion: 'I.1' }, { unitId: 'so-tu-phap', criterion: 'I.2' }] })],
    ['decideBonus', 'a claim nobody made', decide({ agreed: [{ unitId: 'so-noi-vu', criterion: 'I.1' }] })],
  ];
}

/** The refusal a call gives: its field and reason, as the CLI and the console read them. */
export function refusalOf(work: () => unknown): { field: string; reason: string } {
  try {
    work();
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    return err.details?.[0] as { field: string; reason: string };
  }
  throw new Error('accepted: the fixture no longer provokes a refusal');
}

/** A day or an instant in either language's words, or as ISO-8601: a year alone is no date. */
const DATED = /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;

/** Every case, each run: a case that no longer refuses throws, naming itself. */
export function validatorRefusals(): RefusalFixture[] {
  return [...changeCases(), ...declarationCases(), ...conferenceCases(), ...reorganisationCases(), ...scoringCases()].map(([update, what, refuse]) => {
    let refusal: { field: string; reason: string };
    try {
      refusal = refusalOf(refuse);
    } catch (err) {
      throw new Error(`${update}, ${what}: ${(err as Error).message}`);
    }
    return { update, case: what, ...refusal, dated: DATED.test(refusal.reason) };
  });
}

/** What the console refuses before the year is asked: a document, a sheet's figures, holiday decisions' text. */
type ConsoleCase = [source: string, what: string, refuse: () => unknown];

/** Its limits, small so that a fixture is small; refusals come before anything is written to its directory. */
const UPLOADS = { dir: '/nonexistent', maxBytes: 64 * 1024, linkBytesPerDay: 0 };
const attach = (bytes: Buffer, name = 'bao-cao.pdf') => () => stageUpload(UPLOADS, new File([bytes], name));
const locked = Buffer.from(pdfWithObjectStream('<< /Type /Page >>').toString('latin1').replace('<< /Root 1 0 R >>', '<< /Root 1 0 R /Encrypt 9 0 R >>'), 'latin1');

function consoleCases(): ConsoleCase[] {
  const [types, , document] = wordParts();
  const figures = (form: Record<string, string>) => () => scoreInputOf(TABLE, 'so-tu-phap', form);
  const full = Object.fromEntries(criteriaOf(TABLE).map((c) => [`diem.${c.code}`, String(c.max)]));
  return [
    ['web/uploads.ts', 'a file over the limit', attach(Buffer.alloc(UPLOADS.maxBytes + 1))],
    ['web/uploads.ts', 'an empty file', attach(Buffer.alloc(0))],
    ['web/uploads.ts', 'a PDF named .docx', attach(pdf(), 'bao-cao.docx')],
    ['web/document-check.ts', 'no document', attach(Buffer.from('xin chào'))],
    ['web/document-check.ts', 'a damaged ZIP', attach(Buffer.from('PK\x03\x04 [Content_Types].xml word/document.xml', 'latin1'), 'bao-cao.docx')],
    ['web/document-check.ts', 'a ZIP missing parts', attach(zip([types!, document!]), 'bao-cao.docx')],
    ['web/document-check.ts', 'a program inside', attach(wordDocument(undefined, [{ name: 'evil.exe', data: Buffer.from('MZ program') }]), 'bao-cao.docx')],
    ['web/document-check.ts', 'an executable part', attach(wordDocument(undefined, [{ name: 'word/media/a.png', data: Buffer.from('MZ program') }]), 'bao-cao.docx')],
    ['web/document-check.ts', 'a macro-enabled document', attach(zip(wordParts('x', 'application/vnd.ms-word.document.macroEnabled.main+xml')), 'bao-cao.docx')],
    ['web/document-check.ts', 'a part that expands absurdly', attach(wordBomb(50), 'bao-cao.docx')],
    ['web/document-check.ts', 'a directory that understates a part', attach(wordBomb(64, 1000), 'bao-cao.docx')],
    ['web/document-check.ts', 'a PDF with a script', attach(pdf('<< /S /JavaScript /JS (app.alert(1)) >>'))],
    ['web/document-check.ts', 'a PDF with a password', attach(locked)],
    ['web/score-form.ts', 'a figure that is no number', figures({ ...full, 'diem.I.1': 'bốn mươi' })],
    ['web/score-form.ts', 'figures missing', figures({})],
    ['client/calendar-decisions.ts', 'text that is no YAML', () => decisionsFromText('calendar: [')],
    ['client/calendar-decisions.ts', 'no list of decisions', () => decisionsFromText('calendar:\n  decisions: 2049')],
    ['client/ballot.ts', 'a choice of no candidate', () => choiceBits(OPEN_ROUND, ['so-x'])],
    ['client/ballot.ts', 'a candidate chosen twice', () => choiceBits(OPEN_ROUND, ['so-a', 'so-a'])],
    ['client/ballot.ts', 'more choices than seats', () => choiceBits(OPEN_ROUND, ['so-a', 'so-b', 'so-ke-hoach-dau-tu'])],
    ['client/ballot.ts', "a round whose key is not here", () => vote({ workflowId: 'bloc-thu-nghiem-2049', query: async () => [OPEN_ROUND] } as never, '/nonexistent', { titleId: 'bang-khen', round: 1, unitId: 'so-c', choice: [] })],
  ];
}

/** The console's own refusals, each as the page would show it (InputError's message); async, as a document's check is. */
export async function consoleRefusals(): Promise<{ source: string; case: string; reason: string; dated: boolean }[]> {
  const refusals = consoleCases().map(async ([source, what, refuse]) => {
    try {
      await refuse();
    } catch (err) {
      const reason = (err as Error).message;
      return { source, case: what, reason, dated: DATED.test(reason) };
    }
    throw new Error(`${source}, ${what}: accepted: the fixture no longer provokes a refusal`);
  });
  const ref = { bloc: 'thu-nghiem', year: Y };
  const answers = [
    ['client/workflow-handle.ts', 'a year not started', (explain(new WorkflowNotFoundError('not found', 'id', undefined), ref) as Error).message],
    ['workflows/messages.ts', 'a year being planned', YEAR_BEING_PLANNED],
  ].map(([source, what, reason]) => ({ source: source ?? '', case: what ?? '', reason: reason ?? '', dated: false }));
  return [...(await Promise.all(refusals)), ...answers];
}
