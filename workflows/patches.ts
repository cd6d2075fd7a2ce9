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
} as const;

export const patches: Record<keyof typeof PATCH_IDS, () => boolean> = {
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
};
