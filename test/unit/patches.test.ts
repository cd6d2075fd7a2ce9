/**
 * When a run asks its patches (workflows/patches.ts): a run begun from 0.7 asks every one in its first step and
 * keeps the answers; a run begun earlier asks each where its code meets it, every time, as its history holds them.
 */
import { patchesOfThisRun, type PatchName } from '../../workflows/patches';

/** Answers as a history would, recording each question in order. */
function history(markers: Partial<Record<PatchName, boolean>>) {
  const asked: PatchName[] = [];
  const ask = (name: PatchName) => () => (asked.push(name), markers[name] ?? false);
  return { asked, asking: { scheduleRecorded: ask('scheduleRecorded'), yearStaysOpen: ask('yearStaysOpen'), askedAtStart: ask('askedAtStart') } };
}

test('a run begun from 0.7 asks every patch at once, oldest first, and never again', () => {
  const { asked, asking } = history({ askedAtStart: true, scheduleRecorded: true, yearStaysOpen: true });
  const patches = patchesOfThisRun(asking);
  expect(asked).toEqual(['askedAtStart', 'scheduleRecorded', 'yearStaysOpen']);
  expect([patches.scheduleRecorded(), patches.yearStaysOpen(), patches.yearStaysOpen()]).toEqual([true, true, true]);
  expect(asked).toHaveLength(3);
});

test('a run begun before 0.7 asks nothing more at its start, and asks each patch where it is met', () => {
  const { asked, asking } = history({ scheduleRecorded: true });
  const patches = patchesOfThisRun(asking);
  expect(asked).toEqual(['askedAtStart']);
  expect([patches.scheduleRecorded(), patches.yearStaysOpen()]).toEqual([true, false]);
  expect(asked).toEqual(['askedAtStart', 'scheduleRecorded', 'yearStaysOpen']);
});
