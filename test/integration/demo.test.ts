/**
 * The demonstration bloc as `npm start` runs it (scripts/demo.ts), on the dev server and a real SMTP
 * server, with steps of one minute instead of three: who gets which message. The dev server keeps real
 * time, so the demonstration is timed from the server's present; it takes three to four minutes.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDemonstration, type StartedDemonstration } from '../../scripts/demo';
import { startEngine, type Engine } from '../support/engine';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';

let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let engine: Engine;
const stop = new AbortController();

beforeAll(async () => {
  [env, smtp] = await Promise.all([createDevServerEnv(), startTestSmtpServer()]);
  engine = await startEngine(env, smtp.url);
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  stop.abort();
  await engine?.shutdown();
  await Promise.all([env?.teardown(), smtp?.close()]);
});

/** Reminders, the secretariat's records, invitations, then a follow-up and a digest: eight messages. */
const MESSAGES = 8;

test('invitations, reminders, a follow-up to the unit that missed the deadline and a digest reach the inbox', async () => {
  const started: StartedDemonstration = await startDemonstration(env.client, {
    now: await serverNow(env.client),
    stepMinutes: 1,
    taskQueue: engine.taskQueue,
    signal: stop.signal,
  });
  expect(started).toMatchObject({ alreadyStarted: false, workflowId: `bloc-${started.demo.config.bloc.id}-${started.demo.year}` });
  await started.recorded;
  await smtp.waitFor(MESSAGES, 5 * 60_000);

  const { config } = started.demo;
  const emailOf = (unitId: string) => config.units.find((u) => u.id === unitId)?.emails.join(',');
  const [a, b, c] = ['so-giao-duc', 'so-y-te', 'so-xay-dung'].map(emailOf);
  const report = 'Báo cáo nhanh kết quả phong trào thi đua (trình diễn)';
  const meeting = 'Hội nghị trực tuyến trao đổi kinh nghiệm thi đua (trình diễn)';
  // The subject's date is the demonstration's, not the test's business here: who got what is.
  const received = smtp.messages.map((m) => `${[...m.envelope.to].sort().join(',')}: ${m.subject.replace(/ \((hạn|ngày) [^)]*\)$/, '')}`);
  expect(received.sort()).toEqual(
    [
      `${a}: [Khối thi đua trình diễn] Nhắc hạn: ${report}`,
      `${b}: [Khối thi đua trình diễn] Nhắc hạn: ${report}`,
      `${c}: [Khối thi đua trình diễn] Nhắc hạn: ${report}`,
      `${a}: [Khối thi đua trình diễn] Giấy mời: ${meeting}`,
      `${b}: [Khối thi đua trình diễn] Giấy mời: ${meeting}`,
      `${c}: [Khối thi đua trình diễn] Giấy mời: ${meeting}`,
      `${c}: [Khối thi đua trình diễn] Chưa nộp: ${report}`,
      `${[a, ...config.secretariat.emails].sort().join(',')}: [Khối thi đua trình diễn] Đơn vị chưa nộp: ${report}`,
    ].sort(),
  );
  expect(received).toHaveLength(MESSAGES);
}, 8 * 60_000);
