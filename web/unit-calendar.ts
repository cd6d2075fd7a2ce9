/**
 * A unit's year as a calendar file (.ics) from its own page: its cut-offs (its extension's where it has one)
 * and the events it attends, as the same entries its reminder emails carry (same UID and SEQUENCE), so that
 * importing both never makes two entries of one item.
 */
import type { YearSchedule } from '../calendar/schedule';
import { calendarUid, DEFAULT_LENGTHS } from '../activities/mail/calendar-entries';
import { renderCalendar, type CalendarEvent } from '../activities/mail/ics';
import type { StatusView } from '../workflows/messages';

export function unitCalendar(view: StatusView, schedule: YearSchedule, unitId: string, organizer: CalendarEvent['organizer'], now: Date): string {
  const events: CalendarEvent[] = [];
  for (const item of schedule.items) {
    if (!item.units.includes(unitId) || !item.at) continue;
    const cell = view.cells.find((c) => c.unitId === unitId && c.itemId === item.id);
    if (cell?.state === 'cancelled') continue;
    const isEvent = item.kind === 'event';
    if (!isEvent && (item.kind === 'ongoing' || item.kind === 'handover' || !cell)) continue;
    const at = Date.parse(cell?.dueAt ?? item.at);
    // A cut-off of 23:59:59.999 ends its entry at midnight, as the mail's entries do.
    const end = isEvent ? at + DEFAULT_LENGTHS.eventMinutes * 60_000 : Math.ceil(at / 60_000) * 60_000;
    const start = isEvent ? at : end - DEFAULT_LENGTHS.deadlineMinutes * 60_000;
    events.push({
      uid: calendarUid(view.blocId, view.year, item.id),
      sequence: view.sequences?.[item.id] ?? 0,
      start: new Date(start),
      end: new Date(end),
      summary: isEvent ? item.title : `Hạn cuối: ${item.title}`,
      description: [item.title, `Theo kế hoạch: ${item.wording}`].join('\n'),
      ...(item.location && { location: item.location }),
      organizer,
      busy: isEvent,
    });
  }
  return renderCalendar(events, { stamp: now, prodId: '-//bloc-engine//unit page//VI', language: 'vi' });
}
