/**
 * The bloc configuration: one source of types and of error messages for the plan as data.
 * Messages are Vietnamese first, English after the slash, because a secretariat edits these files.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { dayMonthYearEn, dayMonthYearVi } from '../calendar/wording';
import { idSchema, LIMITS, listOf, multiLineText, nameSchema, REQUIRED, singleLineText, tooLong, tooMany } from './bounded-text';
import { blocKindSchema, blocTerms, termsSchema } from './terms';
import { scoringTableSchema } from './scoring';
import { checkSeatsAgainstUnits } from './titles';

// --- Size ---------------------------------------------------------------------------------------

/** The lists whose length multiplies all later work; `blocConfigSizeSchema` reads them first. */
const TOP_LISTS: { path: string[]; max: number; vi: string; en: string }[] = [
  { path: ['units'], max: LIMITS.units, vi: 'đơn vị', en: 'units' },
  { path: ['items'], max: LIMITS.items, vi: 'mục', en: 'items' },
  { path: ['calendar', 'decisions'], max: LIMITS.decisions, vi: 'quyết định', en: 'decisions' },
];

/**
 * Counts the top-level lists of a document not yet validated, without reading their elements: a file of
 * 150,000 units is refused with one line saying so, not with the schema's verdict on each unit.
 */
export const blocConfigSizeSchema = z.unknown().superRefine((data, ctx) => {
  for (const { path, max, vi, en } of TOP_LISTS) {
    const list = path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), data);
    if (Array.isArray(list) && list.length > max) {
      ctx.addIssue({ code: 'custom', path, message: tooMany(list.length, max, vi, en) });
    }
  }
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Values -------------------------------------------------------------------------------------

const DAY_MONTH = /^(0?[1-9]|[12][0-9]|3[01])\/(0?[1-9]|1[0-2])$/;
const HOUR_MINUTE = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO-8601 durations with days, hours and minutes only: months and years have no fixed length. */
const DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/;

/** Its pattern admits no CR, LF or space, so no address can carry a second header line. */
export const emailSchema = z
  .email({ error: 'địa chỉ email không hợp lệ / invalid email address' })
  .max(LIMITS.emailLength, tooLong(LIMITS.emailLength));
/** An `emails` or `cc` list. */
export const emailListSchema = listOf(emailSchema, LIMITS.emailsPerList, 'địa chỉ email', 'email addresses');
export const durationSchema = z
  .string()
  .regex(DURATION, 'thời lượng ISO-8601 không hợp lệ, ví dụ P7D, PT5M / invalid ISO-8601 duration, e.g. P7D, PT5M');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** A plan repeats every year, so 29/2 (absent three years in four) is refused with the impossible days. */
export const dayMonthSchema = z
  .string()
  .regex(DAY_MONTH, 'ngày phải viết dạng ngày/tháng, ví dụ 15/6 / day must read day/month, e.g. 15/6')
  .refine(
    (s) => {
      const [d, m] = s.split('/').map(Number);
      return d !== undefined && m !== undefined && d <= (DAYS_IN_MONTH[m - 1] ?? 0);
    },
    { message: 'ngày không có trong mọi năm / no such day every year' },
  );
export const hourMinuteSchema = z.string().regex(HOUR_MINUTE, 'giờ phải viết dạng HH:mm / time must read HH:mm');
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, 'ngày phải viết dạng YYYY-MM-DD / date must read YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'ngày không tồn tại / no such date',
  });

export const partySchema = z.enum(['leader', 'deputy', 'board', 'secretariat'], {
  error: 'phải là leader, deputy, board hoặc secretariat / must be leader, deputy, board or secretariat',
});
export type Party = z.infer<typeof partySchema>;

/** Who must act on an item: every unit, one role holder, or named units. */
export const actorsSchema = z.union([z.enum(['all', 'leader', 'deputy']), listOf(idSchema, LIMITS.units, 'đơn vị', 'units').min(1)], {
  error: 'phải là all, leader, deputy hoặc danh sách mã đơn vị / must be all, leader, deputy or a list of unit ids',
});
export type Actors = z.infer<typeof actorsSchema>;

export const windowSchema = z.enum(
  ['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'year', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'M12'],
  { error: 'khoảng thời gian phải là Q1..Q4, H1, H2, M1..M12 hoặc year / window must be Q1..Q4, H1, H2, M1..M12 or year' },
);
export type WindowName = z.infer<typeof windowSchema>;

/**
 * How the plan words a date. `nextYear` places it in the year after the cycle's (the January conference).
 * - before: "trước ngày 15/6" — a deadline; whether the day itself counts is `deadlines.beforeIncludesDay`.
 * - on: "ngày 17/1" — an exact day, optionally at a local time.
 * - window: "Quý III" — the exact day is set later by the secretariat.
 * - after: the item follows another (the handover follows the year-end conference).
 */
export const dueSchema = z.union(
  [
    z.strictObject({ before: dayMonthSchema, nextYear: z.boolean().default(false) }),
    z.strictObject({ on: dayMonthSchema, at: hourMinuteSchema.optional(), nextYear: z.boolean().default(false) }),
    z.strictObject({ window: windowSchema, nextYear: z.boolean().default(false) }),
    z.strictObject({ after: idSchema, offset: durationSchema.default('P1D') }),
  ],
  { error: 'hạn phải có một trong before, on, window, after / due must have one of before, on, window, after' },
);
export type DueSpec = z.infer<typeof dueSchema>;

const escalationSchema = listOf(z.enum(['leader', 'deputy', 'secretariat']), 3, 'bên nhận', 'recipients');
const reminderOffsetsSchema = listOf(durationSchema, LIMITS.remindersPerRule, 'mốc nhắc hạn', 'reminder offsets');

export const reminderRulesSchema = z.strictObject({
  /** Offsets before the deadline or event at which reminders go out. */
  before: reminderOffsetsSchema.default(['P14D', 'P7D', 'P3D', 'P1D']),
  /** Local time of day at which a day's reminders are sent. */
  at: hourMinuteSchema.default('08:00'),
  /** Move a reminder that falls on a weekend or public holiday to the previous working day. */
  shiftToWorkingDay: z.boolean().default(true),
  followUp: z
    .strictObject({ every: durationSchema.default('P3D'), max: z.number().int().min(0).max(30).default(3) })
    .default({ every: 'P3D', max: 3 }),
  /** Who receives the digest of missing units after a deadline passes. */
  escalateTo: escalationSchema.default(['leader', 'secretariat']),
});
export type ReminderRules = z.infer<typeof reminderRulesSchema>;
/**
 * An item's own rules: only what it states, with no defaults, so that the plan's rules fill the rest.
 * (A `.partial()` of the rules above would fill every omitted field with the global default.)
 */
export const reminderOverrideSchema = z.strictObject({
  before: reminderOffsetsSchema.optional(),
  at: hourMinuteSchema.optional(),
  shiftToWorkingDay: z.boolean().optional(),
  followUp: z
    .strictObject({ every: durationSchema.optional(), max: z.number().int().min(0).max(30).optional() })
    .optional(),
  escalateTo: escalationSchema.optional(),
});
export type ReminderOverride = z.infer<typeof reminderOverrideSchema>;

export const itemKindSchema = z.enum(['deadline', 'task', 'event', 'handover', 'ongoing'], {
  error: 'loại phải là deadline, task, event, handover hoặc ongoing / kind must be deadline, task, event, handover or ongoing',
});
export type ItemKind = z.infer<typeof itemKindSchema>;

/** Titles repeat every year: {year}, {nextYear} and {since:1975} (years elapsed) are filled in per year. */
const titleSchema = singleLineText(LIMITS.titleLength)
  .min(1, REQUIRED)
  .refine((t) => [...t.matchAll(/\{([^}]*)\}/g)].every((m) => /^(year|nextYear|since:\d{4})$/.test(m[1] ?? '')), {
    message: 'chỉ dùng {year}, {nextYear}, {since:YYYY} / only {year}, {nextYear}, {since:YYYY} may be used',
  });

export const itemSchema = z.strictObject({
  id: idSchema,
  kind: itemKindSchema,
  title: titleSchema,
  titleEn: titleSchema.optional(),
  /** A short name for a column heading, a list or a tab ("Báo cáo 6 tháng"); one is made from the title when absent. */
  short: singleLineText(LIMITS.shortTitleLength).optional(),
  shortEn: singleLineText(LIMITS.shortTitleLength).optional(),
  description: multiLineText(LIMITS.descriptionLength).optional(),
  /** Deadline and task: who submits. Event: who attends. */
  from: actorsSchema.default('all'),
  /** Deadline: where submissions go. Event: who organises. */
  to: listOf(partySchema, 4, 'bên nhận', 'recipients').default([]),
  /** Ongoing items have no due date. */
  due: dueSchema.optional(),
  location: singleLineText(LIMITS.nameLength).optional(),
  reminders: reminderOverrideSchema.optional(),
  /** A deadline whose dossier is the units' registration of titles (Quý II): it carries the titles registered. */
  registration: z.boolean({ error: 'phải là true hoặc false / must be true or false' }).optional(),
});
export type ItemConfig = z.infer<typeof itemSchema>;

const dayEntrySchema = z.strictObject({ date: isoDateSchema, name: nameSchema });
const dayListSchema = listOf(dayEntrySchema, LIMITS.daysPerDecision, 'ngày', 'days');
export const yearDecisionSchema = z
  .strictObject({
    year: z.number().int().min(1990).max(2200),
    /** The instrument that decided it, e.g. the Prime Minister's notice on the Tết break. */
    source: singleLineText(LIMITS.referenceLength).optional(),
    daysOff: dayListSchema.default([]),
    workingDays: dayListSchema.default([]),
    /**
     * What this decision settles instead of the Labour Code's default: 'tet' drops the default five Tết
     * days (and their days in lieu), 'national-day' drops the default day next to 2/9.
     */
    replaces: listOf(z.enum(['tet', 'national-day']), 2, 'mục thay thế', 'entries').optional(),
  })
  .superRefine((d, ctx) => {
    // A decision is read by its year: a day of another year would be silently ignored.
    for (const key of ['daysOff', 'workingDays'] as const) {
      d[key].forEach((e, j) => {
        // A day that does not exist is refused by its own schema, and has no words to be said in.
        if (!e.date.startsWith(`${d.year}-`) && DateTime.fromISO(e.date).isValid) {
          const message = `ngày ${dayMonthYearVi(e.date, 'UTC')} nằm ngoài năm ${d.year} / ${dayMonthYearEn(e.date, 'UTC')} is outside ${d.year}`;
          ctx.addIssue({ code: 'custom', path: [key, j, 'date'], message });
        }
      });
    }
  });
export type YearDecision = z.infer<typeof yearDecisionSchema>;


export const contactSchema = z.strictObject({
  name: nameSchema,
  emails: emailListSchema.min(1, 'cần ít nhất một email / at least one email'),
  cc: emailListSchema.default([]),
});

export const unitSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  head: singleLineText(LIMITS.nameLength).optional(),
  emails: emailListSchema.min(1, 'cần ít nhất một email / at least one email'),
  cc: emailListSchema.default([]),
});
export type UnitConfig = z.infer<typeof unitSchema>;

export const blocConfigSchema = z
  .strictObject({
    bloc: z.strictObject({
      id: idSchema,
      name: nameSchema,
      province: nameSchema,
      timeZone: z
        .string()
        .refine((zone) => IANAZone.isValidZone(zone), { message: 'múi giờ không hợp lệ / unknown time zone' })
        .default('Asia/Ho_Chi_Minh'),
      language: z.enum(['vi', 'en']).default('vi'),
      planReference: singleLineText(LIMITS.referenceLength).optional(),
      kind: blocKindSchema.default('khoi'),
      terms: termsSchema.optional(),
    }),
    secretariat: contactSchema,
    board: contactSchema,
    units: listOf(unitSchema, LIMITS.units, 'đơn vị', 'units').min(2, 'cần ít nhất hai đơn vị / at least two units are needed'),
    roles: z.strictObject({
      leader: idSchema,
      deputy: idSchema,
      /** The order in which units take the deputy's seat; the deputy becomes leader at the handover. */
      rotation: listOf(idSchema, LIMITS.units, 'đơn vị', 'units').optional(),
    }),
    deadlines: z
      .strictObject({
        /** Whether "trước ngày 15/6" still accepts a submission on 15/6. */
        beforeIncludesDay: z.boolean().default(false),
        /** Civil Code 2015 art. 148: a period whose last day is a day off ends on the next working day. */
        rollOffDays: z.boolean().default(true),
        /** Local time at which an event starts when the plan gives none. */
        eventTime: hourMinuteSchema.default('08:00'),
      })
      .default({ beforeIncludesDay: false, rollOffDays: true, eventTime: '08:00' }),
    reminders: reminderRulesSchema.default(reminderRulesSchema.parse({})),
    calendar: z
      .strictObject({ decisions: listOf(yearDecisionSchema, LIMITS.decisions, 'quyết định', 'decisions').default([]) })
      .default({ decisions: [] }),
    items: listOf(itemSchema, LIMITS.items, 'mục', 'items').min(1, 'kế hoạch cần ít nhất một mục / the plan needs at least one item'),
    /** The scoring table the units score themselves against (config/scoring.ts). */
    scoring: scoringTableSchema.optional(),
    /**
     * The bloc's mailbox (docs/mailbox.md): a declaration read from mail waits for the secretariat unless the
     * bloc confirms at once, which it does only for a message whose sender is proven.
     */
    mailbox: z.strictObject({ confirmAtOnce: z.boolean().default(false) }).optional(),
  })
  .superRefine((cfg, ctx) => {
    const unitIds = new Set<string>();
    cfg.units.forEach((u, i) => {
      if (unitIds.has(u.id)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `mã đơn vị trùng: ${u.id} / duplicate unit id` });
      }
      unitIds.add(u.id);
    });
    const unknownUnit = (id: string, path: (string | number)[]) => {
      if (!unitIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `không có đơn vị ${id} / unknown unit` });
    };
    unknownUnit(cfg.roles.leader, ['roles', 'leader']);
    unknownUnit(cfg.roles.deputy, ['roles', 'deputy']);
    if (cfg.roles.leader === cfg.roles.deputy) {
      const t = blocTerms(cfg.bloc);
      ctx.addIssue({ code: 'custom', path: ['roles', 'deputy'], message: `${t.vi.deputy} phải khác ${t.vi.leader} / the ${t.en.deputy} must differ from the ${t.en.leader}` });
    }
    cfg.roles.rotation?.forEach((id, i) => unknownUnit(id, ['roles', 'rotation', i]));

    const itemIds = new Set<string>();
    cfg.items.forEach((item, i) => {
      if (itemIds.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `mã mục trùng: ${item.id} / duplicate item id` });
      }
      itemIds.add(item.id);
      if (Array.isArray(item.from)) item.from.forEach((id, j) => unknownUnit(id, ['items', i, 'from', j]));
      if (item.kind !== 'ongoing' && !item.due) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'due'], message: 'mục này cần hạn / this item needs a due date' });
      }
    });
    const afterOf = new Map(cfg.items.flatMap((item) => (item.due && 'after' in item.due ? [[item.id, item.due.after]] : [])));
    cfg.items.forEach((item, i) => {
      const due = item.due;
      if (!due) return;
      if ('after' in due) {
        if (!itemIds.has(due.after)) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'due', 'after'], message: `không có mục ${due.after} / unknown item` });
        } else if (followsItself(item.id, afterOf)) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'due', 'after'], message: 'các mục nối nhau thành vòng / items follow each other in a cycle' });
        }
      }
      if ('before' in due && item.kind !== 'deadline' && item.kind !== 'task') {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'due', 'before'], message: 'chỉ hạn nộp và nhiệm vụ có "before" / only deadlines and tasks take "before"' });
      }
      if (item.kind === 'ongoing') {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'due'], message: 'mục thường xuyên không có hạn / an ongoing item has no due date' });
      }
    });
    if (cfg.scoring) {
      const scored = cfg.items.find((item) => item.id === cfg.scoring?.item);
      if (!scored) {
        ctx.addIssue({ code: 'custom', path: ['scoring', 'item'], message: `không có mục ${cfg.scoring.item} / unknown item` });
      } else if (scored.kind !== 'deadline') {
        ctx.addIssue({
          code: 'custom',
          path: ['scoring', 'item'],
          message: 'bảng tự chấm điểm phải gắn với một hạn nộp của các đơn vị (kind: deadline) / self-scores belong to a deadline of the units',
        });
      }
      // The bloc cannot propose more units than it has: only here are both the titles and the units known.
      const t = blocTerms(cfg.bloc);
      checkSeatsAgainstUnits(cfg.scoring.titles, cfg.units.length, { vi: t.vi.bloc, en: t.en.bloc }, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    }
  });

function followsItself(id: string, afterOf: ReadonlyMap<string, string>): boolean {
  const seen = new Set<string>();
  for (let cur = afterOf.get(id); cur !== undefined; cur = afterOf.get(cur)) {
    if (cur === id) return true;
    if (seen.has(cur)) return false;
    seen.add(cur);
  }
  return false;
}

export type BlocConfig = z.infer<typeof blocConfigSchema>;
/** What a file may leave out (defaults), before validation fills it in. */
export type BlocConfigInput = z.input<typeof blocConfigSchema>;
