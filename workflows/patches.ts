/**
 * The points where this release's workflow code acts differently from the release before, for a year that
 * was already running when the new worker took it over. Each is a `patched()` marker: a year that began
 * under the older release replays its recorded past the old way and takes the new way from its first new
 * step on. The policy, and when a patch may be retired, is in docs/versioning.md.
 *
 * The replay test (test/workflow/replay.test.ts) keeps negative controls that force each patch on for the
 * histories of the releases before it, and off for its own release's: each must then fail to replay.
 */
import { patched } from '@temporalio/workflow';

/** Each patch's marker: the release that brought it, then the change. */
export const PATCH_IDS = {
  scheduleRecorded: '0.2-schedule-recorded',
  yearStaysOpen: '0.3-year-stays-open',
  askedAtStart: '0.7-patches-asked-at-start',
} as const;

export type PatchName = keyof typeof PATCH_IDS;

/** The answers a run acts on, for the changes its code branches on. */
export type Patches = Record<Exclude<PatchName, 'askedAtStart'>, () => boolean>;

/** Each patch asked of the history where it is met. */
export const ask: Record<PatchName, () => boolean> = {
  /**
   * Release 0.2: the schedule is computed by a local activity and recorded in history, not recomputed in
   * the replayed code; the digest goes only while some unit is overdue.
   */
  scheduleRecorded: () => patched(PATCH_IDS.scheduleRecorded),
  /**
   * Release 0.3: a year stays open for late records after its handover until it is closed; a handover whose
   * instant had passed before it was planned waits for the secretariat; a year long past sends no handover
   * notice and starts no next year; mail retries until the server answers, and a passing failure that a later
   * message made good is marked so and leaves the digest.
   */
  yearStaysOpen: () => patched(PATCH_IDS.yearStaysOpen),
  /**
   * Release 0.7: every patch is asked in the run's first step, before the year is planned, and the answers
   * kept for the whole run. Asked later, the year-stays-open marker followed the planning local activity, and
   * a query answered while planning ran could make the SDK record that activity's result one workflow task
   * before the code that followed it: replayed, the code met the patch before its marker and the year could
   * no longer be replayed (docs/versioning.md, "A query while the year is planned").
   */
  askedAtStart: () => patched(PATCH_IDS.askedAtStart),
};

/**
 * Called once, first thing in a run. A run begun from release 0.7 asks every patch now and keeps the answers;
 * one begun earlier asks each where its code meets it, where its history holds the markers.
 */
export function patchesOfThisRun(asking: Record<PatchName, () => boolean> = ask): Patches {
  if (!asking.askedAtStart()) return { scheduleRecorded: asking.scheduleRecorded, yearStaysOpen: asking.yearStaysOpen };
  const scheduleRecorded = asking.scheduleRecorded();
  const yearStaysOpen = asking.yearStaysOpen();
  return { scheduleRecorded: () => scheduleRecorded, yearStaysOpen: () => yearStaysOpen };
}
