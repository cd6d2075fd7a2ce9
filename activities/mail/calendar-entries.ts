/**
 * Which notices become calendar entries, and how long they last. A reminder or task marks its
 * cut-off with a short entry that ends at it; an invitation blocks the event's time. A follow-up's
 * cut-off is past and a handover is no appointment: neither gets one.
 */
import { DateTime } from 'luxon';
import type { Notice, OutgoingMessage } from '../types';
import type { CalendarEvent } from './ics';
import { recipientsOf, titleOf } from './templates/words';

export interface EntryLengths {
  deadlineMinutes: number;
  eventMinutes: number;
}

export const DEFAULT_LENGTHS: EntryLengths = { deadlineMinutes: 30, eventMinutes: 120 };

/** No unit and no run id in it: every reminder about the item, to any unit, in any run, is one entry. */
export function calendarUid(blocId: string, year: number, itemId: string): string {
  return `${itemId}.${year}.${blocId}@bloc-engine`;
}

/** A cut-off of 23:59:59.999 ends the entry at midnight, not at an odd 23:59:59 that clients round differently. */
function ceilToMinute(d: DateTime): DateTime {
  const floor = d.startOf('minute');
  return floor.equals(d) ? d : floor.plus({ minutes: 1 });
}

function isCalendarWorthy(n: Notice): boolean {
  return (n.kind === 'reminder' || n.kind === 'taskReminder' || n.kind === 'invitation') && n.itemKind !== 'ongoing';
}

export function calendarEntries(
  message: OutgoingMessage,
  organizer: CalendarEvent['organizer'],
  lengths: EntryLengths = DEFAULT_LENGTHS,
): CalendarEvent[] {
  const lang = message.bloc.language;
  const w = {
    vi: { due: 'Hạn cuối', to: 'Gửi về', plan: 'Theo kế hoạch', host: 'Đơn vị tổ chức' },
    en: { due: 'Deadline', to: 'Send to', plan: 'Plan wording', host: 'Organised by' },
  }[lang];
  return message.notices.filter(isCalendarWorthy).map((n) => {
    const at = DateTime.fromISO(n.at);
    const isEvent = n.kind === 'invitation';
    const end = isEvent ? at.plus({ minutes: lengths.eventMinutes }) : ceilToMinute(at);
    const start = isEvent ? at : end.minus({ minutes: lengths.deadlineMinutes });
    const to = recipientsOf(n, { message, lang });
    const description = [
      titleOf(n, lang),
      to ? `${isEvent ? w.host : w.to}: ${to}` : '',
      `${w.plan}: ${n.wording}`,
      `${message.bloc.name} (${message.bloc.province})`,
    ].filter((l) => l !== '');
    return {
      uid: calendarUid(message.bloc.id, message.year, n.itemId),
      sequence: n.sequence,
      start: start.toJSDate(),
      end: end.toJSDate(),
      summary: isEvent ? titleOf(n, lang) : `${w.due}: ${titleOf(n, lang)}`,
      description: description.join('\n'),
      ...(n.location ? { location: n.location } : {}),
      organizer,
      busy: isEvent,
    };
  });
}
