/**
 * The conference's model from what the year's record answers today (the scores view, the schedule the year
 * acts on, the bloc's name) and what the plan file adds when it is given (the province, the board's name).
 * Pure: the CLI asks the queries, this reads their answers. A year that cannot have minutes yet is refused with
 * the reason: no scoring table, no conference in the plan, or a conference still without its day.
 */
import type { ScheduledItem, YearSchedule } from '../calendar/schedule';
import { partyVi } from '../calendar/wording';
import { inHundredths } from '../config/scoring';
import type { BallotRoundView } from '../workflows/conference-messages';
import type { ScoresView } from '../workflows/messages';
import type { RankedRow } from '../workflows/ranking';
import type { BallotRound, ConferenceModel, Proposed, RankingLine, UnitRef } from './model';

/**
 * Why the documents cannot be written yet: the field (the year, the conference's item) and the reason; and, when
 * what is missing is the conference's day, its item, which the CLI and the console each say how to set.
 */
export class DocumentRefusal extends Error {
  constructor(
    readonly field: 'scoring' | 'itemId',
    readonly reason: string,
    readonly undatedItem?: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface ConferenceRecord {
  /** "Khối thi đua số 4", as the year's status names it. */
  blocName: string;
  schedule: YearSchedule;
  /** Null for a year whose plan has no scoring table. */
  scores: ScoresView | null;
  /** From the plan file, when given. */
  province?: string;
  board?: string;
  /** The conference's item; by default the plan's event in January of the next year. */
  itemId?: string;
  /** The ballot's rounds, once the year records them. */
  rounds?: BallotRound[];
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** The year-end conference: the item named, or the event the plan holds in the year after the cycle's. */
export function conferenceItem(schedule: YearSchedule, itemId?: string): ScheduledItem {
  if (itemId !== undefined) {
    const named = schedule.items.find((i) => i.id === itemId);
    if (!named) throw new DocumentRefusal('itemId', `không có mục "${itemId}" trong kế hoạch năm ${schedule.year} / no such item`);
    if (named.kind !== 'event') throw new DocumentRefusal('itemId', `mục "${itemId}" không phải là một hội nghị (sự kiện) / not an event`);
    return named;
  }
  const next = String(schedule.year + 1);
  const found = schedule.items.find((i) => i.kind === 'event' && (i.window ? i.window.from : dayOf(i.at ?? '')).startsWith(next));
  if (!found) {
    throw new DocumentRefusal('itemId', `kế hoạch năm ${schedule.year} không có Hội nghị tổng kết (sự kiện trong năm ${next}); nêu mục bằng --item / the plan has no year-end conference`);
  }
  return found;
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + inHundredths(v), 0) / 100;
}

function rankingLine(row: RankedRow, groups: ScoresView['table']['groups'], names: Map<string, string>): RankingLine {
  const t = row.totals;
  const ref = (unitId: string): UnitRef => ({ unitId, name: names.get(unitId) ?? unitId });
  const linesOf = (codes: Set<string>) => (t?.lines ?? []).filter((l) => codes.has(l.code));
  return {
    unitId: row.unitId,
    name: row.name,
    ...(row.rank !== undefined && { rank: row.rank }),
    tiedWith: row.tiedWith.map(ref),
    groups: t
      ? groups.map((g) => {
          const lines = linesOf(new Set(g.criteria.map((c) => c.code)));
          return { own: sum(lines.map((l) => l.unit - l.unitDeducted)), counted: sum(lines.map((l) => l.counted)) };
        })
      : [],
    ...(t && { own: sum(t.lines.map((l) => l.unit - l.unitDeducted)), counted: t.criteriaTotal, total: t.total }),
    bonusAgreed: t?.bonusAgreed ?? 0,
    bonusPending: t?.bonusPending ?? 0,
    ...(row.retired ? { unranked: 'retired' as const } : !t && { unranked: 'not-sent' as const }),
  };
}

/** The rounds the secretariat has closed, with their totals, as the documents tell them. */
export function ballotRounds(views: BallotRoundView[]): BallotRound[] {
  return views.flatMap((r) =>
    r.closed
      ? [
          {
            titleId: r.titleId,
            title: r.title,
            round: r.round,
            seats: r.seats,
            ballots: r.closed.ballots,
            valid: r.closed.valid,
            candidates: r.candidates.map((c) => ({ ...c, votes: r.closed?.votes[c.unitId] ?? 0 })),
            elected: r.closed.elected,
          },
        ]
      : [],
  );
}

/** The votes a unit had in the last round for the title that counted it. */
function votesFor(rounds: BallotRound[], titleId: string, unitId: string): number | undefined {
  const counted = rounds.filter((r) => r.titleId === titleId && r.candidates.some((c) => c.unitId === unitId));
  return counted[counted.length - 1]?.candidates.find((c) => c.unitId === unitId)?.votes;
}

export function conferenceModel(record: ConferenceRecord): ConferenceModel {
  const { schedule, scores } = record;
  if (!scores) {
    throw new DocumentRefusal('scoring', `kế hoạch năm ${schedule.year} của ${record.blocName} chưa có thang bảng điểm (mục scoring): không có kết quả để lập biên bản / the plan has no scoring table`);
  }
  const item = conferenceItem(schedule, record.itemId);
  if (!item.at) {
    throw new DocumentRefusal(
      'itemId',
      `${item.short ?? item.title} (mục "${item.id}") chưa có ngày (${item.wording}) / the conference has no day yet`,
      item.id,
    );
  }
  const names = new Map(scores.units.map((u) => [u.unitId, u.name]));
  const ref = (unitId: string): UnitRef => ({ unitId, name: names.get(unitId) ?? unitId });
  const rows = new Map(scores.ranking.rows.map((r) => [r.unitId, r]));
  const rounds = record.rounds ?? [];
  const decision = scores.ranking.decision;
  const terms = scores.terms;
  return {
    bloc: {
      id: scores.blocId,
      name: record.blocName,
      terms,
      ...(record.province && { province: record.province }),
      board: record.board ?? partyVi('board', terms),
    },
    year: scores.year,
    timeZone: schedule.timeZone,
    conference: { itemId: item.id, title: item.title, at: item.at, ...(item.location && { location: item.location }) },
    members: scores.units.filter((u) => !u.retired).map((u) => ref(u.unitId)),
    leader: ref(schedule.roles.leader),
    deputy: ref(schedule.roles.deputy),
    table: {
      ...(scores.table.reference && { reference: scores.table.reference }),
      illustrative: scores.table.illustrative,
      maxTotal: scores.ranking.maxTotal,
      groups: scores.table.groups.map((g) => ({ code: g.code, title: g.title, max: sum(g.criteria.map((c) => c.max)) })),
    },
    ranking: scores.ranking.rows.map((r) => rankingLine(r, scores.table.groups, names)),
    adjustments: scores.ranking.rows.flatMap((r) => {
      const differing = new Set(scores.units.find((u) => u.unitId === r.unitId)?.adjusted ?? []);
      return (r.totals?.lines ?? [])
        .filter((l) => l.adjusted && differing.has(l.code))
        .map((l) => ({ unitId: r.unitId, name: r.name, criterion: l.code, own: (inHundredths(l.unit) - inHundredths(l.unitDeducted)) / 100, counted: l.counted, reason: l.adjusted?.reason ?? '' }));
    }),
    bonus: {
      ...(decision && { decision: { date: decision.conferenceDate, minutes: decision.minutes } }),
      claims: scores.claims.map((c) => ({
        unitId: c.unitId,
        name: c.name,
        criterion: c.criterion,
        points: c.points,
        ...(c.justification && { justification: c.justification }),
        decision: c.decision,
      })),
    },
    proposals: scores.ranking.proposals.map((p) => {
      // Once the conference has voted on a title, those it elected are proposed, and the ballot settled any tie.
      const balloted = rounds.filter((r) => r.titleId === p.titleId);
      const unitIds = balloted.length > 0 ? balloted.flatMap((r) => r.elected) : p.unitIds;
      return {
        titleId: p.titleId,
        title: p.title,
        ranks: p.ranks,
        places: p.places,
        ...(p.minTotal !== undefined && { minTotal: p.minTotal }),
        tie: balloted.length > 0 ? false : p.tie,
        units: unitIds.map((unitId): Proposed => {
          const row = rows.get(unitId);
          const votes = votesFor(rounds, p.titleId, unitId);
          return { ...ref(unitId), ...(row?.rank !== undefined && { rank: row.rank }), ...(row?.totals && { total: row.totals.total }), ...(votes !== undefined && { votes }) };
        }),
      };
    }),
    ...(rounds.length > 0 && { rounds }),
  };
}
