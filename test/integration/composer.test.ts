/**
 * The mail activity's composer thread (activities/mail/composer.ts), as built: what it builds is the message
 * nodemailer builds in-process from the same options, a message that cannot be rendered is refused for good,
 * and a thread that stops fails only the messages it held, which a retry composes on a new thread.
 */
import { simpleParser } from 'mailparser';
import { buildMail, composeMail } from '../../activities/mail/compose';
import { createComposer, MailRenderError } from '../../activities/mail/composer';
import { COMPOSER_THREAD } from '../support/dist';
import { message, NOW } from '../support/mail-fixtures';
import path from 'node:path';

const FROM = { name: 'Khối thi đua số 4', address: 'khoi4@dak-nong.example.vn' };
const unit = message({
  addressee: { kind: 'unit', unitId: 'so-tu-phap', name: 'Sở Tư pháp', to: ['vanthu@stp.example.vn'], cc: ['thuky@khoi4.example.vn'] },
});
const never = new AbortController().signal;


describe('the composer thread', () => {
  const composer = createComposer({ from: FROM, threadFile: COMPOSER_THREAD });
  afterAll(() => composer.close());

  it('builds the message nodemailer builds from composeMail, to the same envelope, cc included', async () => {
    const threaded = await composer.compose(unit, NOW, 'https://thi-dua.example.vn/u/abc', never);
    const inProcess = await buildMail(composeMail(unit, FROM, NOW, 'https://thi-dua.example.vn/u/abc'));
    expect(threaded.envelope).toEqual({ from: 'khoi4@dak-nong.example.vn', to: ['vanthu@stp.example.vn', 'thuky@khoi4.example.vn'] });
    expect(threaded.envelope).toEqual(inProcess.envelope);
    const [a, b] = await Promise.all([simpleParser(threaded.raw), simpleParser(inProcess.raw)]);
    expect(a.messageId).toMatch(/^<khoi-4\.2020\.so-tu-phap\.2020-06-12\.[0-9a-f]{12}@dak-nong\.example\.vn>$/);
    expect(a.messageId).toBe(b.messageId);
    expect(a.subject).toBe(b.subject);
    expect(a.subject).toBe('[Khối thi đua số 4] Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm (hạn 15/6/2020)');
    expect(a.text).toBe(b.text);
    expect(a.html).toBe(b.html);
    expect(a.text).toContain('https://thi-dua.example.vn/u/abc');
    expect(a.date?.toISOString()).toBe(NOW.toISOString());
    expect(a.headers.get('auto-submitted')).toBe('auto-generated');
    expect(a.attachments.map((x) => x.contentType)).toEqual(b.attachments.map((x) => x.contentType));
  });

  it('refuses a message it cannot render, naming why, and goes on with the next', async () => {
    const empty = message({ key: 'khoi-4/2020/so-tu-phap/empty', notices: [] });
    const refused = composer.compose(empty, NOW, undefined, never);
    await expect(refused).rejects.toBeInstanceOf(MailRenderError);
    await expect(refused).rejects.toThrow('message khoi-4/2020/so-tu-phap/empty has no notice and no digest: nothing to say');
    await expect(composer.compose(unit, NOW, undefined, never)).resolves.toMatchObject({ envelope: { to: ['vanthu@stp.example.vn', 'thuky@khoi4.example.vn'] } });
  });

  it('stops composing when the send is aborted', async () => {
    const aborted = AbortSignal.abort(new Error('the send deadline passed'));
    await expect(composer.compose(unit, NOW, undefined, aborted)).rejects.toThrow('the send deadline passed');
  });

  it('starts a new thread after its thread stopped', async () => {
    await composer.close();
    await expect(composer.compose(unit, NOW, undefined, never)).resolves.toMatchObject({ envelope: { from: 'khoi4@dak-nong.example.vn' } });
  });
});

describe('a composer whose thread dies', () => {
  it('fails the messages it held with a passing error, not a render error, so the batch retries them', async () => {
    const dying = createComposer({ from: FROM, threadFile: path.join(__dirname, '..', 'support', 'composer-thread-that-dies.js') });
    const held = [dying.compose(unit, NOW, undefined, never), dying.compose(unit, NOW, undefined, never)];
    for (const m of held) {
      const err = await m.then(() => undefined, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(MailRenderError);
      expect(err?.message).toBe('the mail composer thread stopped (exit code 3)');
    }
  });

  it('is refused at once when its script is missing, with what to do', () => {
    expect(() => createComposer({ from: FROM, threadFile: '/nonexistent/composer-thread.js' })).toThrow(
      "the mail composer thread's script /nonexistent/composer-thread.js is missing: run `npm run build`",
    );
  });
});
