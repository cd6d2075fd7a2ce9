/**
 * The demonstration as `npm start` runs it with a real mailbox (GreenMail): Sở Y tế answers its reminder with a
 * PDF instead of being recorded by the secretariat, the mailbox's worker reads the reply, and the matrix shows Sở Y
 * tế declared without anyone typing, and follows it up no more; Sở Giáo dục is recorded by the secretariat as
 * before, Sở Xây dựng still owes and is followed up.
 */
import { startDemonstration } from '../../scripts/demo';
import { startMailbox } from '../../worker/mailbox';
import * as msg from '../../workflows/messages';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { useMailbox } from '../support/mailbox-worker';

const fixture = useMailbox();
const engine = useTimeSkippingEngine();

test('one unit answers its reminder with a PDF, and the matrix shows it declared without anyone typing', async () => {
  const { env, smtp, advanceTo, taskQueue } = engine();
  const mailbox = fixture.mailbox();
  const now = new Date(await env.currentTimeMs());
  const started = await startDemonstration(env.client, { now, taskQueue, waitUntil: (at) => advanceTo(at), mailbox: { address: mailbox.address, send: (m) => mailbox.smtp.sendMail(m) } });
  await started.recorded;
  const { demo } = started;
  expect(demo.replyByMail?.unitId).toBe('so-y-te');

  const worker = await fixture.startWorker(env, taskQueue);
  await startMailbox(env.client, { settings: mailbox.settings(), service: { blocs: [demo.config.bloc.id], pollMs: 3_600_000 }, taskQueue });
  await worker.aPass();

  const status = await env.client.workflow.getHandle(started.workflowId).query(msg.statusQuery);
  const states = Object.fromEntries(status.cells.filter((c) => c.itemId === 'bao-cao-nhanh').map((c) => [c.unitId, c.state]));
  expect(states).toEqual({ 'so-giao-duc': 'submitted-on-time', 'so-y-te': 'declared', 'so-xay-dung': 'not-due' });
  const declared = (await env.client.workflow.getHandle(started.workflowId).query(msg.declarationsQuery))['bao-cao-nhanh']?.['so-y-te'];
  expect(declared?.map((d) => [d.mail?.from, d.file?.name])).toEqual([['vanthu@so-y-te.trinh-dien.example.vn', 'Bao cao nhanh.pdf']]);

  // Its word stops its reminders: at step 2 only Sở Xây dựng, which sent nothing, is followed up.
  await advanceTo(new Date(demo.lastMessageAt.getTime() + 60_000));
  await smtp.waitFor(8, 30_000);
  const followedUp = smtp.messages.filter((m) => m.subject.includes('Chưa nộp')).map((m) => m.envelope.to.join(','));
  expect(followedUp).toEqual(['vanthu@so-xay-dung.trinh-dien.example.vn']);
}, 180_000);
