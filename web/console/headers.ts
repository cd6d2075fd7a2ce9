/** What every answer of the console carries, and the style sheet and script its pages load. */
import { Hono, type MiddlewareHandler } from 'hono';
import { LIVE_JS, STYLE_CSS } from '../assets';
import { LIVE_PATH, STYLE_PATH } from '../pages/paths';
import type { Env } from './options';

export const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  // A page may show a unit's signed link or a year's record: on a shared office computer, Back after signing
  // out must not bring it up again from a cache. Only the style sheet and script say otherwise.
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

export function assetRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get(STYLE_PATH, (c) => c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get(LIVE_PATH, (c) => c.body(LIVE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  return app;
}
