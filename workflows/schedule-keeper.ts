/**
 * The schedule a year acts on: asked of the planning activity and kept in the history (from release 0.2),
 * replaced only when an Update brings a new one. It also remembers whether the handover instant had
 * already passed when the schedule was adopted; such a handover waits for the secretariat.
 */
import { ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import type { PlanningActivities } from '../activities/planning';
import { planYear, type PlanRequest, type YearSchedule } from '../calendar/schedule';
import { YEAR_BEING_PLANNED } from './messages';
import type { YearState } from './model';
import type { Patches } from './patches';
import { planRequestOf } from './plan';

/** Planning is quick and pure: a failure is a bug no retry mends, and it fails only the Update that asked. */
const planning = wf.proxyLocalActivities<PlanningActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

export interface Proposal {
  schedule: YearSchedule;
  /** True when it came from the planning activity and the history holds it. */
  recorded: boolean;
}

/** When the plan hands over, if it yet knows. */
export function handoverAt(schedule: YearSchedule): number | undefined {
  const at = schedule.items.find((i) => i.kind === 'handover' && i.at)?.at;
  return at === undefined ? undefined : Date.parse(at);
}

export class ScheduleKeeper {
  private schedule?: YearSchedule;
  private recorded = false;
  /** Settles once the year's first schedule is in force. */
  readonly ready: Promise<void>;

  constructor(
    private readonly state: YearState,
    private readonly now: () => number,
    private readonly patches: Patches,
  ) {
    const first = state.schedule ? Promise.resolve({ schedule: state.schedule, recorded: true }) : this.propose();
    this.ready = first.then((p) => this.adopt(p));
  }

  /**
   * The schedule for the record with `change` applied, not yet in force. A year begun before release 0.2
   * replays its past computing it in place, as it did then.
   */
  async propose(change: Partial<PlanRequest> = {}): Promise<Proposal> {
    const request = planRequestOf(this.state, change);
    if (!this.patches.scheduleRecorded()) return { schedule: planYear(request), recorded: false };
    return { schedule: await planning.planYear(request), recorded: true };
  }

  adopt(proposal: Proposal): void {
    this.schedule = proposal.schedule;
    this.recorded = proposal.recorded;
    this.state.schedule = proposal.schedule;
    const handover = handoverAt(proposal.schedule);
    // A handover already past when planned (a year started after the fact, a conference dated for the record)
    // would hand over at once, and a past year would start the next and so on: it waits to be asked instead.
    this.state.handoverHeld = this.patches.yearStaysOpen() && handover !== undefined && handover <= this.now();
  }

  /** True for a year begun before release 0.2 at its first step under the new code: it has yet to record one. */
  mustRecord(): boolean {
    return !this.recorded && this.patches.scheduleRecorded();
  }

  async record(): Promise<void> {
    this.adopt(await this.propose());
  }

  /** The schedule in force, for validators, which run before the first one exists only when an Update comes with the start. */
  peek(): YearSchedule | undefined {
    return this.schedule;
  }

  inForce(): YearSchedule {
    if (!this.schedule) {
      throw ApplicationFailure.create({
        type: 'NotPlannedYet',
        message: YEAR_BEING_PLANNED,
      });
    }
    return this.schedule;
  }
}
