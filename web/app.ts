/**
 * The secretariat's console: thin handlers over the functions the `bloc` CLI uses (status, export, the
 * workflow's Updates), with the session, CSRF and sign-in limit of web/security.ts in front of every page.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Client } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { InputError, ServerError } from '../config/errors';
import { EngineNotAnsweringError, YearBeingPlannedError } from '../client/errors';
import { exportCsv, exportRows } from '../client/export-rows';
import { findBlocYears } from '../client/listed-years';
import { readStatus, readYearPage } from '../client/year-page';
import { withStages } from '../client/year-stages';
import { yearWorkbook } from '../client/year-workbook';
import { decisionsFromText, exampleDecisionsYaml } from '../client/calendar-decisions';
import { nowIso, parseDateOrInstant, parseHourMinute, parseInstant, parseIsoDate } from '../client/options';
import { stampEn, stampVi } from '../client/cell-wording';
import { labelOf } from '../client/field-labels';
import { explain, onBlocYear, type BlocYearRef, type RefusalSource } from '../client/workflow-handle';
import {
  cancelItem,
  declarationsQuery,
  declareSubmission,
  grantExtension,
  handOver,
  logQuery,
  recordSubmission,
  replaceCalendar,
  reschedule,
  restoreItem,
  reviewDeclaration,
  stageQuery,
  timelineQuery,
  updateContacts,
} from '../workflows/messages';
import type { CalendarEvent } from '../activities/mail/ics';
import { senderFromEnv } from '../activities/mail/settings';
import { loadAccounts, mayAct, maySee, verifyPassword, type Account } from '../client/accounts';
import { LIVE_JS, STYLE_CSS } from './assets';
import { CODEC_DECODING, CODEC_PATH, CODEC_WAITING, codecCors, decodePayloads, MAX_CODEC_BODY } from './codec';
import { createGate } from './gate';
import { SignInLimiter } from './sign-in-limits';
import { PayloadTooLargeError } from '../worker/data-converter';
import { calendarPage, type CalendarForms } from './pages/calendar';
import { cellPage, type CellForms } from './pages/cell';
import { itemPage } from './pages/item';
import { messagePage, type Frame } from './pages/layout';
import { logPage } from './pages/log';
import { matrixPage } from './pages/matrix';
import { overviewPage } from './pages/overview';
import { calendarPath, cellPath, itemPath, LIVE_PATH, STYLE_PATH } from './pages/paths';
import { pendingPage } from './pages/pending';
import { signInPage } from './pages/sign-in';
import { timelinePage } from './pages/timeline';
import { unitPage, type UnitForms } from './pages/unit';
import { unitCalendar } from './unit-calendar';
import type { LinkOrigin } from '../workflows/model';
import { checkUnitLink, linkExpiry, signedUnitPath, unitPagePath, type UnitLinkKeys, type UnitRef } from '../activities/mail/unit-links';
import { scoresQuery, submitScore } from '../workflows/messages';
import { SCORE_NOTICES, scoreInputOf, scoreRefusal } from './score-form';
import { LinkUploadAllowance } from './link-upload-allowance';
import { CONTENT_TYPE, readUpload, recordWithUpload, sizeVi, stageUpload, sweepStaged, uploadStoreFromEnv, type UploadStore } from './uploads';
import { LANG_PATH, langOf, refusalFor, rememberLang, t, type Lang } from './lang';
import { accountStamp, csrfToken, csrfValid, deviceToken, endSession, preSessionNonce, readSession, rememberDevice, safeNext, startSession, type Session, type WebSecrets } from './security';

export interface ConsoleOptions {
  client: Client;
  accountsFile: string;
  secrets: WebSecrets;
  limiter?: SignInLimiter;
  /** The keys of the units' signed links; without them there are no unit pages. */
  unitLinks?: UnitLinkKeys;
  /** The Temporal UI's origins, for its remote codec (`/codec/decode`); without them it answers none. */
  codecOrigins?: string[];
  /** How long a page waits for the engine to answer before saying it does not (default 10 s). */
  answerWithinMs?: number;
  /** How often the matrix fetches itself to show what changed (default 15 s). */
  liveMs?: number;
  /** The console's address as units reach it (behind a proxy); default: the address the request came to. */
  publicUrl?: string;
  /** Where attached documents are kept, and how large one may be (default data/uploads, 10 MB). */
  uploads?: UploadStore;
  /** Who the unit's calendar file names as organizer: the mail's sender (MAIL_FROM). */
  organizer?: CalendarEvent['organizer'];
  /**
   * The present the console judges a year by (the matrix, a unit's page, a link's expiry); this process's
   * clock by default. Tests under faketime give the Temporal server's, which the year's dates come from.
   */
  clock?: () => number;
}

interface Env {
  /** `formNonce`: what the forms' token is bound to (the session's nonce, or the visitor's on the sign-in page). */
  Variables: { session?: Session; account?: Account; formNonce?: string; askedAt?: number };
}

const SIGN_IN = '/dang-nhap';
const LIVE_MS = 15_000;
const PUBLIC_PATHS = new Set([SIGN_IN, STYLE_PATH, LIVE_PATH, LANG_PATH]);
/** A unit's own page: no account, its signed link instead. */
const UNIT_PAGES = '/don-vi/';

const LINK_REFUSED: Record<Lang, Record<'tampered' | 'expired' | 'revoked', string>> = {
  vi: {
    tampered: 'Đường dẫn không hợp lệ: đã bị sửa, hoặc không phải của đơn vị này. Không có gì được ghi nhận.',
    expired: 'Đường dẫn đã hết hạn. Xin liên hệ Thư ký Khối để nhận đường dẫn mới. Không có gì được ghi nhận.',
    revoked: 'Đường dẫn này do một tài khoản Thư ký sao chép, nay tài khoản đó không còn quyền. Xin liên hệ Thư ký Khối để nhận đường dẫn mới. Không có gì được ghi nhận.',
  },
  en: {
    tampered: "The link is not valid: it was changed, or it is not this unit's. Nothing was recorded.",
    expired: 'The link has expired. Please ask the bloc secretariat for a new one. Nothing was recorded.',
    revoked: 'This link was copied by a secretariat account that no longer has that right. Please ask the bloc secretariat for a new one. Nothing was recorded.',
  },
};

/** A field's refusal as the form shows it: its label, and the validator's "vi / en" reason in the reader's language. */
function fieldRefusal(lang: Lang, field: string, reason: string): string {
  return `${labelOf(field, lang)}: ${refusalFor(lang, reason)}`;
}
/**
 * What a form's date or time field says when its value cannot be read. The CLI's parsers ask for ISO-8601, which
 * a person at the console never types: the browser's pickers send it.
 */
const FORM_VALUE_REFUSAL = new Map<(v: string) => string, string>([
  [parseInstant, 'cần ngày và giờ hợp lệ / a valid day and time are required'],
  [parseIsoDate, 'cần ngày hợp lệ / a valid day is required'],
  [parseDateOrInstant, 'cần ngày hợp lệ / a valid day is required'],
  [parseHourMinute, 'cần giờ hợp lệ, ví dụ 08:00 / a valid time is required, e.g. 08:00'],
]);

const refusalInForm =
  (lang: Lang): RefusalSource =>
  (field, reason) =>
    fieldRefusal(lang, field, reason);

const NOTICES: Record<Lang, Record<string, string>> = {
  vi: {
  nop: 'Đã ghi nhận hồ sơ.',
  'gia-han': 'Đã gia hạn.',
  'doi-ngay': 'Đã ấn định ngày mới.',
  huy: 'Đã hủy mục này; không nhắc hạn mục này nữa.',
  'khoi-phuc': 'Đã khôi phục mục này; nhắc hạn tiếp tục.',
  'chuyen-giao': 'Đã chuyển giao.',
  'dia-chi': 'Đã cập nhật địa chỉ email của đơn vị.',
  'xac-nhan': 'Đã xác nhận: hồ sơ của đơn vị được ghi nhận.',
  'tu-choi': 'Đã ghi không xác nhận; đơn vị thấy lý do trên trang của mình và được nhắc hạn trở lại.',
  'bao-gui': 'Đã ghi nhận lời báo của đơn vị. Thư ký sẽ xác nhận khi nhận được văn bản; trong khi chờ, đơn vị không nhận thư nhắc việc này.',
  'lich-nghi': 'Đã áp dụng lịch nghỉ mới; các hạn và ngày nhắc đã tính lại theo lịch này.',
  },
  en: {
    nop: 'Submission recorded.',
    'gia-han': 'Extended.',
    'doi-ngay': 'New date set.',
    huy: 'This item is cancelled; no more reminders for it.',
    'khoi-phuc': 'This item is restored; reminders continue.',
    'chuyen-giao': 'Handed over.',
    'dia-chi': "The unit's email addresses are updated.",
    'xac-nhan': "Confirmed: the unit's submission is recorded.",
    'tu-choi': 'Recorded as not confirmed; the unit sees the reason on its page and is reminded again.',
    'bao-gui': "The unit's declaration is recorded. The secretariat confirms it on receiving the document; meanwhile the unit gets no reminders for this item.",
    'lich-nghi': 'The new holidays apply; deadlines and reminder days have been worked out again by them.',
  },
};

const NOT_FOUND: Words = ['Không tìm thấy', 'Not found'];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Addresses typed one per line, or separated by commas, semicolons or spaces. */
function addressList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter((a) => a !== '');
}

function formString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The form's file, when one was chosen (a browser sends an empty part for a file input left empty). */
function attachedFile(body: Record<string, unknown>): File | undefined {
  const value = body.file;
  return value instanceof File && (value.size > 0 || value.name !== '') ? value : undefined;
}

/** A form's fields as typed, its token aside. */
function typedFields(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

const isCodec = (c: Context) => c.req.path.startsWith(`${CODEC_PATH}/`);
/** The forms that carry a document: a unit's declaration, and the secretariat's record of a submission. */
const takesFile = (c: Context) => c.req.method === 'POST' && (/^\/don-vi\/[^/]+\/\d{4}\/[^/]+\/bao-gui$/.test(c.req.path) || /^\/khoi\/[^/]+\/\d{4}\/o\/[^/]+\/[^/]+\/nop$/.test(c.req.path));

type Words = [vi: string, en: string];

/**
 * The page to come back to after switching language: a form's page shown again after a POST is the page
 * the form sits on, one segment up (the sign-in page posts to itself).
 */
function hereOf(c: Context): string {
  const url = new URL(c.req.url);
  const path = c.req.method === 'GET' || url.pathname === SIGN_IN ? url.pathname : url.pathname.replace(/\/[^/]*$/, '') || '/';
  return `${path}${url.search}`;
}

/** Password checks at once, and waiting their turn; beyond, a sign-in is answered 429. */
const HASHING_AT_ONCE = 1;
const HASHING_WAITING = 8;

function clientIp(c: Context): string {
  return getConnInfo(c).remote.address ?? 'unknown';
}

export function createConsole(opts: ConsoleOptions): Hono<Env> {
  const { client, secrets } = opts;
  const limiter = opts.limiter ?? new SignInLimiter();
  const hashing = createGate(HASHING_AT_ONCE, HASHING_WAITING);
  const app = new Hono<Env>();

  // Sessions signed out before their expiry: the cookie is stateless, so sign-out remembers its nonce until then.
  const signedOut = new Map<string, number>();
  const frame = (c: Context<Env>): Frame => {
    const nonce = c.get('formNonce');
    return { account: c.get('account'), csrf: nonce === undefined ? '' : csrfToken(secrets, nonce), lang: langOf(c), here: hereOf(c) };
  };
  /** A message page in the reader's language: [Vietnamese, English] for its title and its text. */
  const message = (c: Context<Env>, title: Words, text: Words, shown: Frame = frame(c)) => messagePage(shown, t(shown, ...title), t(shown, ...text));
  /** The notice a redirect after a form asked for (`da=`), in the reader's language. */
  const noticeOf = (c: Context<Env>, more: Record<Lang, Record<string, string>> = NOTICES): string | undefined => {
    const da = c.req.query('da') ?? '';
    return NOTICES[langOf(c)][da] ?? more[langOf(c)][da];
  };

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    // A page may show a unit's signed link or a year's record: on a shared office computer, Back after signing
    // out must not bring it up again from a cache. Only the style sheet and script say otherwise.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.get(STYLE_PATH, (c) => c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get(LIVE_PATH, (c) => c.body(LIVE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  // The session, and the account it names as the accounts file now has it: an account removed, or given a new
  // password, role or blocs (`bloc user add` on its name), signs out.
  app.use('*', async (c, next) => {
    const read = await readSession(c, secrets);
    const session = read && !signedOut.has(read.nonce) ? read : undefined;
    const account = session && loadAccounts(opts.accountsFile).find((a) => a.name === session.account && accountStamp(secrets, a) === session.stamp);
    if (session && account) {
      c.set('session', session);
      c.set('account', account);
      c.set('formNonce', session.nonce);
    } else if (c.req.path === SIGN_IN) {
      c.set('formNonce', await preSessionNonce(c, secrets));
    } else if (c.req.path.startsWith(UNIT_PAGES) && c.req.query('ky')) {
      // A unit's forms are bound to its signed link, which only the unit was sent.
      c.set('formNonce', `unit:${c.req.query('ky') ?? ''}`);
    }
    await next();
  });

  // No page and no action without a session.
  app.use('*', async (c, next) => {
    if (c.get('account') || PUBLIC_PATHS.has(c.req.path) || c.req.path.startsWith(UNIT_PAGES) || isCodec(c)) return next();
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`${SIGN_IN}${back}`, 303);
  });

  // The UI's codec: not a form, no session (see web/codec.ts); it answers only the UI's origins.
  const codecOrigins = opts.codecOrigins ?? [];
  const clock = opts.clock ?? Date.now;

  // A year's page asks the engine within a bound, and says since when the engine has not answered rather than
  // leaving the reader before a page that never comes.
  const answerWithin = opts.answerWithinMs ?? 10_000;
  let quietSince: number | undefined;
  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/khoi/') && !c.req.path.startsWith(UNIT_PAGES)) return next();
    c.set('askedAt', performance.now());
    await client.withDeadline(Date.now() + answerWithin, next);
    if (c.res.status < 500) quietSince = undefined;
  });
  /**
   * A call that failed once its page had waited out the bound is the engine not answering, whatever the error
   * says: past the deadline the server answers in more than one way (a deadline, a cancelled call, a bare error).
   */
  const waitedOut = (c: Context<Env>) => {
    const askedAt = c.get('askedAt');
    return askedAt !== undefined && performance.now() - askedAt >= answerWithin * 0.9;
  };
  const judgedNow = () => nowIso(clock());
  app.options(`${CODEC_PATH}/decode`, (c) => {
    const headers = codecCors(codecOrigins, c.req.header('Origin'));
    return headers ? c.body(null, 204, headers) : c.text('origin not allowed', 403);
  });
  const decoding = createGate(CODEC_DECODING, CODEC_WAITING);
  app.post(`${CODEC_PATH}/decode`, bodyLimit({ maxSize: MAX_CODEC_BODY, onError: (c) => c.text('too large', 413) }), async (c) => {
    const headers = codecCors(codecOrigins, c.req.header('Origin'));
    if (!headers) return c.text('origin not allowed', 403);
    const body = (await c.req.json().catch(() => undefined)) as { payloads?: unknown } | undefined;
    if (!body || !Array.isArray(body.payloads)) return c.json({ error: 'expected { payloads: [...] }' }, 400, headers);
    const entered = decoding.enter();
    if (!entered) return c.json({ error: 'busy decoding, try again in a moment' }, 503, { ...headers, 'Retry-After': '1' });
    const leave = await entered;
    try {
      return c.json({ payloads: await decodePayloads(body.payloads) }, 200, headers);
    } catch (err) {
      return c.json({ error: `cannot decode: ${(err as Error).message}` }, err instanceof PayloadTooLargeError ? 413 : 400, headers);
    } finally {
      leave();
    }
  });

  // Every form carries the token of its session (or of the sign-in page).
  // Without options, the defaults the environment's readers give: data/uploads, 10 MB, the mail's default sender.
  const uploads = opts.uploads ?? uploadStoreFromEnv({});
  sweepStaged(uploads);
  const linkUploads = new LinkUploadAllowance(uploads.linkBytesPerDay, clock);
  const organizer = opts.organizer ?? senderFromEnv({});
  app.use('*', async (c, next) => {
    if (isCodec(c)) return next();
    if (takesFile(c)) {
      // The rest of the body is never read: the connection cannot carry another request, and says so.
      const tooLarge = (cx: Context<Env>) =>
        cx.html(
          message(
            cx,
            ['Tệp quá lớn', 'File too large'],
            [
              `Tệp đính kèm: vượt giới hạn ${sizeVi(uploads.maxBytes)}; không có gì được ghi nhận. Hãy quay lại và chọn tệp nhỏ hơn.`,
              `Attached document: over the ${sizeVi(uploads.maxBytes)} limit; nothing was recorded. Go back and choose a smaller file.`,
            ],
          ),
          413,
          { Connection: 'close' },
        );
      return bodyLimit({ maxSize: uploads.maxBytes + 64 * 1024, onError: tooLarge })(c, next);
    }
    return bodyLimit({ maxSize: 64 * 1024, onError: (cx) => cx.text('Biểu mẫu quá lớn / form too large', 413) })(c, next);
  });
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || isCodec(c)) return next();
    // A body that is not a form (a broken multipart, say) is the sender's fault: one line in the log, no stack.
    const body = await c.req.parseBody().catch((err: Error) => {
      console.warn(`${c.req.method} ${c.req.path}: unreadable form (${err.message.split('\n')[0] ?? ''})`);
      return undefined;
    });
    if (!body) {
      return c.html(message(c, ['Biểu mẫu không đọc được', 'Form not readable'], ['Trình duyệt gửi một biểu mẫu không đọc được; hãy tải lại trang rồi thử lại.', 'The browser sent a form that cannot be read; reload the page and try again.']), 400);
    }
    if (!csrfValid(secrets, c.get('formNonce'), body._csrf)) {
      return c.html(
        message(c, ['Biểu mẫu không hợp lệ', 'Form not valid'], ['Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang rồi thử lại.', 'The form has expired or is not valid; reload the page and try again.']),
        403,
      );
    }
    return next();
  });

  // The language is a reader's setting, signed in or not: any page may switch it and come back.
  app.get(LANG_PATH, (c) => {
    rememberLang(c, c.req.query('lang'));
    return c.redirect(safeNext(c.req.query('next')), 303);
  });

  app.get(SIGN_IN, (c) => (c.get('account') ? c.redirect('/', 303) : c.html(signInPage(frame(c), c.req.query('next')))));

  app.post(SIGN_IN, async (c) => {
    const body = await c.req.parseBody();
    const name = formString(body, 'name') ?? '';
    const password = typeof body.password === 'string' ? body.password : '';
    const device = await deviceToken(c, secrets, name);
    const reservation = limiter.reserve({ ip: clientIp(c), account: name, ...(device && { device }) });
    const refuse = (waitMs: number, words: [string, string]) => {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return c.html(signInPage(frame(c), c.req.query('next'), t(frame(c), ...words), name), 429);
    };
    if (!reservation.ok) {
      const minutes = Math.ceil(reservation.waitMs / 60_000);
      return refuse(reservation.waitMs, [`Đăng nhập sai quá nhiều lần; hãy thử lại sau ${minutes} phút.`, `Too many failed sign-ins; try again in ${minutes} minutes.`]);
    }
    // Hashing costs tens of milliseconds and 32 MiB: one at a time, a few in line, so that a flood of sign-ins
    // leaves the signed-in secretariat's pages their CPU.
    const entered = hashing.enter();
    if (!entered) {
      reservation.settle('unchecked');
      return refuse(1000, ['Máy chủ đang bận; hãy thử lại sau giây lát.', 'The server is busy; try again in a moment.']);
    }
    const leave = await entered;
    const account = loadAccounts(opts.accountsFile).find((a) => a.name === name);
    const right = await verifyPassword(password, account?.hash).finally(leave);
    if (!right || !account) {
      reservation.settle('failed');
      return c.html(signInPage(frame(c), c.req.query('next'), t(frame(c), 'Sai tên tài khoản hoặc mật khẩu.', 'Wrong account name or password.'), name), 401);
    }
    reservation.settle('succeeded');
    if (!device) await rememberDevice(c, secrets, account.name);
    await startSession(c, secrets, account);
    return c.redirect(safeNext(c.req.query('next')), 303);
  });

  app.post('/dang-xuat', (c) => {
    const now = Date.now();
    for (const [nonce, expiresAt] of signedOut) if (expiresAt <= now) signedOut.delete(nonce);
    const session = c.get('session') as Session;
    signedOut.set(session.nonce, session.expiresAt);
    endSession(c, secrets);
    return c.redirect(SIGN_IN, 303);
  });

  app.get('/', async (c) => {
    const account = c.get('account') as Account;
    if (account.blocs !== 'all' && account.blocs.length === 0) return c.html(overviewPage(frame(c), []));
    // Bloc ids are checked against a slug pattern when the accounts file is read, so they quote safely.
    const blocs = account.blocs === 'all' ? '' : ` AND BlocId IN (${account.blocs.map((b) => `'${b}'`).join(', ')})`;
    const years = await findBlocYears(client, `ExecutionStatus = 'Running'${blocs}`);
    years.sort((a, b) => a.blocId.localeCompare(b.blocId) || b.year - a.year);
    const province = account.role === 'board' && account.blocs === 'all';
    return c.html(overviewPage(frame(c), await withStages(client, years), province));
  });

  // A bloc account sees its own blocs only.
  app.use('/khoi/:bloc/:year/*', async (c, next) => {
    const account = c.get('account') as Account;
    if (!maySee(account, c.req.param('bloc'))) {
      return c.html(message(c, ['Không có quyền', 'Not allowed'], ['Tài khoản này không được xem Khối, Cụm này.', 'This account may not see this bloc or cluster.']), 403);
    }
    if (!/^\d{4}$/.test(c.req.param('year'))) return c.notFound();
    return next();
  });

  const refOf = (c: Context<Env>): BlocYearRef => ({ bloc: c.req.param('bloc') ?? '', year: Number(c.req.param('year')) });

  /** The instant to judge at: `luc` (as `--at`), or now. */
  const judgedAt = (c: Context<Env>): string => {
    const at = c.req.query('luc');
    if (!at) return judgedNow();
    try {
      return parseInstant(at);
    } catch (err) {
      throw new InputError(`luc: ${(err as Error).message}`);
    }
  };

  /** The matrix and its schedule at the instant asked for: the page and both downloads read the same. */
  const judgedStatus = (c: Context<Env>) => {
    const at = judgedAt(c);
    return onBlocYear(client, refOf(c), (h) => readStatus(h, at));
  };

  app.get('/khoi/:bloc/:year', async (c) => {
    const at = judgedAt(c);
    const { view, schedule, stage } = await onBlocYear(client, refOf(c), (h) => readYearPage(h, at));
    const item = c.req.query('muc');
    const filter = { onlyOverdue: c.req.query('qua-han') === '1', itemId: item || undefined, at: c.req.query('luc') };
    return c.html(matrixPage(frame(c), view, schedule, stage, filter, opts.liveMs ?? LIVE_MS));
  });

  app.get('/khoi/:bloc/:year/tai-ve.csv', async (c) => {
    const ref = refOf(c);
    const { view, schedule } = await judgedStatus(c);
    return c.body(exportCsv(exportRows(view, schedule)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bao-cao-${ref.bloc}-${ref.year}.csv"`,
    });
  });

  app.get('/khoi/:bloc/:year/danh-gia.xlsx', async (c) => {
    const ref = refOf(c);
    const { view, schedule } = await judgedStatus(c);
    const bytes = await yearWorkbook(view, schedule).xlsx.writeBuffer();
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="danh-gia-${ref.bloc}-${ref.year}.xlsx"`,
    });
  });

  const showCell = async (c: Context<Env>, forms: Omit<CellForms, 'canAct'>, status: 200 | 422 = 200) => {
    const ref = refOf(c);
    const unitId = c.req.param('unit') ?? '';
    const itemId = c.req.param('item') ?? '';
    const { view, schedule, log, declarations } = await onBlocYear(client, ref, async (h) => ({
      ...(await readStatus(h, judgedNow())),
      log: await h.query(logQuery),
      declarations: (await h.query(declarationsQuery))[itemId]?.[unitId] ?? [],
    }));
    if (!view.units.some((u) => u.id === unitId) || !view.items.some((i) => i.id === itemId)) {
      return c.html(message(c, NOT_FOUND, [`Không có đơn vị "${unitId}" hoặc mục "${itemId}" trong năm ${ref.year}.`, `No unit "${unitId}" or item "${itemId}" in ${ref.year}.`]), 404);
    }
    const account = c.get('account') as Account;
    const canAct = mayAct(account);
    // The link lets whoever holds it act as the unit: only the secretariat, who may act, is shown it, under its name.
    const copied = { link: 'console' as const, account: account.name };
    const unitLink = canAct && opts.unitLinks ? new URL(signedUnitPath(opts.unitLinks, { ...ref, unit: unitId }, linkExpiry(schedule), copied), opts.publicUrl ?? c.req.url).href : undefined;
    return c.html(cellPage(frame(c), { view, schedule, unitId, itemId, log, declarations }, { ...forms, canAct, unitLink }), status);
  };

  app.get('/khoi/:bloc/:year/o/:unit/:item', (c) => showCell(c, { notice: noticeOf(c) }));

  /** The page a form came from, to show again: a cell's or an item's. */
  type Shown = (c: Context<Env>, forms: Omit<CellForms, 'canAct'>, status?: 200 | 422) => Promise<Response>;

  /** Only the secretariat changes anything: the other roles are answered 403 before the form is read. */
  const readOnly = (c: Context<Env>): Response | Promise<Response> | undefined =>
    mayAct(c.get('account') as Account)
      ? undefined
      : c.html(message(c, ['Không có quyền', 'Not allowed'], ['Chỉ Thư ký được ghi nhận, gia hạn, đổi ngày, hủy.', 'Only the secretariat may record, extend, move dates and cancel.']), 403);

  /** A form's text fields, without its token. */
  const formValues = async (c: Context<Env>): Promise<Record<string, string>> => typedFields(await c.req.parseBody());

  /** One form's Update: done, back to its page with a notice; refused, the form again with the validator's words. */
  const act =
    (
      name: string,
      show: Shown,
      back: (c: Context<Env>) => string,
      update: (c: Context<Env>, body: Record<string, string>, file?: File) => Promise<unknown>,
    ) =>
    async (c: Context<Env>) => {
      const refused = readOnly(c);
      if (refused) return refused;
      const values = await formValues(c);
      try {
        await update(c, values, attachedFile(await c.req.parseBody()));
      } catch (err) {
        if (err instanceof InputError) return show(c, { error: err.message, values }, 422);
        throw err;
      }
      return c.redirect(`${back(c)}?da=${name}`, 303);
    };
  const backToCell = (c: Context<Env>) => cellPath(refOf(c).bloc, refOf(c).year, c.req.param('unit') ?? '', c.req.param('item') ?? '');
  const backToItem = (c: Context<Env>) => itemPath(refOf(c).bloc, refOf(c).year, c.req.param('item') ?? '');

  const parsed = (c: Context<Env>, field: string, value: string, parse: (v: string) => string): string => {
    try {
      return parse(value);
    } catch (err) {
      throw new InputError(fieldRefusal(langOf(c), field, FORM_VALUE_REFUSAL.get(parse) ?? (err as Error).message));
    }
  };

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/nop',
    act('nop', showCell, backToCell, async (c, body, file) => {
      const received = formString(body, 'receivedAt');
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        receivedAt: received && parsed(c, 'receivedAt', received, parseInstant),
        reference: formString(body, 'reference'),
      };
      return recordWithUpload(file && (await stageUpload(uploads, file)), (stored) =>
        onBlocYear(client, refOf(c), (h) => h.executeUpdate(recordSubmission, { args: [{ ...input, ...(stored && { file: stored }) }] }), refusalInForm(langOf(c))),
      );
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/xac-nhan',
    act('xac-nhan', showCell, backToCell, (c, body) => {
      const received = formString(body, 'receivedAt');
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        decision: 'confirm' as const,
        receivedAt: received && parsed(c, 'receivedAt', received, parseInstant),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reviewDeclaration, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/tu-choi',
    act('tu-choi', showCell, backToCell, (c, body) => {
      const input = { unitId: c.req.param('unit') ?? '', itemId: c.req.param('item') ?? '', decision: 'reject' as const, reason: formString(body, 'reason') };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reviewDeclaration, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  // A document is served only from a year that recorded it, so an account reads only its own blocs' files.
  app.get('/khoi/:bloc/:year/tep/:sha', async (c) => {
    const sha = c.req.param('sha');
    const { view, declarations } = await onBlocYear(client, refOf(c), async (h) => ({
      ...(await readStatus(h, judgedNow())),
      declarations: await h.query(declarationsQuery),
    }));
    const recorded = [
      ...view.cells.flatMap((cell) => (cell.file ? [cell.file] : [])),
      ...Object.values(declarations).flatMap((byUnit) => Object.values(byUnit).flat().flatMap((d) => (d.file ? [d.file] : []))),
    ].find((f) => f.sha256 === sha);
    const bytes = recorded && readUpload(uploads, recorded);
    if (!recorded || !bytes) {
      return c.html(message(c, NOT_FOUND, ['Năm này không có văn bản này, hoặc tệp không còn trên máy chủ.', 'This year has no such document, or the file is no longer on the server.']), 404);
    }
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': CONTENT_TYPE[recorded.type],
      'Content-Disposition': `attachment; filename="${recorded.sha256}.${recorded.type}"; filename*=UTF-8''${encodeURIComponent(recorded.name)}`,
    });
  });

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/gia-han',
    act('gia-han', showCell, backToCell, (c, body) => {
      const until = formString(body, 'until');
      if (!until) throw new InputError(fieldRefusal(langOf(c), 'until', 'cần ngày / a day is required'));
      const input = {
        unitId: c.req.param('unit') ?? '',
        itemId: c.req.param('item') ?? '',
        until: parsed(c, 'until', until, parseDateOrInstant),
        reason: formString(body, 'reason'),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(grantExtension, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/o/:unit/:item/dia-chi',
    act('dia-chi', showCell, backToCell, (c, body) => {
      const input = { unitId: c.req.param('unit') ?? '', emails: addressList(body.emails), cc: addressList(body.cc) };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(updateContacts, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  const showItem: Shown = async (c, forms, status = 200) => {
    const ref = refOf(c);
    const itemId = c.req.param('item') ?? '';
    const { view, schedule, stage } = await onBlocYear(client, ref, (h) => readYearPage(h, judgedNow()));
    if (!schedule.items.some((i) => i.id === itemId)) {
      return c.html(message(c, NOT_FOUND, [`Không có mục "${itemId}" trong năm ${ref.year}.`, `No item "${itemId}" in ${ref.year}.`]), 404);
    }
    const canAct = mayAct(c.get('account') as Account);
    return c.html(itemPage(frame(c), { view, schedule, stage, itemId }, { ...forms, canAct }), status);
  };

  app.get('/khoi/:bloc/:year/muc/:item', (c) => showItem(c, { notice: noticeOf(c) }));

  app.post(
    '/khoi/:bloc/:year/muc/:item/doi-ngay',
    act('doi-ngay', showItem, backToItem, (c, body) => {
      const date = formString(body, 'date');
      if (!date) throw new InputError(fieldRefusal(langOf(c), 'date', 'cần ngày / a day is required'));
      const time = formString(body, 'time');
      const input = {
        itemId: c.req.param('item') ?? '',
        date: parsed(c, 'date', date, parseIsoDate),
        time: time && parsed(c, 'time', time, parseHourMinute),
        ...(body.allowPast === '1' && { allowPast: true }),
      };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(reschedule, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/huy',
    act('huy', showItem, backToItem, (c, body) => {
      // What cannot be undone asks first, as `bloc cancel` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để hủy mục này / tick the box to confirm'));
      const input = { itemId: c.req.param('item') ?? '', reason: formString(body, 'reason') };
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(cancelItem, { args: [input] }), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/chuyen-giao',
    act('chuyen-giao', showItem, backToItem, async (c, body) => {
      // What cannot be undone asks first, as `bloc handover` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để chuyển giao / tick the box to confirm'));
      return onBlocYear(client, refOf(c), (h) => h.executeUpdate(handOver), refusalInForm(langOf(c)));
    }),
  );

  app.post(
    '/khoi/:bloc/:year/muc/:item/khoi-phuc',
    act('khoi-phuc', showItem, backToItem, (c) =>
      onBlocYear(client, refOf(c), (h) => h.executeUpdate(restoreItem, { args: [{ itemId: c.req.param('item') ?? '' }] }), refusalInForm(langOf(c))),
    ),
  );

  const showCalendar = async (c: Context<Env>, forms: Omit<CalendarForms, 'canAct'>, status: 200 | 422 = 200) => {
    const ref = refOf(c);
    const canAct = mayAct(c.get('account') as Account);
    return c.html(calendarPage(frame(c), { blocId: ref.bloc, year: ref.year, example: exampleDecisionsYaml(ref.year) }, { ...forms, canAct }), status);
  };

  /** The decisions typed in the form, sent to the year's calendar Update: to preview (apply false) or to apply. */
  const replaceDecisions = (c: Context<Env>, body: Record<string, string>, apply: boolean) => {
    const { decisions, refusal } = decisionsFromText(body.decisions ?? '');
    const input = { blocId: refOf(c).bloc, decisions, apply };
    return onBlocYear(client, refOf(c), (h) => h.executeUpdate(replaceCalendar, { args: [input] }), refusal);
  };

  app.get('/khoi/:bloc/:year/lich-nghi', (c) => showCalendar(c, { notice: noticeOf(c) }));

  // A preview writes nothing: it answers with the page itself, not a redirect.
  app.post('/khoi/:bloc/:year/lich-nghi/xem-truoc', async (c) => {
    const refused = readOnly(c);
    if (refused) return refused;
    const values = await formValues(c);
    try {
      return await showCalendar(c, { values, preview: await replaceDecisions(c, values, false) });
    } catch (err) {
      if (err instanceof InputError) return showCalendar(c, { error: err.message, values }, 422);
      throw err;
    }
  });

  app.post(
    '/khoi/:bloc/:year/lich-nghi/ap-dung',
    act('lich-nghi', showCalendar, (c) => calendarPath(refOf(c).bloc, refOf(c).year), (c, body) => {
      // Replacing the calendar moves cut-offs and reminders for good: it asks first, as `bloc calendar` without --yes does.
      if (body.confirm !== '1') throw new InputError(fieldRefusal(langOf(c), 'confirm', 'hãy đánh dấu ô xác nhận để thay lịch nghỉ / tick the box to confirm'));
      return replaceDecisions(c, body, true);
    }),
  );

  app.get('/khoi/:bloc/:year/nhat-ky', async (c) => {
    const { view, schedule, log } = await onBlocYear(client, refOf(c), async (h) => ({ ...(await readStatus(h, judgedNow())), log: await h.query(logQuery) }));
    return c.html(logPage(frame(c), { view, schedule, log }, { digests: c.req.query('tong-hop') === '1', unitId: c.req.query('don-vi') || undefined }));
  });

  app.get('/khoi/:bloc/:year/lich', async (c) => {
    const ref = refOf(c);
    const at = judgedNow();
    const { schedule, stage } = await onBlocYear(client, ref, async (h) => ({ schedule: await h.query(timelineQuery), stage: await h.query(stageQuery) }));
    return c.html(timelinePage(frame(c), { blocId: ref.bloc, year: ref.year, schedule, stage, at }));
  });

  app.get('/khoi/:bloc/:year/cho-xac-nhan', async (c) => {
    const { view, schedule, declarations } = await onBlocYear(client, refOf(c), async (h) => ({ ...(await readStatus(h, judgedNow())), declarations: await h.query(declarationsQuery) }));
    return c.html(pendingPage(frame(c), { view, schedule, declarations }));
  });

  /** A link copied from the console works while its account may still act for the bloc. */
  const stillIssuing = (via: LinkOrigin, bloc: string) => {
    if (via.link !== 'console') return true;
    const account = loadAccounts(opts.accountsFile).find((a) => a.name === via.account);
    return account !== undefined && mayAct(account) && maySee(account, bloc);
  };

  /** A unit's request, by its signed link: the unit it names, or the refusal page (nothing is read or recorded). */
  const unitGate = async (c: Context<Env>): Promise<{ ref: UnitRef; via: LinkOrigin; forms: Pick<UnitForms, 'paths' | 'maxUploadBytes'> } | Response | undefined> => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    if (!opts.unitLinks || !/^\d{4}$/.test(c.req.param('year') ?? '')) return undefined;
    const ref = { bloc: c.req.param('bloc') ?? '', year: Number(c.req.param('year')), unit: c.req.param('unit') ?? '' };
    const given = { het: c.req.query('het'), qua: c.req.query('qua'), ky: c.req.query('ky') };
    const check = checkUnitLink(opts.unitLinks, ref, given, clock());
    if (!check.ok || !stillIssuing(check.via, ref.bloc)) {
      // Nothing of the link is trusted: the refusal carries no form token and names no account.
      const bare: Frame = { csrf: '', lang: langOf(c), here: hereOf(c) };
      const reason = check.ok ? 'revoked' : check.reason;
      return c.html(message(c, ["Không mở được trang của đơn vị", "Cannot open the unit's page"], [LINK_REFUSED.vi[reason], LINK_REFUSED.en[reason]], bare), 403);
    }
    const query = `?${new URLSearchParams(Object.entries(given).filter((field): field is [string, string] => field[1] !== undefined))}`;
    const page = unitPagePath(ref);
    const paths = { page: `${page}${query}`, declare: `${page}/bao-gui${query}`, calendar: `${page}/lich.ics${query}`, score: `${page}/cham-diem${query}` };
    return { ref, via: check.via, forms: { paths, maxUploadBytes: uploads.maxBytes } };
  };

  const showUnit = async (c: Context<Env>, ref: UnitRef, forms: UnitForms, status: 200 | 422 | 429 = 200) => {
    const at = judgedNow();
    const { view, schedule, stage, declarations, scores } = await onBlocYear(client, ref, async (h) => ({
      ...(await readYearPage(h, at)),
      declarations: await h.query(declarationsQuery),
      scores: await h.query(scoresQuery, { at }),
    }));
    if (!view.units.some((u) => u.id === ref.unit)) return c.notFound();
    const own = Object.fromEntries(Object.entries(declarations).map(([itemId, byUnit]) => [itemId, byUnit[ref.unit] ?? []]));
    return c.html(unitPage(frame(c), { view, schedule, stage, unitId: ref.unit, declarations: own, scores }, forms), status);
  };

  app.get(`${UNIT_PAGES}:bloc/:year/:unit`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    return showUnit(c, gate.ref, { ...gate.forms, notice: noticeOf(c, SCORE_NOTICES) });
  });

  app.get(`${UNIT_PAGES}:bloc/:year/:unit/lich.ics`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref } = gate;
    const { view, schedule } = await onBlocYear(client, ref, (h) => readStatus(h, judgedNow()));
    if (!view.units.some((u) => u.id === ref.unit)) return c.notFound();
    return c.body(unitCalendar(view, schedule, ref.unit, organizer, new Date(clock())), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="lich-${ref.bloc}-${ref.year}-${ref.unit}.ics"`,
    });
  });

  app.post(`${UNIT_PAGES}:bloc/:year/:unit/bao-gui`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref, via, forms } = gate;
    const raw = await c.req.parseBody();
    const values = typedFields(raw);
    try {
      const file = attachedFile(raw);
      const allowed = file ? linkUploads.take(ref, file.size) : { ok: true as const };
      if (!allowed.ok) {
        const error = t(frame(c), `Tệp đính kèm: hôm nay đơn vị đã gửi ${sizeVi(allowed.usedBytes)} tệp qua đường dẫn, giới hạn một ngày là ${sizeVi(linkUploads.bytesPerDay)}; không có gì được ghi nhận. Xin gửi lại vào ngày mai, hoặc gửi văn bản cho Thư ký Khối.`, `Attached document: the unit has sent ${sizeVi(allowed.usedBytes)} through its links today, and the daily limit is ${sizeVi(linkUploads.bytesPerDay)}; nothing was recorded. Please send it tomorrow, or to the bloc secretariat.`);
        return showUnit(c, ref, { ...forms, error, values }, 429);
      }
      const input = { unitId: ref.unit, itemId: values.itemId ?? '', sentOn: values.sentOn ?? '', reference: values.reference ?? '', by: formString(values, 'by'), via };
      await recordWithUpload(file && (await stageUpload(uploads, file)), (stored) =>
        onBlocYear(client, ref, (h) => h.executeUpdate(declareSubmission, { args: [{ ...input, ...(stored && { file: stored }) }] }), refusalInForm(langOf(c))),
      );
    } catch (err) {
      if (err instanceof InputError) return showUnit(c, ref, { ...forms, error: err.message, values }, 422);
      throw err;
    }
    return c.redirect(`${forms.paths.page}&da=bao-gui`, 303);
  });

  // The unit is the signed link's; the figures are checked by the same Update as `bloc score submit`'s.
  app.post(`${UNIT_PAGES}:bloc/:year/:unit/cham-diem`, async (c) => {
    const gate = await unitGate(c);
    if (!gate) return c.notFound();
    if (gate instanceof Response) return gate;
    const { ref, via, forms } = gate;
    const values = typedFields(await c.req.parseBody());
    let outcome: string;
    try {
      const scores = await onBlocYear(client, ref, (h) => h.query(scoresQuery, { at: judgedNow() }));
      if (!scores) return c.notFound();
      const input = { ...scoreInputOf(scores.table, ref.unit, values), via };
      ({ outcome } = await onBlocYear(client, ref, (h) => h.executeUpdate(submitScore, { args: [input] }), scoreRefusal));
    } catch (err) {
      if (err instanceof InputError) return showUnit(c, ref, { ...forms, score: { error: err.message, values } }, 422);
      throw err;
    }
    return c.redirect(`${forms.paths.page}&da=${outcome === 'unchanged' ? 'cham-diem-khong-doi' : 'cham-diem'}#tu-cham-diem`, 303);
  });

  app.notFound((c) => c.html(message(c, NOT_FOUND, ['Không có trang này.', 'There is no such page.']), 404));

  app.onError((thrown, c) => {
    const err = explain(thrown);
    if (err instanceof InputError) return c.html(message(c, NOT_FOUND, [refusalFor('vi', err.message), refusalFor('en', err.message)]), 404);
    if (err instanceof YearBeingPlannedError) {
      const words = message(c, ['Năm đang được lập lịch', 'The year is being planned'], ['Năm vừa bắt đầu và đang tính các ngày của mình; trang sẽ tự tải lại sau vài giây.', 'The year has just started and is working out its dates; this page reloads itself in a few seconds.']);
      return c.html(words, 503, { Refresh: '3', 'Retry-After': '3' });
    }
    if (err instanceof EngineNotAnsweringError || (err instanceof ServerError && waitedOut(c))) {
      quietSince ??= clock();
      const since = nowIso(quietSince);
      const words = message(
        c,
        ['Bộ máy nhắc hạn không trả lời', 'The engine does not answer'],
        [
          `Bộ máy nhắc hạn không trả lời từ ${stampVi(since)}: không có worker nào đang chạy, hoặc đều quá tải. Việc vừa gửi (nếu có) chưa chắc đã được ghi nhận: xin xem lại khi bộ máy trả lời. Trang sẽ tự tải lại; xin báo người quản trị hệ thống.`,
          `The engine has not answered since ${stampEn(since)}: no worker is running, or all are overloaded. What was just sent, if anything, may not be recorded: check again once the engine answers. This page reloads itself; please tell the system administrator.`,
        ],
      );
      return c.html(words, 503, { Refresh: '15', 'Retry-After': '15' });
    }
    if (err instanceof ServerError) {
      return c.html(message(c, ['Máy chủ Temporal không trả lời', 'The Temporal server does not answer'], [refusalFor('vi', err.message), refusalFor('en', err.message)]), 503);
    }
    console.error(err);
    return c.html(message(c, ['Lỗi', 'Error'], ['Đã có lỗi ở máy chủ; hãy thử lại.', 'Something went wrong on the server; try again.']), 500);
  });

  return app;
}
