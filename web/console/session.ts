/**
 * Who is asking: the session and the account it names, the way to the sign-in page for whoever has none, and
 * the sign-in and sign-out forms, with web/security.ts's signed cookies and web/sign-in-limits.ts's limits.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { loadAccounts, verifyPassword } from '../../client/accounts';
import { clientAddress } from '../client-address';
import { createGate } from '../gate';
import { LANG_PATH, t } from '../lang';
import { signInPage } from '../pages/sign-in';
import { LIVE_PATH, SIGN_IN, STYLE_PATH, UNIT_PAGES } from '../pages/paths';
import { accountStamp, deviceToken, endSession, preSessionNonce, readSession, rememberDevice, safeNext, startSession, type Session } from '../security';
import { SignInLimiter } from '../sign-in-limits';
import { isCodec } from './codec-routes';
import { formString } from './form-fields';
import type { ConsoleOptions, Env } from './options';
import type { Reader } from './reader';

const PUBLIC_PATHS = new Set([SIGN_IN, STYLE_PATH, LIVE_PATH, LANG_PATH]);

/** Password checks at once, and waiting their turn; beyond, a sign-in is answered 429. */
const HASHING_AT_ONCE = 1;
const HASHING_WAITING = 8;

function clientIp(c: Context, trusted: ReadonlySet<string>): string {
  return clientAddress(getConnInfo(c).remote.address, c.req.header('x-real-ip'), trusted);
}

/**
 * `reading` goes before every page (who is there; without a session, the sign-in page), `signing` after the
 * form checks (the sign-in and sign-out forms).
 */
export function createSessions(opts: ConsoleOptions, reader: Reader): { reading: Hono<Env>; signing: Hono<Env> } {
  const { secrets } = opts;
  const trustedProxies = opts.trustedProxies ?? new Set<string>();
  const limiter = opts.limiter ?? new SignInLimiter();
  const hashing = createGate(HASHING_AT_ONCE, HASHING_WAITING);
  // Sessions signed out before their expiry: the cookie is stateless, so sign-out remembers its nonce until then.
  const signedOut = new Map<string, number>();
  const { frame } = reader;

  const reading = new Hono<Env>();
  // The session, and the account it names as the accounts file now has it: an account removed, or given a new
  // password, role or blocs (`bloc user add` on its name), signs out.
  reading.use('*', async (c, next) => {
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
  reading.use('*', async (c, next) => {
    if (c.get('account') || PUBLIC_PATHS.has(c.req.path) || c.req.path.startsWith(UNIT_PAGES) || isCodec(c)) return next();
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`${SIGN_IN}${back}`, 303);
  });

  const signing = new Hono<Env>();
  signing.get(SIGN_IN, (c) => (c.get('account') ? c.redirect('/', 303) : c.html(signInPage(frame(c), c.req.query('next')))));

  signing.post(SIGN_IN, async (c) => {
    const body = await c.req.parseBody();
    const name = formString(body, 'name') ?? '';
    const password = typeof body.password === 'string' ? body.password : '';
    const device = await deviceToken(c, secrets, name);
    const reservation = limiter.reserve({ ip: clientIp(c, trustedProxies), account: name, ...(device && { device }) });
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

  signing.post('/dang-xuat', (c) => {
    const now = Date.now();
    for (const [nonce, expiresAt] of signedOut) if (expiresAt <= now) signedOut.delete(nonce);
    const session = c.get('session') as Session;
    signedOut.set(session.nonce, session.expiresAt);
    endSession(c, secrets);
    return c.redirect(SIGN_IN, 303);
  });

  return { reading, signing };
}
