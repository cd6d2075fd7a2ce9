import { Hono } from 'hono';
import { LANG_PATH, rememberLang } from '../lang';
import { safeNext } from '../security';
import type { Env } from './options';

// The language is a reader's setting, signed in or not: any page may switch it and come back.
export function languageRoute(): Hono<Env> {
  const app = new Hono<Env>();
  app.get(LANG_PATH, (c) => {
    rememberLang(c, c.req.query('lang'));
    return c.redirect(safeNext(c.req.query('next')), 303);
  });
  return app;
}
