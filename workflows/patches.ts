/**
 * The points where this release's workflow code acts differently from the release before, for a year that
 * was already running when the new worker took it over. Each is a `patched()` marker: a year that began
 * under the older release replays its recorded past the old way and takes the new way from its first new
 * step on. The policy, and when a patch may be retired, is in docs/versioning.md.
 *
 * The replay test (test/workflow/replay.test.ts) keeps a negative control that swaps this module for one
 * where every patch is always on, proving that the histories of the previous release need these markers.
 */
import { patched } from '@temporalio/workflow';

export const patches = {
  /**
   * Release 0.2: the schedule is computed by a local activity and recorded in history, not recomputed in
   * the replayed code; the digest goes only while some unit is overdue.
   */
  scheduleRecorded: (): boolean => patched('0.2-schedule-recorded'),
  /**
   * Release 0.3: a year stays open for late records after its handover until it is closed; a handover whose
   * instant had passed before it was planned waits for the secretariat; a year long past sends no handover
   * notice and starts no next year; mail retries until the server answers, and a passing failure that a later
   * message made good is marked so and leaves the digest.
   */
  yearStaysOpen: (): boolean => patched('0.3-year-stays-open'),
};
