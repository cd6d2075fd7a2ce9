/**
 * A sample January conference for the documents' picture and tests: the seed bloc's plan and its illustrative
 * scoring table, eight units scored (a tie across the certificate's last place, an adjustment by the leader),
 * one without a sheet, three bonus claims of which the conference agreed two. The record is put together as
 * the workflow keeps it, and read through the same views the CLI queries, so the model comes out of the
 * builder exactly as `bloc documents` makes it.
 */
import { planYear } from '../calendar/schedule';
import { criteriaOf, type ScoringTable } from '../config/scoring';
import type { BlocConfig } from '../config/schema';
import { conferenceModel, type ConferenceRecord } from '../documents/conference';
import type { ConferenceModel } from '../documents/model';
import { initialState, type UnitScores } from '../workflows/model';
import { scoresView } from '../workflows/scoring';

/** The conference's day and hour, in January after the cycle's year. */
export const sampleConferenceDay = (year: number) => `${year + 1}-01-14`;
export const SAMPLE_MINUTES = '01/BB-KTĐ4';

/** Every criterion at its maximum less `minus`, with the figures given. */
function sheet(table: ScoringTable, minus: number, given: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(criteriaOf(table).map((c) => [c.code, given[c.code] ?? c.max - minus]));
}

/** The seed's units: each one's sheet, as `minus` below the maxima, and its bonus claims. */
const SHEETS: Record<string, { minus: number; given?: Record<string, number>; bonus?: { criterion: string; points: number; justification: string }[] }> = {
  'so-tu-phap': { minus: 0, bonus: [{ criterion: 'I.1', points: 3, justification: 'Vượt 25% chỉ tiêu thẩm định văn bản' }] },
  'so-noi-vu': { minus: 1, given: { 'I.2': 9.5 }, bonus: [{ criterion: 'I.2', points: 2, justification: 'Dẫn đầu chỉ số cải cách hành chính' }] },
  'so-tai-chinh': { minus: 0.5, given: { 'I.1': 39.5 }, bonus: [{ criterion: 'III.1', points: 2, justification: 'Giải nhất Hội thao Khối' }] },
  'vp-ubnd': { minus: 0.5 },
  'thanh-tra-tinh': { minus: 0.5 },
  'so-ngoai-vu': { minus: 1 },
  'so-ke-hoach-dau-tu': { minus: 2 },
  'vp-doan-dbqh-hdnd': { minus: 3 },
};

/** The record of `config`'s year (the seed's units and table) as the CLI reads it at the conference. */
export function sampleRecord(config: BlocConfig, year: number): ConferenceRecord {
  const table = config.scoring as ScoringTable;
  const day = sampleConferenceDay(year);
  const at = `${year}-12-20T09:00:00.000+07:00`;
  const schedule = planYear({ config, year, dateOverrides: { 'hoi-nghi-tong-ket': { date: day, time: '08:00' } } });
  const state = initialState({ config, year }, `${year}-01-01T00:00:00.000+07:00`);
  state.scores = Object.fromEntries(
    Object.entries(SHEETS).map(([unitId, s]): [string, UnitScores] => [
      unitId,
      { versions: [{ version: 1, receivedAt: at, recordedAt: at, points: sheet(table, s.minus, s.given), bonus: s.bonus ?? [] }], adjustments: [], corrections: [] },
    ]),
  );
  state.scores['so-tai-chinh']?.adjustments.push({ criterion: 'I.1', points: 38, reason: 'Thu ngân sách đạt 95% dự toán', at, unitPoints: 39.5 });
  state.bonusDecisions = [
    {
      at: `${day}T11:00:00.000+07:00`,
      conferenceDate: day,
      minutes: SAMPLE_MINUTES,
      agreed: [
        { unitId: 'so-tu-phap', criterion: 'I.1', points: 3 },
        { unitId: 'so-tai-chinh', criterion: 'III.1', points: 2 },
      ],
      refused: [{ unitId: 'so-noi-vu', criterion: 'I.2', points: 2 }],
    },
  ];
  return {
    blocName: config.bloc.name,
    schedule,
    scores: scoresView(schedule, state, Date.parse(`${day}T12:00:00+07:00`)),
    province: config.bloc.province,
    board: config.board.name,
  };
}

export function sampleConference(config: BlocConfig, year: number): ConferenceModel {
  return conferenceModel(sampleRecord(config, year));
}
