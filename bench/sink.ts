/**
 * The wave's SMTP sink on loopback: accepts everything, reads only each message's header block (for its
 * Message-ID), and counts messages per envelope recipient with the instant each arrived.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Tally {
  /** Expected recipients that got more than one message, with how many extra. */
  duplicates: number;
  missing: number;
  /** Messages to anyone not expected. */
  others: number;
  distinctMessageIds: number;
  firstAt?: number;
  lastAt?: number;
  arrived: number;
}

export interface Sink {
  url: string;
  /** Forget what arrived (between runs). */
  reset(): void;
  tally(expected: readonly string[]): Tally;
  /** Resolves when every expected recipient has a message, or at the deadline (epoch ms), whichever first. */
  waitForAll(expected: readonly string[], deadlineMs: number): Promise<boolean>;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(\S+)/im;

export async function startSink(): Promise<Sink> {
  let counts = new Map<string, number>();
  let arrivals: number[] = [];
  let messageIds = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 200,
    size: 0,
    onData(stream, session, callback) {
      let head = '';
      let headerDone = false;
      stream.on('data', (chunk: Buffer) => {
        if (headerDone) return;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0) {
          head = head.slice(0, end);
          headerDone = true;
        }
      });
      stream.on('end', () => {
        const id = MESSAGE_ID.exec(head)?.[1];
        if (id) messageIds.add(id);
        for (const r of session.envelope.rcptTo) counts.set(r.address, (counts.get(r.address) ?? 0) + 1);
        arrivals.push(Date.now());
        callback(null, 'OK: counted');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const allThere = (expected: readonly string[]) => expected.every((a) => counts.has(a));
  return {
    url: `smtp://127.0.0.1:${port}`,
    reset() {
      counts = new Map();
      arrivals = [];
      messageIds = new Set();
    },
    tally(expected) {
      const wanted = new Set(expected);
      let duplicates = 0;
      let missing = 0;
      for (const a of expected) {
        const n = counts.get(a) ?? 0;
        if (n === 0) missing++;
        else duplicates += n - 1;
      }
      let others = 0;
      for (const [a, n] of counts) if (!wanted.has(a)) others += n;
      return { duplicates, missing, others, distinctMessageIds: messageIds.size, firstAt: arrivals[0], lastAt: arrivals[arrivals.length - 1], arrived: arrivals.length };
    },
    async waitForAll(expected, deadlineMs) {
      while (!allThere(expected) && Date.now() < deadlineMs) await new Promise((resolve) => setTimeout(resolve, 100));
      return allThere(expected);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of server.connections) c._socket.destroy();
      });
    },
  };
}
