/** A table of what a new schedule changes, for `bloc replan` and `bloc calendar`. */
import type { ScheduleChange } from '../calendar/schedule';
import { stampVi } from './cell-wording';
import { table } from './output';

export const CHANGE_FIELD_VI: Record<ScheduleChange['field'], string> = { at: 'hạn / ngày', reminders: 'ngày nhắc', followUps: 'ngày nhắc lại' };
export const CHANGE_FIELD_EN: Record<ScheduleChange['field'], string> = { at: 'deadline / date', reminders: 'reminder days', followUps: 'follow-up days' };

export function changesTableVi(changes: ScheduleChange[]): string {
  const instants = (list: string[]) => list.map(stampVi).join(', ') || '—';
  return table(
    ['Mục', 'Đơn vị', 'Nội dung', 'Trước', 'Sau'],
    changes.map((c) => [c.itemId, c.unitId ?? 'mọi đơn vị', CHANGE_FIELD_VI[c.field], instants(c.before), instants(c.after)]),
  );
}
