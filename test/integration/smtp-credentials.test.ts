/**
 * Credentials and TLS against real SMTP servers that offer no STARTTLS and take AUTH in clear. The one on
 * 127.0.0.2 stands for a remote relay that strips STARTTLS (the engine exempts only 127.0.0.1, ::1 and
 * localhost): the password must never reach it. The one on 127.0.0.1 is this machine, where a login
 * without TLS is allowed. What each server received is checked at the server.
 * Then the programs themselves: a bad setting stops the worker and `npm start` with every problem named
 * and no credential printed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../../activities';
import { smtpSettingsFromEnv, type SmtpSettings } from '../../activities/mail/settings';
import { createMailTransport } from '../../activities/mail/transport';
import type { OutgoingMessage, SendOutcome, SendResult } from '../../activities/types';
import { builtComposer, ROOT, START, WORKER } from '../support/dist';
import { message, NOW } from '../support/mail-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

const USER = 'van-thu.khoi4';
const PASSWORD = 'Mật-khẩu-Khối-4-bí-mật';
const quiet = { logger: new DefaultLogger('ERROR') };

function envFor(server: TestSmtpServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { SMTP_URL: server.url, SMTP_USER: USER, SMTP_PASSWORD: PASSWORD, MAIL_FROM: 'Khối thi đua số 4 <khoi4@dak-nong.example.vn>', SMTP_TIMEOUT_MS: '5000', ...extra };
}

/** Sends through the engine's own transport and activity, then closes the pool so nothing is left in flight. */
async function sendWith(settings: SmtpSettings, m: OutgoingMessage = message()): Promise<SendResult> {
  const transport = createMailTransport(settings);
  try {
    const acts = createActivities({ settings, transport, now: () => NOW, composer: builtComposer(settings.from) });
    return await new MockActivityEnvironment({}, quiet).run(acts.sendMessage, m);
  } finally {
    transport.close();
  }
}

/** What the relay must not have had: a login, or anything of a message. */
function expectNothingLeaked(relay: TestSmtpServer): void {
  // EHLO and STARTTLS on record show the recording works; the absent commands are then truly absent.
  expect(relay.commands).toContain('EHLO');
  expect(relay.commands).toContain('STARTTLS');
  expect(relay.commands.filter((c) => ['AUTH', 'MAIL', 'RCPT', 'DATA'].includes(c))).toEqual([]);
  expect(relay.logins).toEqual([]);
  expect(relay.messages).toEqual([]);
}

describe('a login to a relay that offers no STARTTLS (127.0.0.2, standing for a remote host)', () => {
  let relay: TestSmtpServer;

  beforeAll(async () => {
    relay = await startTestSmtpServer({ host: '127.0.0.2', login: true });
  });
  afterEach(() => relay.reset());
  afterAll(() => relay.close());

  it('control: a client that does not insist on TLS (as before this rule) hands it the password in clear', async () => {
    const careless = nodemailer.createTransport({ host: '127.0.0.2', port: relay.port, opportunisticTLS: true, auth: { user: USER, pass: PASSWORD } });
    try {
      await careless.sendMail({ from: 'khoi4@dak-nong.example.vn', to: 'vanthu@stp.example.vn', text: 'thử' });
    } finally {
      careless.close();
    }
    expect(relay.logins).toEqual([{ method: 'PLAIN', username: USER, password: PASSWORD }]);
  });

  it('with the default SMTP_STARTTLS (opportunistic): a permanent failure, and neither AUTH nor the message reaches the relay', async () => {
    const settings = smtpSettingsFromEnv(envFor(relay));
    expect(settings.starttls).toBe('required');
    const err: unknown = await sendWith(settings).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'SmtpPermanent', nonRetryable: true });
    expect((err as ApplicationFailure).message).toMatch(
      /^máy chủ SMTP từ chối STARTTLS trong khi kết nối bắt buộc phải mã hóa, nên không gửi gì \(kể cả mật khẩu\) \/ the SMTP server refused STARTTLS and TLS is required, so nothing was sent \(no password either\); it answered: 5\d\d /,
    );
    expect((err as ApplicationFailure).message).not.toContain(PASSWORD);
    expectNothingLeaked(relay);
  });

  it('settings built in code that say STARTTLS off (the environment refuses that) still never send it in clear', async () => {
    const settings: SmtpSettings = { ...smtpSettingsFromEnv(envFor(relay)), starttls: 'off' };
    await expect(sendWith(settings)).rejects.toMatchObject({ type: 'SmtpPermanent', nonRetryable: true });
    expectNothingLeaked(relay);
  });

  it('in a batch: every message recorded as failed for good at the first attempt, none retried, none sent', async () => {
    const settings = smtpSettingsFromEnv(envFor(relay));
    const transport = createMailTransport(settings);
    const batch = [message(), message({ key: 'khoi-4/2020/so-tu-phap/2020-06-13' })];
    let outcomes: SendOutcome[];
    try {
      const acts = createActivities({ settings, transport, now: () => NOW, composer: builtComposer(settings.from) });
      outcomes = await new MockActivityEnvironment({ attempt: 1 }, quiet).run(acts.sendBatch, batch);
    } finally {
      transport.close();
    }
    expect(outcomes.map((o) => [o.key, o.status, o.status === 'failed' && o.permanent])).toEqual(batch.map((m) => [m.key, 'failed', true]));
    expectNothingLeaked(relay);
  });
});

describe('a login to a server on this machine (127.0.0.1) that offers no STARTTLS', () => {
  let local: TestSmtpServer;

  beforeAll(async () => {
    local = await startTestSmtpServer({ login: true });
  });
  afterAll(() => local.close());

  it('is exempt: the login and the message go through, as set', async () => {
    const settings = smtpSettingsFromEnv(envFor(local));
    expect(settings.starttls).toBe('opportunistic');
    const result = await sendWith(settings);
    expect(result.accepted).toEqual(message().addressee.to);
    expect(local.logins).toEqual([{ method: 'PLAIN', username: USER, password: PASSWORD }]);
    const [received] = await local.waitFor(1);
    expect(received?.messageId).toBe(result.messageId);
    expect(local.commands.indexOf('AUTH')).toBeLessThan(local.commands.indexOf('MAIL'));
  });
});

describe('a bad SMTP setting stops the programs, named, with no credential printed', () => {
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'bloc-smtp-home-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  /** A clean environment: nothing of the machine's own SMTP_* or Temporal profile. Temporal at a port no one listens on, so a check that came too late could not start anything. */
  function run(program: string, smtp: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env = { PATH: process.env.PATH, HOME: home, TEMPORAL_ADDRESS: '127.0.0.1:1', BLOC_SAMPLE: '0', ...smtp };
    return new Promise((resolve) => {
      execFile(process.execPath, [program], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });
  }

  const BAD = {
    SMTP_URL: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@mail.example.vn:587`,
    SMTP_USER: USER,
    SMTP_PASSWORD: PASSWORD,
    SMTP_POOL_SIZE: '51',
    SMTP_RATE: '0/s',
  };
  const PROBLEMS = [
    'SMTP_URL: "smtp://***@mail.example.vn:587" không được chứa tên đăng nhập hay mật khẩu; hãy đặt SMTP_USER và SMTP_PASSWORD / must not carry a user name or password; set SMTP_USER and SMTP_PASSWORD',
    'SMTP_RATE: "0/s": cần dạng số/s, số/min hoặc số/h, từ 1/h đến 1000/s, hoặc none (không giới hạn) / expected N/s, N/min or N/h, from 1/h to 1000/s, or none (no limit)',
    'SMTP_POOL_SIZE: phải là số nguyên từ 1 đến 50 / must be a whole number from 1 to 50',
  ];
  const CLEAR_TO_REMOTE = { SMTP_URL: 'smtp://mail.example.vn:587', SMTP_USER: USER, SMTP_PASSWORD: PASSWORD, SMTP_STARTTLS: 'off' };
  const CLEAR_PROBLEM =
    'SMTP_STARTTLS: off sẽ gửi mật khẩu không mã hóa tới mail.example.vn, không phải máy này; hãy dùng required, hoặc smtps:// / off would send the password unencrypted to mail.example.vn, which is not this machine; use required, or smtps://';

  it.each([
    ['the worker (npm run worker)', WORKER, 'worker'],
    ['npm start', START, 'start'],
  ])('%s: one line per problem, exit code 2', async (_name, program, prefix) => {
    for (const [smtp, problems] of [
      [BAD, PROBLEMS],
      [CLEAR_TO_REMOTE, [CLEAR_PROBLEM]],
    ] as const) {
      const { code, stdout, stderr } = await run(program, smtp);
      expect(code).toBe(2);
      expect(stderr.split('\n').filter((line) => line.startsWith(`${prefix}: `))).toEqual(problems.map((p) => `${prefix}: ${p}`));
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), USER]) expect(stdout + stderr).not.toContain(secret);
    }
  });
});
