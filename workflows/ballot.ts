/**
 * The conference's secret ballot (bình xét), one round at a time for one title. The workflow records who has
 * voted and, once the secretariat closes the round, the totals; which unit chose whom it never learns. A vote
 * reaches it sealed, encrypted under a key only the console holds (client/ballot.ts), because an Update's
 * arguments are written into the history; docs/ballot.md says why and what stays where.
 *
 * The rule, the tie on the last seat and the seats the rule leaves empty are `decideRound`'s, pure.
 */
import { conferenceItem, DocumentRefusal } from '../documents/conference';
import type { YearPlan } from '../calendar/types';
import type { YearSchedule } from '../calendar/schedule';
import { blocTerms } from '../config/terms';
import { shareFraction, titleTerms, type BallotRule } from '../config/titles';
import { checkUnit, optionalText, toIso } from './changes';
import { acceptOrigin } from './link-origin';
import type { AnnulRoundInput, CastVoteInput, CloseRoundInput, OpenRoundInput } from './conference-messages';
import type { BallotRoundRecord, YearState } from './model';
import { rankingOf } from './ranking';
import { registeredFor } from './registration';
import { reject } from './refusal';

/** A sealed ballot is a few dozen bytes in base64; anything far larger is no ballot of ours. */
const SEALED_MAX = 4096;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface RoundOutcome {
  elected: string[];
  runoff?: { seats: number; unitIds: string[] };
}

/** Whether `votes` of `base` meet the rule; without a rule any vote counts. */
export function meetsRule(rule: BallotRule | undefined, votes: number, base: number): boolean {
  if (!rule) return votes > 0;
  const share = rule.atLeast ?? rule.moreThan;
  const f = share === undefined ? undefined : shareFraction(share);
  if (!f) return false;
  // Whole numbers only: 6 of 9 reach '2/3' exactly.
  const lhs = votes * f.denominator;
  const rhs = f.numerator * base;
  return rule.atLeast !== undefined ? lhs >= rhs : lhs > rhs;
}

/**
 * Who a round elects. Those meeting the rule, most votes first, take the seats; a tie across the last seat
 * sends the tied to a second round for the seats left, and seats the rule leaves empty send the candidates not
 * elected to a second round for those seats.
 */
export function decideRound(input: { seats: number; units: number; ballots: number; rule?: BallotRule; candidates: string[]; votes: Record<string, number> }): RoundOutcome {
  const votesOf = (id: string) => input.votes[id] ?? 0;
  const base = input.rule?.majorityOf === 'units' ? input.units : input.ballots;
  const qualified = input.candidates.filter((id) => meetsRule(input.rule, votesOf(id), base)).sort((a, b) => votesOf(b) - votesOf(a));
  if (qualified.length <= input.seats) {
    const left = input.seats - qualified.length;
    const others = input.candidates.filter((id) => !qualified.includes(id));
    return { elected: qualified, ...(left > 0 && others.length > 0 && { runoff: { seats: Math.min(left, others.length), unitIds: others } }) };
  }
  const last = votesOf(qualified[input.seats - 1] as string);
  const above = qualified.filter((id) => votesOf(id) > last);
  const tied = qualified.filter((id) => votesOf(id) === last);
  if (above.length + tied.length === input.seats) return { elected: [...above, ...tied] };
  return { elected: above, runoff: { seats: input.seats - above.length, unitIds: tied } };
}

function titleOf(state: YearState, titleId: unknown) {
  const title = state.config.scoring?.titles.find((t) => t.id === titleId);
  if (!title) {
    const known = state.config.scoring?.titles.map((t) => t.id).join(', ') || 'kế hoạch chưa có danh hiệu nào';
    reject('titleId', `không có danh hiệu "${String(titleId)}" (${known}) / no such title`);
  }
  return title;
}

function roundsOf(state: YearState, titleId: string): BallotRoundRecord[] {
  return (state.ballots ?? []).filter((r) => r.titleId === titleId);
}

/** The open round named, or a refusal saying why there is none. */
function openRound(state: YearState, titleId: unknown, round: unknown): BallotRoundRecord {
  const title = titleOf(state, titleId);
  const found = roundsOf(state, title.id).find((r) => r.round === round);
  if (!found) reject('round', `danh hiệu "${title.id}" không có vòng bỏ phiếu ${String(round)} / no such round`);
  if (found.closed || found.annulled) reject('round', `vòng ${found.round} của "${title.id}" đã kết thúc, không nhận thêm phiếu / the round is closed`);
  return found;
}

function activeUnit(state: YearState, unitId: unknown, field: string): string {
  if (typeof unitId !== 'string' || !state.config.units.some((u) => u.id === unitId) || state.retired?.[unitId]) {
    reject(field, `"${String(unitId)}" không phải đơn vị trong ${blocTerms(state.config.bloc).vi.bloc} / not a unit of the bloc`);
  }
  return unitId;
}

export function acceptOpenRound(plan: YearPlan, state: YearState, input: OpenRoundInput, nowMs: number): BallotRoundRecord {
  const title = titleOf(state, input?.titleId);
  try {
    const conference = conferenceItem(plan as YearSchedule);
    if (!conference.at) reject('titleId', `${conference.short ?? conference.title} (mục "${conference.id}") chưa có ngày; ấn định ngày trước khi bỏ phiếu / the conference has no day yet`);
  } catch (err) {
    if (err instanceof DocumentRefusal) reject('titleId', err.reason);
    throw err;
  }
  const earlier = roundsOf(state, title.id);
  const last = earlier[earlier.length - 1];
  if (last && !last.closed && !last.annulled) reject('titleId', `vòng ${last.round} của "${title.id}" chưa kết thúc / round ${last.round} is still open`);
  if (last?.closed && !last.closed.runoff) reject('titleId', `danh hiệu "${title.id}" đã bình xét xong ở vòng ${last.round} / the ballot for this title is over`);
  // An annulled round is held again as it was; a runoff among those concerned.
  const again = last?.annulled ? { seats: last.seats, unitIds: last.candidates.map((c) => c.unitId) } : last?.closed?.runoff;
  const round = earlier.length + 1;
  if (input.round !== round) reject('round', `vòng tiếp theo của "${title.id}" là vòng ${round} / the next round is ${round}`);

  const ranking = rankingOf(state);
  const terms = titleTerms(title);
  const registered = registeredFor(state, title.id);
  const named = input.candidates ?? again?.unitIds ?? (registered.length > 0 || terms.requiresRegistration ? registered : (ranking?.rows ?? []).filter((r) => r.rank !== undefined).map((r) => r.unitId));
  if (!Array.isArray(named) || named.length === 0) reject('candidates', `chưa có đơn vị nào đăng ký "${title.id}" được duyệt; nêu ứng viên / no candidates: none registered`);
  for (const id of named) {
    activeUnit(state, id, 'candidates');
    if (terms.requiresRegistration && !registered.includes(id)) reject('candidates', `đơn vị "${id}" chưa đăng ký "${title.id}" (hoặc chưa được duyệt) / the unit did not register for this title`);
  }
  if (new Set(named).size !== named.length) reject('candidates', 'một đơn vị được nêu hai lần / a unit is named twice');
  // Ranking order, with the totals: the ballot paper lists them as the ranking does.
  const order = (ranking?.rows ?? []).map((r) => r.unitId);
  const position = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const candidates = [...named]
    .sort((a, b) => position(a) - position(b))
    .map((unitId) => {
      const row = ranking?.rows.find((r) => r.unitId === unitId);
      const name = state.config.units.find((u) => u.id === unitId)?.name ?? unitId;
      return { unitId, name, ...(row?.totals && { total: row.totals.total }) };
    });
  return {
    titleId: title.id,
    title: title.title,
    round,
    seats: again?.seats ?? terms.seats,
    units: state.config.units.filter((u) => !state.retired?.[u.id]).length,
    candidates,
    openedAt: toIso(nowMs, state.config.bloc.timeZone),
    voters: [],
  };
}

export function applyOpenRound(state: YearState, round: BallotRoundRecord): void {
  (state.ballots ??= []).push(round);
}

export interface AcceptedVote {
  titleId: string;
  round: number;
  unitId: string;
  sealed: string;
  via?: ReturnType<typeof acceptOrigin>;
}

export function acceptVote(state: YearState, input: CastVoteInput): AcceptedVote {
  const round = openRound(state, input?.titleId, input.round);
  const unitId = activeUnit(state, checkUnit(state, input.unitId), 'unitId');
  if (round.voters.some((v) => v.unitId === unitId)) reject('unitId', `đơn vị "${unitId}" đã bỏ phiếu ở vòng này; mỗi đơn vị một phiếu / the unit has already voted in this round`);
  const sealed = input.sealed;
  if (typeof sealed !== 'string' || sealed.length > SEALED_MAX || !BASE64.test(sealed)) reject('sealed', 'phiếu không đúng dạng phiếu đã niêm phong / not a sealed ballot');
  const via = acceptOrigin('via', input.via);
  return { titleId: round.titleId, round: round.round, unitId, sealed, ...(via && { via }) };
}

export function applyVote(state: YearState, vote: AcceptedVote, nowMs: number): BallotRoundRecord {
  const round = openRound(state, vote.titleId, vote.round);
  round.voters.push({ unitId: vote.unitId, at: toIso(nowMs, state.config.bloc.timeZone), ...(vote.via && { via: vote.via }) });
  // Sorted, so that the order of the ciphertexts says nothing of the order of the voters.
  round.sealed = [...(round.sealed ?? []), vote.sealed].sort();
  return round;
}

const count = (field: string, value: unknown, max: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) reject(field, `phải là số nguyên từ 0 đến ${max} / must be a whole number between 0 and ${max}`);
  return value;
};

export type AcceptedClose = Required<Pick<CloseRoundInput, 'titleId' | 'round' | 'source' | 'valid' | 'votes'>> & { ballots: number };

export function acceptCloseRound(state: YearState, input: CloseRoundInput): AcceptedClose {
  const round = openRound(state, input?.titleId, input.round);
  if (input.source !== 'sealed' && input.source !== 'paper') reject('source', 'phải là "sealed" (phiếu trên trang đơn vị) hoặc "paper" (phiếu giấy) / must be "sealed" or "paper"');
  if (input.source === 'paper' && round.voters.length > 0) {
    reject('source', `đã có ${round.voters.length} đơn vị bỏ phiếu trên trang của mình; kết thúc bằng phiếu đã niêm phong / units have voted online: close with the sealed ballots`);
  }
  if (input.ballots === undefined) reject('ballots', 'cần số phiếu đã bỏ / the number of ballots cast is required');
  const ballots = count('ballots', input.ballots, round.units);
  if (input.source === 'sealed' && ballots !== round.voters.length) {
    reject('ballots', `đã kiểm ${ballots} phiếu nhưng ${round.voters.length} đơn vị đã bỏ phiếu; kiểm lại / ${ballots} counted, ${round.voters.length} cast: count again`);
  }
  const valid = count('valid', input.valid, ballots);
  const votes = input.votes;
  if (typeof votes !== 'object' || votes === null) reject('votes', 'cần số phiếu của từng ứng viên / the votes per candidate are required');
  for (const [unitId, n] of Object.entries(votes)) {
    if (!round.candidates.some((c) => c.unitId === unitId)) reject('votes', `"${unitId}" không phải ứng viên của vòng này / not a candidate of this round`);
    count('votes', n, valid);
  }
  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  if (total > valid * round.seats) reject('votes', `tổng ${total} phiếu bầu vượt ${valid} phiếu hợp lệ × ${round.seats} suất / more votes than valid ballots allow`);
  return { titleId: round.titleId, round: round.round, source: input.source, ballots, valid, votes };
}

export function applyCloseRound(state: YearState, accepted: AcceptedClose, nowMs: number): BallotRoundRecord {
  const round = openRound(state, accepted.titleId, accepted.round);
  const title = titleOf(state, round.titleId);
  const votes = Object.fromEntries(round.candidates.map((c) => [c.unitId, accepted.votes[c.unitId] ?? 0]));
  const outcome = decideRound({ seats: round.seats, units: round.units, ballots: accepted.ballots, rule: title.ballot, candidates: round.candidates.map((c) => c.unitId), votes });
  round.closed = { at: toIso(nowMs, state.config.bloc.timeZone), source: accepted.source, ballots: accepted.ballots, valid: accepted.valid, votes, ...outcome };
  // The ciphertexts have served: once the console has deleted their key they say nothing, and the record need not keep them.
  delete round.sealed;
  return round;
}

export function acceptAnnulRound(state: YearState, input: AnnulRoundInput): AnnulRoundInput {
  const round = openRound(state, input?.titleId, input.round);
  const reason = optionalText('reason', input.reason)?.trim();
  if (!reason) reject('reason', 'cần lý do hủy vòng, để ghi vào biên bản / a reason is required, for the minutes');
  return { titleId: round.titleId, round: round.round, reason };
}

export function applyAnnulRound(state: YearState, accepted: AnnulRoundInput, nowMs: number): BallotRoundRecord {
  const round = openRound(state, accepted.titleId, accepted.round);
  round.annulled = { at: toIso(nowMs, state.config.bloc.timeZone), reason: accepted.reason };
  delete round.sealed;
  return round;
}

/** The rounds as anyone may see them: who has voted and, once closed, the totals; never the sealed ballots. */
export function ballotView(state: YearState): Omit<BallotRoundRecord, 'sealed'>[] {
  return (state.ballots ?? []).map(({ sealed: _sealed, ...shown }) => shown);
}
