/**
 * Composition on a thread of its own. Building a message's MIME is most of what a send costs the worker
 * (docs/mail.md, "How fast a worker sends"), and on the activity thread it competed with the SMTP streams and
 * the Temporal SDK; on its own thread it runs beside them, and the activity sends the finished bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutgoingMessage } from '../types';
import type { RawMail, Sender } from './compose';
import type { ComposeReply, ComposeRequest } from './composer-thread';

/** The message cannot be rendered: a fault in its data or in the templates, which a retry meets again. */
export class MailRenderError extends Error {
  override name = 'MailRenderError';
}

export interface Composer {
  /** Rejects with MailRenderError if the message cannot be rendered, with `signal`'s reason if it aborts first. */
  compose(message: OutgoingMessage, now: Date, unitPage: string | undefined, signal: AbortSignal): Promise<RawMail>;
  /** Stops the thread; a later `compose` starts another. */
  close(): Promise<void>;
}

export interface ComposerOptions {
  from: Sender;
  /** The thread's script, compiled. Default: composer-thread.js beside this module, as `npm run build` writes it. */
  threadFile?: string;
}

interface Waiting {
  resolve(mail: RawMail): void;
  reject(err: Error): void;
}

export function createComposer({ from, threadFile = join(__dirname, 'composer-thread.js') }: ComposerOptions): Composer {
  if (!existsSync(threadFile)) throw new Error(`the mail composer thread's script ${threadFile} is missing: run \`npm run build\``);
  let thread: Worker | undefined;
  const waiting = new Map<number, Waiting>();
  let lastId = 0;

  const start = (): Worker => {
    const t = new Worker(threadFile, { workerData: { from } });
    t.on('message', (reply: ComposeReply) => {
      const w = waiting.get(reply.id);
      forget(reply.id);
      if ('error' in reply) w?.reject(new MailRenderError(reply.error));
      else w?.resolve({ raw: Buffer.from(reply.raw.buffer, reply.raw.byteOffset, reply.raw.byteLength), envelope: reply.envelope });
    });
    // Every message waiting was sent to this thread: none of them will be answered. A retryable error, since
    // the next attempt gets a new thread.
    const lost = (why: string) => {
      if (thread !== t) return;
      thread = undefined;
      for (const w of waiting.values()) w.reject(new Error(`the mail composer thread stopped (${why})`));
      waiting.clear();
    };
    t.on('error', (err) => lost(err.message));
    t.on('exit', (code) => lost(`exit code ${code}`));
    // Only after the listeners, which ref the thread: it holds the process open while it has work, not when idle.
    t.unref();
    return t;
  };
  const forget = (id: number) => {
    waiting.delete(id);
    if (waiting.size === 0) thread?.unref();
  };

  return {
    compose(message, now, unitPage, signal) {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      const t = (thread ??= start());
      const id = ++lastId;
      return new Promise<RawMail>((resolve, reject) => {
        const onAbort = () => {
          forget(id);
          reject(signal.reason as Error);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = <T>(f: (v: T) => void) => (v: T) => {
          signal.removeEventListener('abort', onAbort);
          f(v);
        };
        if (waiting.size === 0) t.ref();
        waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
        t.postMessage({ id, message, nowMs: now.getTime(), unitPage } satisfies ComposeRequest);
      });
    },
    async close() {
      await thread?.terminate();
    },
  };
}
