/**
 * The worker as operators run it (`node dist/worker/main.js`) with IMAP_URL set, on the dev server and GreenMail:
 * it starts the bloc's mailbox and reads it, so that a unit's message becomes its declaration with nobody typing;
 * a second worker started with another IMAP_BLOCS finds the same mailbox running and tells it the new list.
 *
 * @devserver
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { startBlocYear } from '../../client/start-year';
import { mailboxStatusQuery, mailboxWorkflowId } from '../../workflows/mailbox-messages';
import * as msg from '../../workflows/messages';
import { realClockEnv, ROOT, WORKER } from '../support/dist';
import { pdf } from '../support/documents';
import { smallBloc } from '../support/fixtures';
import { startTestMailbox, type TestMailbox } from '../support/greenmail';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createDevServerEnv, PROVISION_TIMEOUT_MS, serverNow } from '../support/temporal';

const QUEUE = `mailbox-worker-${randomUUID()}`;
let env: TestWorkflowEnvironment;
let smtp: TestSmtpServer;
let mailbox: TestMailbox;
let uploads: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  [env, smtp, mailbox] = await Promise.all([createDevServerEnv(), startTestSmtpServer(), startTestMailbox()]);
  uploads = mkdtempSync(join(tmpdir(), 'mailbox-uploads-'));
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await env?.teardown();
  await Promise.all([smtp?.close(), mailbox?.stop()]);
  rmSync(uploads, { recursive: true, force: true });
});

function startWorkerProcess(blocs: string): ChildProcess {
  const settings = mailbox.settings();
  const child = spawn(process.execPath, [WORKER], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...realClockEnv(),
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: QUEUE,
      SMTP_URL: smtp.url,
      SMTP_RATE: 'none',
      MAIL_FROM: 'Khối thi đua <khoi@khoi.example.vn>',
      IMAP_URL: `imap://127.0.0.1:${settings.port}`,
      IMAP_USER: settings.auth.user,
      IMAP_PASSWORD: settings.auth.pass,
      IMAP_BLOCS: blocs,
      IMAP_POLL_SECONDS: '10',
      BLOC_UPLOAD_DIR: uploads,
    },
  });
  workers.push(child);
  return child;
}

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('the worker starts the mailbox once and reads a unit’s report into its year', async () => {
  const now = DateTime.fromJSDate(await serverNow(env.client), { zone: 'Asia/Ho_Chi_Minh' });
  const { workflowId } = await startBlocYear(env.client, smallBloc(), now.year, { taskQueue: QUEUE, now: now.toJSDate() });
  await mailbox.smtp.sendMail({
    from: 'vanthu@so-b.example.vn',
    to: mailbox.address,
    subject: 'Sở B gửi Báo cáo sơ kết 6 tháng',
    attachments: [{ filename: 'Bao cao.pdf', content: pdf('1 0 obj << /Type /Catalog >> endobj'), contentType: 'application/pdf' }],
  });

  const first = startWorkerProcess('thu-nghiem');
  const year = env.client.workflow.getHandle(workflowId);
  const cell = await waitUntil(async () => {
    const status = await year.query(msg.statusQuery);
    return status.cells.find((c) => c.unitId === 'so-b' && c.itemId === 'bao-cao-6-thang' && c.state === 'declared');
  });
  expect(cell).toMatchObject({ reference: 'Sở B gửi Báo cáo sơ kết 6 tháng', file: { name: 'Bao cao.pdf', type: 'pdf' } });

  const handle = env.client.workflow.getHandle(mailboxWorkflowId(mailbox.settings()));
  const runId = (await handle.describe()).runId;
  first.kill('SIGTERM');
  await once(first, 'exit');
  startWorkerProcess('thu-nghiem,khoi-khac');
  const status = await waitUntil(async () => {
    const s = await handle.query(mailboxStatusQuery);
    return s.blocs.length === 2 ? s : undefined;
  });
  expect(status).toMatchObject({ blocs: ['thu-nghiem', 'khoi-khac'], lastUid: 1 });
  expect((await handle.describe()).runId).toBe(runId);
  await handle.terminate('test over');
}, 180_000);
