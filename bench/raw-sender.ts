/**
 * The wave sent by nodemailer alone, without Temporal, in a process of its own (forked by bench/wave.ts):
 * the engine's pooled transport and, unless `prebuilt`, the engine's own composition of each message.
 * It builds the wave's data, says `ready`, sends on `go`, says `done`, and waits to be stopped.
 */
import { buildMail, composeMail } from '../activities/mail/compose';
import { smtpSettingsFromEnv } from '../activities/mail/settings';
import { createMailTransport } from '../activities/mail/transport';
import { waveMessages, type WaveShape } from './wave-bloc';

export interface RawSenderArgs {
  /** `prebuilt`: one message built once, sent to every recipient; `building`: each unit's own message. */
  mode: 'prebuilt' | 'building';
  shape: WaveShape;
  smtpUrl: string;
  poolSize: number;
  /** Sends in flight at once: enough to keep every pooled connection busy. */
  lanes: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '') as RawSenderArgs;
  const settings = smtpSettingsFromEnv({ SMTP_URL: args.smtpUrl, SMTP_RATE: 'none', SMTP_POOL_SIZE: String(args.poolSize) });
  const transport = createMailTransport(settings);
  const messages = Array.from({ length: args.shape.blocs }, (_, b) => waveMessages(args.shape, b + 1)).flat();
  const first = messages[0];
  if (!first) throw new Error('the wave has no messages');
  const raw = args.mode === 'prebuilt' ? (await buildMail(composeMail(first, settings.from, new Date()))).raw : undefined;
  const send = (i: number) => {
    const m = messages[i];
    if (!m) return Promise.resolve();
    if (raw) return transport.sendMail({ raw, envelope: { from: settings.from.address, to: m.addressee.to } });
    return transport.sendMail(composeMail(m, settings.from, new Date()));
  };
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.({ ready: true, bytes: raw?.length });
  });
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < messages.length) {
      await send(next++).catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: args.lanes }, lane));
  transport.close();
  // A listener keeps the IPC channel open: it stays until the parent has read its peak RSS and stops it.
  process.on('message', () => process.exit(0));
  process.send?.({ done: true, failed });
}

main().catch((err: Error) => {
  process.stderr.write(`raw-sender: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
