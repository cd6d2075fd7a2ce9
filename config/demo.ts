/**
 * The demonstration bloc (config/blocs/trinh-dien.yaml): a template whose times `npm start` fills in from
 * the moment it starts, so that a newcomer sees invitations, reminders, a follow-up and a digest arrive
 * within minutes rather than at the sample plan's next deadline. Everything is derived from one instant,
 * `now`, which the caller gives: the machine's clock for `npm start`, the server's in a test.
 */
import * as path from 'path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { planYear } from '../calendar/schedule';
import { loadBlocConfig, TEMPLATE_KEY } from './load';
import type { BlocConfig } from './schema';
import { idSchema, LIMITS, singleLineText } from './bounded-text';

export const DEMO_FILE = path.join('config', 'blocs', 'trinh-dien.yaml');

/**
 * Time for the year to start before its first message, worker start-up included: a moment planned before
 * the year started is never sent.
 */
const LEAD_MS = 30_000;

/** The template's own section: how long a step is, and what the secretariat records when. */
const demonstrationSchema = z.strictObject({
  stepMinutes: z.number().int().min(1).max(60),
  submissions: z.strictObject({
    /** In steps after step 0. */
    after: z.number().min(0),
    item: idSchema,
    units: z.array(z.strictObject({ unit: idSchema, ref: singleLineText(LIMITS.referenceLength).optional() })),
  }),
  /**
   * With a real mailbox (`npm start` with GreenMail): this unit answers its reminder with a PDF instead of being
   * recorded by the secretariat, `after` steps in.
   */
  replyByMail: z.strictObject({ after: z.number().min(0), unit: idSchema }).optional(),
});

export interface DemoSubmission {
  unitId: string;
  itemId: string;
  reference?: string;
  at: Date;
}

export interface Demonstration {
  config: BlocConfig;
  year: number;
  /** The instant everything was derived from. */
  now: Date;
  /** Step 0: the first whole minute at least LEAD_MS after `now`. */
  startsAt: Date;
  stepMinutes: number;
  /** What the secretariat records during the demonstration, and when. */
  submissions: DemoSubmission[];
  /** The last message's planned instant: how long there is to watch. */
  lastMessageAt: Date;
  /** The unit that answers its reminder by mail when there is a mailbox, about the submissions' item. */
  replyByMail?: { unitId: string; itemId: string; at: Date };
}

export interface DemonstrationOptions {
  /** Shorter steps than the file's, for a test. */
  stepMinutes?: number;
  file?: string;
}

const PLACEHOLDER = /\{\{\s*([a-z-]+)(?:\s+([+-]?\d+(?:\.\d+)?))?\s*\}\}/g;

/** Every placeholder of `value` filled in; one that is a whole string takes the value's own type. */
function fill(value: unknown, fillOne: (name: string, steps: number) => unknown): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${PLACEHOLDER.source}$`).exec(value);
    if (whole) return fillOne(whole[1] ?? '', Number(whole[2] ?? 0)) ?? value;
    return value.replace(PLACEHOLDER, (text, name: string, steps?: string) => String(fillOne(name, Number(steps ?? 0)) ?? text));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, fillOne));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, fillOne)]));
  }
  return value;
}

export function buildDemonstration(now: Date, opts: DemonstrationOptions = {}): Demonstration {
  let section: z.infer<typeof demonstrationSchema> | undefined;
  let start = DateTime.fromJSDate(now);
  let stepMinutes = 0;
  const config = loadBlocConfig(opts.file ?? DEMO_FILE, {
    prepare: (data) => {
      const { [TEMPLATE_KEY]: own, ...plan } = data as Record<string, unknown>;
      section = demonstrationSchema.parse(own);
      stepMinutes = opts.stepMinutes ?? section.stepMinutes;
      const zone = (plan.bloc as { timeZone?: unknown } | undefined)?.timeZone;
      start = DateTime.fromMillis(now.getTime() + LEAD_MS, { zone: typeof zone === 'string' ? zone : 'Asia/Ho_Chi_Minh' })
        .startOf('minute')
        .plus({ minutes: 1 });
      const afterSteps = (steps: number) => start.plus({ minutes: steps * stepMinutes });
      return fill(plan, (name, steps) => {
        switch (name) {
          case 'due': {
            const at = afterSteps(steps);
            // A demonstration begun in the last minutes of 31 December has its items in the next year.
            return { on: at.toFormat('d/M'), at: at.toFormat('HH:mm'), nextYear: at.year > start.year };
          }
          case 'steps':
            return `PT${steps * stepMinutes}M`;
          case 'stamp':
            return start.toFormat('yyyyMMdd-HHmm');
          case 'off-hour':
            // Twelve hours away from step 0: no moment of the demonstration falls on the daily sending hour,
            // where the engine would fold it into a day's message instead of sending it at its minute.
            return start.minus({ hours: 12 }).toFormat('HH:mm');
          default:
            return undefined;
        }
      });
    },
  });
  if (!section) throw new Error(`${opts.file ?? DEMO_FILE}: no ${TEMPLATE_KEY} section`);
  const { submissions, replyByMail } = section;
  const year = start.year;
  const schedule = planYear({ config, year });
  const lastMessageAt = Math.max(...schedule.items.flatMap((i) => [...i.reminders, ...i.followUps]).map((t) => Date.parse(t)));
  return {
    config,
    year,
    now,
    startsAt: start.toJSDate(),
    stepMinutes,
    submissions: submissions.units.map(({ unit, ref }) => ({
      unitId: unit,
      itemId: submissions.item,
      ...(ref !== undefined && { reference: ref }),
      at: start.plus({ minutes: submissions.after * stepMinutes }).toJSDate(),
    })),
    lastMessageAt: new Date(lastMessageAt),
    ...(replyByMail && { replyByMail: { unitId: replyByMail.unit, itemId: submissions.item, at: start.plus({ minutes: replyByMail.after * stepMinutes }).toJSDate() } }),
  };
}
