/**
 * Running the demonstration bloc (config/demo.ts): its year started like any other, and the secretariat's
 * part played at its moment, recording the submissions the file lists, so that one unit is left to be
 * chased and the leader gets a digest.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { SendMailOptions } from 'nodemailer';
import { startBlocYear } from '../client/start-year';
import { buildDemonstration, type Demonstration, type DemonstrationOptions } from '../config/demo';
import { logQuery, recordSubmission } from '../workflows/messages';

export interface DemonstrationRun extends DemonstrationOptions {
  /** The instant the demonstration is timed from: the machine's clock for `npm start`, the server's in a test. */
  now: Date;
  taskQueue: string;
  /** Stops the secretariat's part. */
  signal?: AbortSignal;
  /**
   * Waits until an instant of the demonstration: by default on this machine's monotonic clock, counted from
   * `now`; a test on the time-skipping server moves the server's clock instead.
   */
  waitUntil?: (at: Date, signal?: AbortSignal) => Promise<void>;
  /** The bloc's real mailbox (`npm start` with GreenMail): one unit then answers its reminder there, with a PDF. */
  mailbox?: { address: string; send(mail: SendMailOptions): Promise<unknown> };
}

export interface StartedDemonstration {
  demo: Demonstration;
  workflowId: string;
  alreadyStarted: boolean;
  /** Settles once the submissions are recorded (and the reply by mail sent), or at once when stopped; rejects if one was refused. */
  recorded: Promise<void>;
}

/**
 * Waits measured on the monotonic clock from `now`, never read off the wall clock, which a test may have
 * moved away from the server's.
 */
function monotonicWait(now: Date): NonNullable<DemonstrationRun['waitUntil']> {
  const origin = performance.now();
  return (at, signal) => sleep(Math.max(0, at.getTime() - now.getTime() - (performance.now() - origin)), undefined, { signal });
}

/** A one-page PDF, as a clerk attaches the scan of the signed report. */
const REPORT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The unit's reply to the reminder it got: it names the reminder, so the mailbox knows the unit and the item. */
async function answerByMail(handle: WorkflowHandle, demo: Demonstration, mailbox: NonNullable<DemonstrationRun['mailbox']>, signal?: AbortSignal): Promise<void> {
  const reply = demo.replyByMail as NonNullable<Demonstration['replyByMail']>;
  const unit = demo.config.units.find((u) => u.id === reply.unitId);
  const item = demo.config.items.find((i) => i.id === reply.itemId);
  // The reminder was due at step 0; its Message-ID is in the log once the mail activity has answered.
  for (let tries = 0; tries < 60 && !signal?.aborted; tries++) {
    const reminder = (await handle.query(logQuery)).find((e) => e.addressee === reply.unitId && e.messageId && e.notices.some((n) => n.itemId === reply.itemId));
    if (reminder?.messageId) {
      await mailbox.send({
        from: `${unit?.name ?? reply.unitId} <${unit?.emails[0] ?? ''}>`,
        to: mailbox.address,
        subject: `TL: Nhắc hạn: ${item?.title ?? reply.itemId}`,
        inReplyTo: reminder.messageId,
        references: [reminder.messageId],
        text: 'Kính gửi Thư ký Khối, đơn vị gửi kèm báo cáo. Trân trọng.',
        attachments: [{ filename: 'Bao cao nhanh.pdf', content: REPORT_PDF, contentType: 'application/pdf' }],
      });
      return;
    }
    await sleep(1000, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}

export async function startDemonstration(client: Client, run: DemonstrationRun): Promise<StartedDemonstration> {
  const waitUntil = run.waitUntil ?? monotonicWait(run.now);
  const demo = buildDemonstration(run.now, run);
  const started = await startBlocYear(client, demo.config, demo.year, { taskQueue: run.taskQueue, now: run.now });
  const handle = client.workflow.getHandle(started.workflowId);
  const { mailbox } = run;
  // With a mailbox, the unit that answers by mail is not recorded by the secretariat: the mail speaks for it.
  const byMail = mailbox && demo.replyByMail;
  const steps = [
    ...demo.submissions
      .filter((s) => s.unitId !== (byMail && byMail.unitId))
      .map((s) => ({ at: s.at, act: () => handle.executeUpdate(recordSubmission, { args: [{ unitId: s.unitId, itemId: s.itemId, reference: s.reference }] }) })),
    ...(byMail && mailbox ? [{ at: byMail.at, act: () => answerByMail(handle, demo, mailbox, run.signal) }] : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const play = async () => {
    for (const step of steps) {
      try {
        await waitUntil(step.at, run.signal);
      } catch {
        return; // stopped before its moment
      }
      if (run.signal?.aborted) return;
      await step.act();
    }
  };
  return { demo, ...started, recorded: started.alreadyStarted ? Promise.resolve() : play() };
}
