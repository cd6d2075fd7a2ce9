/**
 * The demonstration bloc as `npm start` runs it (scripts/demo.ts), in its own three-minute steps, on the
 * time-skipping server and a real SMTP server: who gets which message, when. The secretariat's part is
 * played at its moment by skipping the server's clock to it, where `npm start` sleeps.
 */
import { DateTime } from 'luxon';
import { startDemonstration } from '../../scripts/demo';
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR } from '../support/fixtures';
import { runsOn } from '../support/replay-histories';
import { useTimeSkippingEngine, ZONE } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();

test('reminders, the secretariat’s records, invitations, then a follow-up to the unit that missed the deadline and a digest', async () => {
  const { env, smtp, advanceTo, taskQueue } = engine();
  const now = new Date(await env.currentTimeMs());
  const started = await startDemonstration(env.client, { now, taskQueue, waitUntil: (at) => advanceTo(at) });
  const { demo } = started;
  expect(started).toMatchObject({ alreadyStarted: false, workflowId: `bloc-${demo.config.bloc.id}-${demo.year}` });
  // The engines start at the same instant (support/time-skipping-engine.ts): step 0 is the first whole minute half a minute on.
  const local = (minutes: number) => DateTime.fromJSDate(demo.startsAt, { zone: ZONE }).plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
  expect([local(0), demo.stepMinutes]).toEqual([`${FIXTURE_YEAR - 1}-12-01T00:01`, 3]);

  await started.recorded;
  await advanceTo(new Date(demo.lastMessageAt.getTime() + 60_000));
  await smtp.waitFor(8, 30_000);

  const { config } = demo;
  const emailOf = (unitId: string) => config.units.find((u) => u.id === unitId)?.emails.join(',');
  const [a, b, c] = ['so-giao-duc', 'so-y-te', 'so-xay-dung'].map(emailOf);
  const report = 'Báo cáo nhanh kết quả phong trào thi đua (trình diễn)';
  const meeting = 'Hội nghị trực tuyến trao đổi kinh nghiệm thi đua (trình diễn)';
  const tag = '[Khối thi đua trình diễn]';
  const received = smtp.messages.map((m) => `${[...m.envelope.to].sort().join(',')}: ${m.subject.replace(/ \((hạn|ngày) [^)]*\)$/, '')}`);
  expect(received.sort()).toEqual(
    [
      `${a}: ${tag} Nhắc hạn: ${report}`,
      `${b}: ${tag} Nhắc hạn: ${report}`,
      `${c}: ${tag} Nhắc hạn: ${report}`,
      `${a}: ${tag} Giấy mời: ${meeting}`,
      `${b}: ${tag} Giấy mời: ${meeting}`,
      `${c}: ${tag} Giấy mời: ${meeting}`,
      `${c}: ${tag} Chưa nộp: ${report}`,
      `${[a, ...config.secretariat.emails].sort().join(',')}: ${tag} Đơn vị chưa nộp: ${report}`,
    ].sort(),
  );

  // Each at its step: reminders at step 0, invitations at step 1 (the report's cut-off), follow-up and digest at step 2.
  const log = await env.client.workflow.getHandle(started.workflowId).query(msg.logQuery);
  const when = log.flatMap((e) => e.notices.map((n) => `${e.addressee} ${n.kind} ${n.plannedAt.slice(0, 16)}`)).sort();
  expect(when).toEqual(
    [
      ...['so-giao-duc', 'so-y-te', 'so-xay-dung'].flatMap((u) => [`${u} reminder ${local(0)}`, `${u} invitation ${local(3)}`]),
      `so-xay-dung followUp ${local(6)}`,
      `digest digest ${local(6)}`,
    ].sort(),
  );
  expect(log.every((e) => e.status === 'delivered')).toBe(true);
  // The engine replays this run when it stops (support/replay-histories.ts): the time-skipping server lists it.
  expect((await runsOn(env.client, env.namespace ?? 'default', taskQueue)).map((r) => r.workflowId)).toEqual([started.workflowId]);
});
