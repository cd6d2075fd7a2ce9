import type { Client } from '@temporalio/client';
import type { Context, MiddlewareHandler } from 'hono';
import { UNIT_PAGES } from '../pages/paths';
import type { Env } from './options';

/**
 * A year's page asks the engine within a bound, and says since when the engine has not answered rather than
 * leaving the reader before a page that never comes.
 */
export class EngineWatch {
  private quiet: number | undefined;

  constructor(
    private readonly client: Client,
    private readonly answerWithin: number,
  ) {}

  readonly bound: MiddlewareHandler<Env> = async (c, next) => {
    if (!c.req.path.startsWith('/khoi/') && !c.req.path.startsWith(UNIT_PAGES)) return next();
    c.set('askedAt', performance.now());
    await this.client.withDeadline(Date.now() + this.answerWithin, next);
    if (c.res.status < 500) this.quiet = undefined;
  };

  /**
   * A call that failed once its page had waited out the bound is the engine not answering, whatever the error
   * says: past the deadline the server answers in more than one way (a deadline, a cancelled call, a bare error).
   */
  waitedOut(c: Context<Env>): boolean {
    const askedAt = c.get('askedAt');
    return askedAt !== undefined && performance.now() - askedAt >= this.answerWithin * 0.9;
  }

  /** Since when the engine has not answered: `now` when this is the first page to find it so. */
  quietSince(now: number): number {
    this.quiet ??= now;
    return this.quiet;
  }
}
