/**
 * `/suc-khoe`, for the load balancer or the monitor in front of the console: 200 while the console runs and the
 * Temporal frontend answers within two seconds, 503 otherwise. No session, and nothing about a
 * bloc: it says only whether a page could be served.
 */
import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import type { Env } from './options';

export const HEALTH_PATH = '/suc-khoe';
const ANSWER_WITHIN_MS = 2_000;

export function healthRoute(client: Client): Hono<Env> {
  const app = new Hono<Env>();
  app.get(HEALTH_PATH, async (c) => {
    // The frontend's system info: answered by the server itself, whatever the namespace or the workers.
    const temporal = await client.connection.withDeadline(Date.now() + ANSWER_WITHIN_MS, () => client.workflowService.getSystemInfo({})).then(
      () => true,
      () => false,
    );
    return c.json({ console: 'ok', temporal: temporal ? 'ok' : 'không trả lời / not answering' }, temporal ? 200 : 503);
  });
  return app;
}
