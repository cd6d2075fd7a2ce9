/**
 * The January conference's documents from what the year records now: `bloc documents` writes them to files,
 * the console hands them to the secretariat's browser. Both read the year the same way.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { ballotRounds, conferenceModel, type ConferenceRecord } from '../documents/conference';
import type { ConferenceModel } from '../documents/model';
import { ballotQuery } from '../workflows/conference-messages';
import { scoresQuery } from '../workflows/messages';
import { readYearPage } from './year-page';

/** What the year cannot tell and the reader may: the province and its board (from the plan file), the conference's item. */
export type ConferenceExtras = Pick<ConferenceRecord, 'province' | 'board' | 'itemId'>;

/** The conference's model at `at`; documents/conference.ts's DocumentRefusal when the year cannot have minutes yet. */
export async function readConference(handle: WorkflowHandle, at: string, extras: ConferenceExtras = {}): Promise<ConferenceModel> {
  const page = await readYearPage(handle, at);
  const scores = await handle.query(scoresQuery, { at });
  const rounds = ballotRounds(await handle.query(ballotQuery));
  return conferenceModel({ blocName: page.view.blocName, schedule: page.schedule, scores, rounds, ...extras });
}

export function documentFiles(bloc: string, year: number): { minutes: string; proposal: string } {
  return { minutes: `bien-ban-hoi-nghi-${bloc}-${year}.docx`, proposal: `to-trinh-khen-thuong-${bloc}-${year}.docx` };
}
