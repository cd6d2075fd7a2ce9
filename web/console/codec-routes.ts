/** The UI's codec: not a form, no session (see web/codec.ts); it answers only the UI's origins. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../../worker/data-converter';
import { CODEC_DECODING, CODEC_PATH, CODEC_WAITING, codecCors, decodePayloads, MAX_CODEC_BODY } from '../codec';
import { createGate } from '../gate';
import type { Env } from './options';

export const isCodec = (c: Context) => c.req.path.startsWith(`${CODEC_PATH}/`);

export function codecRoutes(codecOrigins: string[]): Hono<Env> {
  const app = new Hono<Env>();
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
  return app;
}
