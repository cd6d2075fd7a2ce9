/**
 * The composer thread (composer.ts starts it): renders and builds each message it is sent, and hands the bytes
 * back without copying them. It knows the sender's name and address, nothing else of the SMTP settings.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OutgoingMessage } from '../types';
import { buildMail, composeMail, type Sender } from './compose';

export interface ComposeRequest {
  id: number;
  message: OutgoingMessage;
  nowMs: number;
  unitPage?: string | undefined;
}

export type ComposeReply = { id: number; raw: Uint8Array; envelope: { from: string; to: string[] } } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('composer-thread.js runs only as a worker thread (activities/mail/composer.ts)');
const from = (workerData as { from: Sender }).from;

port.on('message', ({ id, message, nowMs, unitPage }: ComposeRequest) => {
  const reply = (r: ComposeReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);
  const build = async () => buildMail(composeMail(message, from, new Date(nowMs), unitPage));
  build().then(
    ({ raw, envelope }) => {
      // A small Buffer may be a slice of Node's shared pool, which must not be handed over whole.
      const own = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw : new Uint8Array(raw);
      reply({ id, raw: own, envelope }, [own.buffer as ArrayBuffer]);
    },
    (err: Error) => reply({ id, error: err.message }),
  );
});
