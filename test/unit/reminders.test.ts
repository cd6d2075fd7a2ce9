import fc from 'fast-check';
import { DateTime } from 'luxon';
import { OfficialCalendar } from '../../calendar/holidays';
import { instantiate } from '../../calendar/instantiate';
import { followUpInstants, parseDuration, reminderInstants } from '../../calendar/reminders';
import type { PlannedItem } from '../../calendar/types';
import { loadBlocConfig } from '../../config/load';
import { blocConfigSchema, type BlocConfigInput, type ReminderRules } from '../../config/schema';

const ZONE = 'Asia/Ho_Chi_Minh';
const seed = loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml');
const cal = new OfficialCalendar(seed.calendar.decisions);

const defaults: ReminderRules = seed.reminders;
function deadline(at: string, rules: Partial<ReminderRules> = {}, kind: PlannedItem['kind'] = 'deadline'): PlannedItem {
  return { id: 'x', kind, title: 'x', units: ['a'], to: ['leader'], wording: 'x', dateState: 'fixed', at, rolled: false, rules: { ...defaults, ...rules } };
}

describe('reminder instants', () => {
  it('sends at 08:00 local, moving reminders off weekends to the previous working day', () => {
    const at = '2020-06-15T23:59:59.999+07:00';
    // P14D 1/6 Mon; P7D 8/6 Mon; P3D 12/6 Fri; P1D 14/6 Sun → Fri 12/6 (merged).
    expect(reminderInstants(deadline(at), at, cal, ZONE)).toEqual([
      '2020-06-01T08:00:00.000+07:00',
      '2020-06-08T08:00:00.000+07:00',
      '2020-06-12T08:00:00.000+07:00',
    ]);
  });

  it('moves reminders out of the 2027 Tết break', () => {
    // A deadline at the end of Wednesday 17/2/2027: P7D is 10/2 and P3D is 14/2, both in the break (5/2–14/2).
    const at = '2027-02-17T23:59:59.999+07:00';
    expect(reminderInstants(deadline(at), at, cal, ZONE)).toEqual([
      '2027-02-03T08:00:00.000+07:00', // P14D
      '2027-02-04T08:00:00.000+07:00', // P7D and P3D, the last working day before Tết
      '2027-02-16T08:00:00.000+07:00', // P1D
    ]);
    // Without shifting they fall where they fall.
    expect(reminderInstants(deadline(at, { shiftToWorkingDay: false }), at, cal, ZONE)).toContain('2027-02-10T08:00:00.000+07:00');
  });

  it('takes sub-day offsets as exact spans and drops what is not before the cut-off', () => {
    const at = '2020-06-15T09:00:00.000+07:00';
    expect(reminderInstants(deadline(at, { before: ['PT5M', 'PT1H', 'P1D'] }), at, cal, ZONE)).toEqual([
      '2020-06-12T08:00:00.000+07:00',
      '2020-06-15T08:00:00.000+07:00',
      '2020-06-15T08:55:00.000+07:00',
    ]);
  });

  it('follows up every three days after the cut-off, at most three times, on working days', () => {
    const at = '2020-06-15T23:59:59.999+07:00';
    // 18/6 Thu; 21/6 Sun → Mon 22/6; 25/6 Thu.
    expect(followUpInstants(deadline(at), at, cal, ZONE)).toEqual([
      '2020-06-18T08:00:00.000+07:00',
      '2020-06-22T08:00:00.000+07:00',
      '2020-06-25T08:00:00.000+07:00',
    ]);
    expect(followUpInstants(deadline(at, {}, 'event'), at, cal, ZONE)).toEqual([]);
    expect(followUpInstants(deadline(at, { followUp: { every: 'PT10M', max: 2 } }), at, cal, ZONE)).toEqual([
      '2020-06-16T00:09:59.999+07:00',
      '2020-06-16T00:19:59.999+07:00',
    ]);
  });

  it('parses ISO durations and refuses others', () => {
    expect(parseDuration('P7D').as('days')).toBe(7);
    expect(() => parseDuration('7 days')).toThrow(RangeError);
  });
});

const dayMonth = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 })).map(([d, m]) => `${d}/${m}`);
const offset = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((d) => `P${d}D`),
  fc.integer({ min: 1, max: 6 }).map((w) => `P${w}W`),
  fc.integer({ min: 1, max: 600 }).map((m) => `PT${m}M`),
);
const hourMinute = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const due = fc.oneof(
  dayMonth.map((d) => ({ before: d })),
  fc.record({ on: dayMonth, at: hourMinute }),
  dayMonth.map((d) => ({ on: d, nextYear: true })),
);
const randomConfig = fc.record({
  items: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constantFrom('deadline' as const, 'task' as const), due }),
      fc.record({ kind: fc.constant('event' as const), due: fc.record({ on: dayMonth, at: hourMinute }) }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
  before: fc.uniqueArray(offset, { minLength: 1, maxLength: 6 }),
  at: hourMinute,
  beforeIncludesDay: fc.boolean(),
  rollOffDays: fc.boolean(),
  followUp: fc.record({ every: offset, max: fc.integer({ min: 0, max: 5 }) }),
}).map((r): BlocConfigInput => ({
  bloc: { id: 'khoi', name: 'Khối', province: 'Tỉnh' },
  secretariat: { name: 'Thư ký', emails: ['thuky@khoi.example.vn'] },
  board: { name: 'Ban', emails: ['ban@ban.example.vn'] },
  units: [
    { id: 'a', name: 'A', emails: ['a@a.example.vn'] },
    { id: 'b', name: 'B', emails: ['b@b.example.vn'] },
  ],
  roles: { leader: 'a', deputy: 'b' },
  deadlines: { beforeIncludesDay: r.beforeIncludesDay, rollOffDays: r.rollOffDays },
  reminders: { before: r.before, at: r.at, shiftToWorkingDay: true, followUp: r.followUp },
  calendar: { decisions: seed.calendar.decisions },
  items: r.items.map((i, n) => ({ id: `i${n}`, title: `Mục ${n}`, to: ['leader'], ...i })),
}));

describe('reminder properties, for random plans and years', () => {
  it('are strictly before their cut-off and follow-ups strictly after, all at +07:00', () => {
    fc.assert(
      fc.property(randomConfig, fc.integer({ min: 2000, max: 2040 }), (input, year) => {
        const config = blocConfigSchema.parse(input);
        const calendar = new OfficialCalendar(config.calendar.decisions);
        for (const item of instantiate(config, year).items) {
          const at = item.at;
          if (!at) continue;
          const cutOff = DateTime.fromISO(at, { zone: ZONE }).toMillis();
          for (const r of reminderInstants(item, at, calendar, ZONE)) {
            expect(r.endsWith('+07:00')).toBe(true);
            expect(DateTime.fromISO(r).toMillis()).toBeLessThan(cutOff);
          }
          for (const f of followUpInstants(item, at, calendar, ZONE)) {
            expect(f.endsWith('+07:00')).toBe(true);
            expect(DateTime.fromISO(f).toMillis()).toBeGreaterThan(cutOff);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never fall on a weekend or holiday when every offset counts in days', () => {
    fc.assert(
      fc.property(randomConfig, fc.integer({ min: 2000, max: 2040 }), (input, year) => {
        const dayOffsets = { ...input, reminders: { ...input.reminders, before: ['P14D', 'P7D', 'P3D', 'P1D', 'P2W'] } };
        const config = blocConfigSchema.parse(dayOffsets);
        const calendar = new OfficialCalendar(config.calendar.decisions);
        for (const item of instantiate(config, year).items) {
          if (!item.at) continue;
          for (const r of reminderInstants(item, item.at, calendar, ZONE)) expect(calendar.isWorkingDay(r.slice(0, 10))).toBe(true);
          for (const f of followUpInstants(item, item.at, calendar, ZONE)) {
            if (!config.reminders.followUp.every.startsWith('PT')) expect(calendar.isWorkingDay(f.slice(0, 10))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
