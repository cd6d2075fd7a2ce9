import { DateTime } from 'luxon';
import { agenda } from '../../workflows/agenda';
import * as changes from '../../workflows/changes';
import { initialState, type LogEntry, type YearState } from '../../workflows/model';
import { currentPlan } from '../../workflows/plan';
import { overdueAt, statusMatrix } from '../../workflows/status';
import { FIXTURE_YEAR, smallBloc } from '../support/fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const Y = FIXTURE_YEAR;
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();

function freshState(startedAt = `${Y - 1}-11-01T00:00:00.000+07:00`): YearState {
  return initialState({ config: smallBloc(), year: Y }, startedAt);
}

/** What the workflow would record after delivering the agenda's messages at `nowMs`. */
function deliver(state: YearState, nowMs: number) {
  const { plan, reminders } = currentPlan(state);
  const result = agenda(plan, state, reminders, nowMs);
  for (const m of result.messages) {
    const entry: LogEntry = {
      messageKey: m.messageKey,
      addressee: m.addressee,
      to: [],
      notices: m.slots.map((s) => ({ key: s.key, itemId: s.itemId, kind: s.kind, plannedAt: s.plannedAt })),
      plannedAt: m.slots[0]?.plannedAt ?? '',
      sentAt: DateTime.fromMillis(nowMs, { zone: ZONE }).toISO() ?? '',
      status: 'delivered',
    };
    state.log.push(entry);
  }
  return result;
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
    const { plan } = currentPlan(state);
    changes.applySubmission(plan, state, { unitId: 'so-c', itemId: 'bao-cao-6-thang' }, at(`${Y}-06-08T10:00`));
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
    const { plan } = currentPlan(state);
    changes.applySubmission(plan, state, { unitId: 'so-a', itemId: 'bao-cao-6-thang' }, at(`${Y}-06-10T10:00`));
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
    changes.applyReschedule(state, { itemId: 'hoi-thao', date: `${Y}-06-08` });
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
    const { plan } = currentPlan(state);
    changes.checkExtension(plan, state, { unitId: 'so-b', itemId: 'bao-cao-6-thang', until: `${Y}-06-25` });
    changes.applyExtension(plan, state, { unitId: 'so-b', itemId: 'bao-cao-6-thang', until: `${Y}-06-25` }, at(`${Y}-06-10T10:00`));
    const r = deliver(state, at(`${Y}-06-17T08:00`));
    expect(r.messages.map((m) => m.addressee)).toEqual(['so-a', 'so-c', 'digest']);
    const overdue = overdueAt(currentPlan(state).plan, state, at(`${Y}-06-17T08:00`));
    expect(overdue[0]?.units.map((u) => u.unitId)).toEqual(['so-a', 'so-c']);
  });
});

describe('the status matrix', () => {
  it('tells on time, late by how much, overdue by how much, and not yet due', () => {
    const state = freshState();
    const { plan } = currentPlan(state);
    changes.applySubmission(plan, state, { unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-14T16:00:00+07:00` }, at(`${Y}-06-20T08:00`));
    changes.applySubmission(plan, state, { unitId: 'so-b', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-16T10:00:00+07:00` }, at(`${Y}-06-20T08:00`));
    const cells = statusMatrix(plan, state, at(`${Y}-06-20T08:00`)).filter((c) => c.state !== 'not-applicable');
    const of = (item: string, unit: string) => cells.find((c) => c.itemId === item && c.unitId === unit);
    expect(of('bao-cao-6-thang', 'so-a')?.state).toBe('submitted-on-time');
    expect(of('bao-cao-6-thang', 'so-b')).toMatchObject({ state: 'submitted-late', lateByMs: 34 * 3600_000 + 1 });
    expect(of('bao-cao-6-thang', 'so-c')).toMatchObject({ state: 'overdue', overdueByMs: 5 * 86_400_000 + 8 * 3600_000 + 1 });
    expect(of('tong-hop-6-thang', 'so-b')?.state).toBe('not-due');
  });
});

describe('changes the secretariat makes', () => {
  const state = freshState();
  const { plan } = currentPlan(state);
  const now = at(`${Y}-06-10T10:00`);

  it.each([
    [{ unitId: 'so-x', itemId: 'bao-cao-6-thang' }, /^unitId: .*so-x/],
    [{ unitId: 'so-a', itemId: 'khong-co' }, /^itemId: .*khong-co/],
    [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-11T10:00:00+07:00` }, /^receivedAt: .*tương lai/],
    [{ unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: 'hôm qua' }, /^receivedAt: /],
    [{ unitId: 'so-a', itemId: 'tong-hop-6-thang' }, /^unitId: .*không phải nộp/],
    [{ unitId: 'so-a', itemId: 'hoi-thao' }, /^itemId: .*sự kiện/],
  ])('rejects the submission %j with the field and the reason', (input, message) => {
    expect(() => changes.checkSubmission(plan, state, input, now)).toThrow(message);
  });

  it('keeps the first receipt of a repeated submission', () => {
    const s = freshState();
    const first = changes.applySubmission(plan, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-09T10:00:00+07:00` }, now);
    const again = changes.applySubmission(plan, s, { unitId: 'so-a', itemId: 'bao-cao-6-thang', receivedAt: `${Y}-06-10T09:00:00+07:00` }, now);
    expect([first.outcome, again.outcome]).toEqual(['recorded', 'already-recorded']);
    expect(s.submissions['bao-cao-6-thang']?.['so-a']?.receivedAt).toBe(`${Y}-06-09T10:00:00.000+07:00`);
  });

  it('rejects an extension that does not extend, a bad date, and changes to a cancelled item', () => {
    expect(() => changes.checkExtension(plan, state, { unitId: 'so-a', itemId: 'bao-cao-6-thang', until: `${Y}-06-01` })).toThrow(/^until: /);
    expect(() => changes.checkReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y}-02-30` }, now)).toThrow(/^date: /);
    expect(() => changes.checkReschedule(plan, state, { itemId: 'hoi-thao', date: `${Y + 3}-08-01` }, now)).toThrow(/^date: .*ngoài chu kỳ/);
    const s = freshState();
    changes.applyCancel(plan, s, { itemId: 'tong-hop-6-thang' }, now);
    expect(() => changes.checkSubmission(plan, s, { unitId: 'so-b', itemId: 'tong-hop-6-thang' }, now)).toThrow(/^itemId: .*hủy/);
  });
});
