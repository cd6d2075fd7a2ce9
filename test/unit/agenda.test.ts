import { DateTime } from 'luxon';
import type { OutgoingMessage } from '../../activities/types';
import { planYear } from '../../calendar/schedule';
import { agenda } from '../../workflows/agenda';
import * as changes from '../../workflows/changes';
import { initialState, type YearState } from '../../workflows/model';
import { buildMessage } from '../../workflows/outgoing';
import { planRequestOf } from '../../workflows/plan';
import { recordOutcomes } from '../../workflows/sent-log';
import { overdueAt, statusMatrix } from '../../workflows/status';
import { FIXTURE_YEAR, smallBloc } from '../support/fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const Y = FIXTURE_YEAR;
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const iso = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISO() ?? '';

function freshState(startedAt = `${Y - 1}-11-01T00:00:00.000+07:00`): YearState {
  return initialState({ config: smallBloc(), year: Y }, startedAt);
}

/** The schedule the workflow would record for the record as it stands. */
const scheduleOf = (state: YearState) => planYear(planRequestOf(state));

/** What the workflow does at `nowMs`: ask the agenda, build the messages, and log them as delivered. */
function deliver(state: YearState, nowMs: number) {
  const schedule = scheduleOf(state);
  const result = agenda(schedule, state, nowMs);
  const messages = result.messages.map((m) => buildMessage(state, schedule, m, nowMs));
  const plannedAt = new Map(result.messages.map((m) => [m.messageKey, m.slots[0]?.plannedAt ?? iso(nowMs)]));
  const outcomes = messages.map((m) => ({ key: m.key, status: 'delivered' as const, result: { messageId: `<${m.key}>`, accepted: m.addressee.to, rejected: [], sentAt: iso(nowMs) } }));
  recordOutcomes(state, messages, outcomes, (m: OutgoingMessage) => plannedAt.get(m.key) ?? iso(nowMs), iso(nowMs));
  return { ...result, built: messages };
}

function submit(state: YearState, unitId: string, itemId: string, nowMs: number, receivedAt?: string) {
  const accepted = changes.acceptSubmission(scheduleOf(state), state, { unitId, itemId, receivedAt }, nowMs);
  return changes.applySubmission(scheduleOf(state), state, accepted, nowMs);
}

function extend(state: YearState, unitId: string, itemId: string, until: string, nowMs: number) {
  changes.applyExtension(scheduleOf(state), state, changes.acceptExtension(scheduleOf(state), state, { unitId, itemId, until }), nowMs);
}

const summary = (r: ReturnType<typeof deliver>) =>
  r.messages.map((m) => `${m.addressee}: ${m.slots.map((s) => `${s.kind} ${s.itemId} @${s.plannedAt.slice(0, 16)}`).join(', ')}`);

describe('the agenda of a bloc year', () => {
  it('owes the 7-day reminder to every unit at 08:00 local, and names the next wake-up', () => {
    const state = freshState();
    const r = deliver(state, at(`${Y}-06-07T08:00`));
    expect(summary(r)).toEqual(
      ['so-a', 'so-b', 'so-c'].map((u) => `${u}: reminder bao-cao-6-thang @${Y}-06-07T08:00`),
    );
    // The day-before reminder would fall on Sunday 13/6 and moves to Friday 11/6.
    expect(DateTime.fromMillis(r.nextAt as number, { zone: ZONE }).toISO()).toBe(`${Y}-06-11T08:00:00.000+07:00`);
  });

  it('stops reminding a unit once its submission is recorded', () => {
    const state = freshState();
    deliver(state, at(`${Y}-06-07T08:00`));
    submit(state, 'so-c', 'bao-cao-6-thang', at(`${Y}-06-08T10:00`));
    const r = deliver(state, at(`${Y}-06-11T08:00`));
    expect(r.messages.map((m) => m.addressee)).toEqual(['so-a', 'so-b']);
  });

  it('folds reminders missed during an outage into one, and sends nothing stale after the cut-off', () => {
    const state = freshState();
    // Down from 1/6 to 12/6: the 7-day and 1-day reminders were both missed; only the latest is owed.
    const r = deliver(state, at(`${Y}-06-12T09:30`));
    expect(summary(r)[0]).toBe(`so-a: reminder bao-cao-6-thang @${Y}-06-11T08:00`);
    expect(r.messages).toHaveLength(3);
    // Down again until after the cut-off: no "1 day left" any more, and no follow-up before its day.
    const late = deliver(freshState(), at(`${Y}-06-16T09:00`));
    expect(late.messages).toEqual([]);
  });

  it('sends nothing planned before the year was started', () => {
    const state = freshState(`${Y}-06-12T00:00:00.000+07:00`);
    expect(deliver(state, at(`${Y}-06-12T09:00`)).messages).toEqual([]);
  });

  it('follows up with missing units and sends the leader and secretariat a digest after the cut-off', () => {
    const state = freshState();
    submit(state, 'so-a', 'bao-cao-6-thang', at(`${Y}-06-10T10:00`));
    const r = deliver(state, at(`${Y}-06-17T08:00`));
    expect(summary(r)).toEqual([
      `so-b: followUp bao-cao-6-thang @${Y}-06-17T08:00`,
      `so-c: followUp bao-cao-6-thang @${Y}-06-17T08:00`,
      `digest: digest bao-cao-6-thang @${Y}-06-17T08:00`,
    ]);
  });

  it('keeps to one message per unit per day: a date moved the same day waits for tomorrow', () => {
    const state = freshState();
    deliver(state, at(`${Y}-06-07T08:00`));
    changes.applyReschedule(state, { itemId: 'hoi-thao', override: { date: `${Y}-06-08` }, pastDated: false }, at(`${Y}-06-07T09:00`));
    const r = deliver(state, at(`${Y}-06-07T09:00`));
    expect(r.messages).toEqual([]);
    expect(DateTime.fromMillis(r.nextAt as number, { zone: ZONE }).toISO()).toBe(`${Y}-06-08T08:00:00.000+07:00`);
  });

  it('sends exact-time reminders (PT offsets, for demonstrations) at their minute, each its own message', () => {
    const state = freshState();
    state.config.items[0]!.reminders = { before: ['PT30M', 'PT10M'] };
    const first = deliver(state, at(`${Y}-06-14T23:30`));
    const second = deliver(state, at(`${Y}-06-14T23:50`));
    expect([...first.messages, ...second.messages].filter((m) => m.addressee === 'so-a').map((m) => m.messageKey)).toEqual([
      `thu-nghiem/${Y}/so-a/${Y}-06-14T2329`,
      `thu-nghiem/${Y}/so-a/${Y}-06-14T2349`,
    ]);
  });

  it('replans a unit with an extension: no follow-up before its own cut-off', () => {
    const state = freshState();
    extend(state, 'so-b', 'bao-cao-6-thang', `${Y}-06-25`, at(`${Y}-06-10T10:00`));
    const r = deliver(state, at(`${Y}-06-17T08:00`));
    expect(r.messages.map((m) => m.addressee)).toEqual(['so-a', 'so-c', 'digest']);
    const overdue = overdueAt(scheduleOf(state), state, at(`${Y}-06-17T08:00`));
    expect(overdue[0]?.units.map((u) => u.unitId)).toEqual(['so-a', 'so-c']);
  });

  it('sends the leader no digest while the only missing unit is within its extension, and one after it lapses', () => {
    const state = freshState();
    submit(state, 'so-a', 'bao-cao-6-thang', at(`${Y}-06-10T10:00`));
    submit(state, 'so-c', 'bao-cao-6-thang', at(`${Y}-06-10T10:00`));
    submit(state, 'so-b', 'tong-hop-6-thang', at(`${Y}-06-10T10:00`));
    extend(state, 'so-b', 'bao-cao-6-thang', `${Y}-06-25`, at(`${Y}-06-10T11:00`));
    const digests: string[] = [];
    for (let day = at(`${Y}-06-15T08:00`); day < at(`${Y}-07-10T08:00`); day += 86_400_000) {
      for (const m of deliver(state, day).built.filter((b) => b.digest)) {
        digests.push(`${iso(day).slice(0, 10)}: ${m.digest?.rows.map((r) => `${r.itemId} ${r.unitId}`).join(', ')}`);
      }
    }
    // The item's own follow-up days (Thursday 17/6, Sunday 20/6 moved to Monday 21/6) find nobody late, and
    // are not owed later; the extension ends with Friday 25/6, and its follow-up days (Monday 28/6, Thursday
    // 1/7) each tell of Sở B.
    expect(digests).toEqual([`${Y}-06-28: bao-cao-6-thang so-b`, `${Y}-07-01: bao-cao-6-thang so-b`]);
    expect(state.log.filter((e) => e.addressee === 'digest').map((e) => [e.plannedAt.slice(0, 10), e.notices.map((n) => n.itemId)])).toEqual([
      [`${Y}-06-28`, ['bao-cao-6-thang']],
      [`${Y}-07-01`, ['bao-cao-6-thang']],
    ]);
  });

  it('kept the digest owed with no one late under the rules before release 0.2 (what the patch changes)', () => {
    const state = freshState();
    submit(state, 'so-a', 'bao-cao-6-thang', at(`${Y}-06-10T10:00`));
    submit(state, 'so-c', 'bao-cao-6-thang', at(`${Y}-06-10T10:00`));
    extend(state, 'so-b', 'bao-cao-6-thang', `${Y}-06-25`, at(`${Y}-06-10T11:00`));
    const before02 = agenda(scheduleOf(state), state, at(`${Y}-06-17T08:00`), { overdueDigests: false });
    expect(before02.messages.map((m) => m.addressee)).toEqual(['digest']);
    expect(agenda(scheduleOf(state), state, at(`${Y}-06-17T08:00`)).messages).toEqual([]);
  });
});

describe('dates the secretariat sets, and what cannot be undone', () => {
  const state = freshState();
  const plan = scheduleOf(state);
  const now = at(`${Y}-08-10T10:00`);

  it('keeps a window item inside its window: the January conference of the cycle cannot go to this January', () => {
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'hoi-nghi-tong-ket', date: `${Y}-01-05` }, now)).toThrow(
      `date: ngày 5/1/${Y} nằm ngoài tháng 1/${Y + 1} (1/1/${Y + 1} – 31/1/${Y + 1}) / 5 January ${Y} is outside the item's window, January ${Y + 1}`,
    );
    expect(changes.acceptReschedule(plan, state, { itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14` }, now)).toEqual({
      itemId: 'hoi-nghi-tong-ket',
      override: { date: `${Y + 1}-01-14` },
      pastDated: false,
    });
  });

  it('refuses a past day unless it is an event entered for the record, and never a deadline in the past', () => {
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y}-07-20` }, now)).toThrow(/^date: .*đã qua; .*--past/);
    expect(changes.acceptReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y}-07-20`, allowPast: true }, now).pastDated).toBe(true);
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'tong-hop-6-thang', date: `${Y}-07-20`, allowPast: true }, now)).toThrow(
      /^date: .*không thể dời hạn nộp về quá khứ/,
    );
  });

  it('keeps every move, so that a mistaken one can be undone', () => {
    const s = freshState();
    changes.applyReschedule(s, { itemId: 'hoi-thao', override: { date: `${Y}-08-20`, time: '07:30' }, pastDated: false }, now);
    changes.applyReschedule(s, { itemId: 'hoi-thao', override: { date: `${Y}-08-27` }, pastDated: false }, now + 60_000);
    expect(s.moves?.map((m) => [m.from?.date, m.to.date])).toEqual([
      [undefined, `${Y}-08-20`],
      [`${Y}-08-20`, `${Y}-08-27`],
    ]);
  });

  it('takes back a cancellation and keeps it on record', () => {
    const s = freshState();
    changes.applyCancel(plan, s, { itemId: 'hoi-thao', reason: 'Mưa bão' }, now);
    expect(() => changes.acceptRestore(plan, s, { itemId: 'tong-hop-6-thang' })).toThrow(/^itemId: .*không bị hủy/);
    changes.applyRestore(s, changes.acceptRestore(plan, s, { itemId: 'hoi-thao' }), now + 60_000);
    expect(s.cancelled).toEqual({});
    expect(s.restored).toEqual([{ itemId: 'hoi-thao', at: iso(now), reason: 'Mưa bão', restoredAt: iso(now + 60_000) }]);
  });

  it('refuses the calendar of another bloc, and a year that has handed over takes late records only', () => {
    const decisions = [{ year: Y, daysOff: [], workingDays: [] }];
    expect(() => changes.acceptCalendar(plan, state, { blocId: 'khoi-khac', decisions, apply: true })).toThrow(/^blocId: lịch này của Khối "khoi-khac"/);
    const s = freshState();
    s.handover = { at: iso(now), by: 'plan', noticesSent: true, nextYearStarted: true };
    expect(() => changes.acceptCalendar(plan, s, { blocId: 'thu-nghiem', decisions, apply: true })).toThrow(/^decisions: năm 2049 đã chuyển giao/);
    expect(() => changes.acceptReschedule(plan, s, { itemId: 'hoi-thao', date: `${Y}-09-01` }, now)).toThrow(/đã chuyển giao/);
    expect(changes.acceptSubmission(plan, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang' }, now).unitId).toBe('so-a');
  });
});

describe('the status matrix', () => {
  it('tells on time, late by how much, overdue by how much, and not yet due', () => {
    const state = freshState();
    submit(state, 'so-a', 'bao-cao-6-thang', at(`${Y}-06-20T08:00`), `${Y}-06-14T16:00:00+07:00`);
    submit(state, 'so-b', 'bao-cao-6-thang', at(`${Y}-06-20T08:00`), `${Y}-06-16T10:00:00+07:00`);
    const cells = statusMatrix(scheduleOf(state), state, at(`${Y}-06-20T08:00`)).filter((c) => c.state !== 'not-applicable');
    const of = (item: string, unit: string) => cells.find((c) => c.itemId === item && c.unitId === unit);
    expect(of('bao-cao-6-thang', 'so-a')?.state).toBe('submitted-on-time');
    expect(of('bao-cao-6-thang', 'so-b')).toMatchObject({ state: 'submitted-late', lateByMs: 34 * 3600_000 + 1 });
    expect(of('bao-cao-6-thang', 'so-c')).toMatchObject({ state: 'overdue', overdueByMs: 5 * 86_400_000 + 8 * 3600_000 + 1 });
    expect(of('tong-hop-6-thang', 'so-b')?.state).toBe('not-due');
  });
});

describe('changes the secretariat makes', () => {
  const state = freshState();
  const plan = scheduleOf(state);
  const now = at(`${Y}-06-10T10:00`);

  it.each([
    [{ unitId: 'so-x', itemId: 'bao-cao-6-thang' }, /^unitId: .*so-x/],
    [{ unitId: 'so-a', itemId: 'khong-co' }, /^itemId: .*khong-co/],
    [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-11T10:00:00+07:00` }, /^receivedAt: .*tương lai/],
    [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: 'hôm qua' }, /^receivedAt: /],
    [{ unitId: 'so-a', itemId: 'tong-hop-6-thang' }, /^unitId: .*không phải nộp/],
    [{ unitId: 'so-a', itemId: 'hoi-thao' }, /^itemId: .*sự kiện/],
  ])('rejects the submission %j with the field and the reason', (input, message) => {
    expect(() => changes.acceptSubmission(plan, state, input, now)).toThrow(message);
  });

  it.each([
    ['reference', () => changes.acceptSubmission(plan, state, { unitId: 'so-a', itemId: 'bao-cao-6-thang', reference: '45/BC\r\nBcc: x@evil.example' }, now)],
    ['reason', () => changes.acceptCancel(plan, state, { itemId: 'hoi-thao', reason: 'Hoãn\ndo mưa' })],
    ['emails', () => changes.acceptContacts(state, { unitId: 'so-a', emails: ['vanthu@so-a.example.vn\r\nBcc: x@evil.example'] })],
    ['cc', () => changes.acceptContacts(state, { unitId: 'so-a', emails: ['vanthu@so-a.example.vn'], cc: Array(21).fill('a@b.example.vn') })],
  ])('refuses control characters and overlong lists in %s, naming the field', (field, attempt) => {
    expect(attempt).toThrow(new RegExp(`^${field}: `));
    expect(attempt).not.toThrow(/\r|\n/);
  });

  it('keeps the first receipt of a repeated submission', () => {
    const s = freshState();
    const first = submit(s, 'so-a', 'bao-cao-6-thang', now, `${Y}-06-09T10:00:00+07:00`);
    const again = submit(s, 'so-a', 'bao-cao-6-thang', now, `${Y}-06-10T09:00:00+07:00`);
    expect([first.outcome, again.outcome]).toEqual(['recorded', 'already-recorded']);
    expect(s.submissions['bao-cao-6-thang']?.['so-a']?.receivedAt).toBe(`${Y}-06-09T10:00:00.000+07:00`);
  });

  it('rejects an extension that does not extend, a bad date, and changes to a cancelled item', () => {
    expect(() => changes.acceptExtension(plan, state, { unitId: 'so-a', itemId: 'bao-cao-6-thang', until: `${Y}-06-01` })).toThrow(/^until: /);
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y}-02-30` }, now)).toThrow(/^date: /);
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y + 3}-08-01` }, now)).toThrow(/^date: .*ngoài Quý III/);
    expect(() => changes.acceptReschedule(plan, state, { itemId: 'bao-cao-6-thang', date: `${Y + 3}-06-01` }, now)).toThrow(/^date: .*ngoài chu kỳ/);
    const s = freshState();
    changes.applyCancel(plan, s, { itemId: 'tong-hop-6-thang' }, now);
    expect(() => changes.acceptSubmission(plan, s, { unitId: 'so-b', itemId: 'tong-hop-6-thang' }, now)).toThrow(/^itemId: .*hủy/);
  });
});
