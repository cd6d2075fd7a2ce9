/** The reader's words for the year's record, in the page's language. */
import type { YearSchedule } from '../../calendar/schedule';
import type { PlannedItem } from '../../calendar/types';
import { dueVi, shortTitle } from '../../calendar/wording';
import { titleOf } from '../../activities/mail/templates/words';
import type { StatusView } from '../../workflows/messages';
import type { Cell } from '../../workflows/status';
import { cellEn, cellVi, dueEn, dueShortEn, dueShortVi, stampEn, stampVi, whenEn, whenVi } from '../../client/cell-wording';
import { t } from '../lang';
import type { Frame } from './layout';

/** The reader's words for what the record keeps in both languages, or writes in Vietnamese only. */
export const when = (f: Frame, iso: string) => t(f, whenVi, whenEn)(iso);
export const stamp = (f: Frame, iso: string) => t(f, stampVi, stampEn)(iso);
export const cellIn = (f: Frame, c: Cell, judged: Parameters<typeof cellVi>[1]) => t(f, cellVi, cellEn)(c, judged);
export const dueIn = (f: Frame, item: PlannedItem, zone: string) => (f.lang === 'en' ? dueEn(item) : dueVi(item, zone));
/** When, briefly, for a column heading: the cut-off's day, or the window while it has none. */
export const dueShortIn = (f: Frame, item: PlannedItem) => t(f, dueShortVi, dueShortEn)(item);
/** The plan's English title where it gives one: the status view carries the Vietnamese only. */
export const titleIn = (f: Frame, planned: Map<string, PlannedItem>, item: { id: string; title: string }) => titleOf(planned.get(item.id) ?? item, f.lang);
/** The plan's short name, or the title cut at a word: for column headings and lists. */
export const shortIn = (f: Frame, planned: Map<string, PlannedItem>, item: { id: string; title: string }) => shortTitle(planned.get(item.id) ?? item, f.lang);
export const KIND_EN: Record<PlannedItem['kind'], string> = { deadline: 'deadline', task: 'task', event: 'event', handover: 'handover', ongoing: 'ongoing' };

export function cellOf(view: StatusView, unitId: string, itemId: string): Cell | undefined {
  return view.cells.find((c) => c.unitId === unitId && c.itemId === itemId);
}

/** The plan's titles by item, in the reader's language. */
export function titlesOf(frame: Frame, { schedule }: { schedule: YearSchedule }): Map<string, string> {
  const planned = new Map(schedule.items.map((i) => [i.id, i]));
  return new Map(schedule.items.map((i) => [i.id, titleIn(frame, planned, i)] as const));
}
