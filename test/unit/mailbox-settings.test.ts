/**
 * The mailbox's IMAP settings as the person who sets them sees them: off unless IMAP_URL is set, each problem on
 * its own line by variable, Vietnamese then English, never the password; and the TLS rule SMTP has: a login to
 * another machine goes only over TLS.
 */
import { DONE_FLAG, describeImapServer, ImapSettingsError, imapSettingsFromEnv } from '../../activities/mailbox/settings';

const PASSWORD = 'Mật:khẩu/bí#mật@42';
const LOGIN = { IMAP_USER: 'van-thu.khoi4', IMAP_PASSWORD: PASSWORD };

function refusal(env: NodeJS.ProcessEnv): string[] {
  try {
    imapSettingsFromEnv(env);
  } catch (err) {
    if (err instanceof ImapSettingsError) return [...err.problems];
    throw err;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('IMAP settings that are fine', () => {
  it('leave the mailbox unread when IMAP_URL is not set', () => {
    expect(imapSettingsFromEnv({})).toBeUndefined();
    expect(imapSettingsFromEnv({ IMAP_URL: '  ' })).toBeUndefined();
  });

  it('read imaps with the login, INBOX and the keyword flag by default', () => {
    expect(imapSettingsFromEnv({ IMAP_URL: 'imaps://mail.khoi4.gov.vn', ...LOGIN })).toEqual({
      host: 'mail.khoi4.gov.vn',
      port: 993,
      secure: true,
      starttls: 'opportunistic',
      auth: { user: 'van-thu.khoi4', pass: PASSWORD },
      folder: 'INBOX',
      done: { flag: DONE_FLAG },
      maxMessageBytes: 25 * 1024 * 1024,
      timeoutMs: 15_000,
    });
  });

  it('require STARTTLS for imap:// to another machine, and leave it to the server on loopback', () => {
    expect(imapSettingsFromEnv({ IMAP_URL: 'imap://mail.khoi4.gov.vn', ...LOGIN })).toMatchObject({ port: 143, secure: false, starttls: 'required' });
    expect(imapSettingsFromEnv({ IMAP_URL: 'imap://127.0.0.1:3143', ...LOGIN })).toMatchObject({ port: 3143, starttls: 'opportunistic' });
    expect(imapSettingsFromEnv({ IMAP_URL: 'imap://[::1]:3143', ...LOGIN })).toMatchObject({ host: '::1', starttls: 'opportunistic' });
    // 127.0.0.2 is loopback too, but stands for a remote server in the SMTP tests; the rule is the same here.
    expect(imapSettingsFromEnv({ IMAP_URL: 'imap://127.0.0.2:3143', ...LOGIN })).toMatchObject({ starttls: 'required' });
  });

  it('read the folder, the done folder and the limits', () => {
    const s = imapSettingsFromEnv({
      IMAP_URL: 'imaps://mail.khoi4.gov.vn:1993',
      ...LOGIN,
      IMAP_FOLDER: 'Hồ sơ gửi khối',
      IMAP_DONE_FOLDER: 'Đã ghi nhận',
      IMAP_MAX_MESSAGE_MB: '40',
      IMAP_TIMEOUT_MS: '20000',
    });
    expect(s).toMatchObject({ port: 1993, folder: 'Hồ sơ gửi khối', done: { move: 'Đã ghi nhận' }, maxMessageBytes: 40 * 1024 * 1024, timeoutMs: 20_000 });
    expect(s && describeImapServer(s)).toBe('imaps://mail.khoi4.gov.vn:1993/Hồ sơ gửi khối (TLS)');
  });
});

describe('a bad IMAP setting', () => {
  it.each([
    [{ IMAP_URL: 'https://mail.khoi4.gov.vn', ...LOGIN }, 'IMAP_URL: "https://mail.khoi4.gov.vn" phải bắt đầu bằng imap:// hoặc imaps:// / must start with imap:// or imaps://'],
    [{ IMAP_URL: 'mail.khoi4.gov.vn', ...LOGIN }, 'IMAP_URL: "mail.khoi4.gov.vn" không phải là URL; cần dạng imap://máy-chủ:cổng hoặc imaps://máy-chủ:cổng / is not a URL; expected imap://host:port or imaps://host:port'],
    [{ IMAP_URL: 'imaps://mail.khoi4.gov.vn/INBOX', ...LOGIN }, 'IMAP_URL: "imaps://mail.khoi4.gov.vn/INBOX" chỉ gồm máy chủ và cổng; thư mục đặt ở IMAP_FOLDER / holds only the host and port; the folder goes in IMAP_FOLDER'],
    [{ IMAP_URL: 'imaps://mail.khoi4.gov.vn' }, 'IMAP_USER: cần đặt khi có IMAP_URL / required with IMAP_URL'],
    [{ IMAP_URL: 'imaps://mail.khoi4.gov.vn', IMAP_USER: 'a' }, 'IMAP_PASSWORD: cần đặt khi có IMAP_URL / required with IMAP_URL'],
    [{ IMAP_USER: 'a', IMAP_PASSWORD: 'b' }, 'IMAP_USER: không dùng được khi chưa đặt IMAP_URL / has no use without IMAP_URL'],
    [{ IMAP_URL: 'imaps://m.vn', ...LOGIN, IMAP_DONE_FOLDER: 'inbox' }, 'IMAP_DONE_FOLDER: trùng thư mục đang đọc (INBOX); thư đã xử lý sẽ bị đọc lại / is the folder read (INBOX); processed mail would be read again'],
    [{ IMAP_URL: 'imaps://m.vn', ...LOGIN, IMAP_FOLDER: 'Hộp\nthư' }, 'IMAP_FOLDER: phải nằm trên một dòng, không có ký tự điều khiển / must be one line, without control characters'],
    [{ IMAP_URL: 'imaps://m.vn', ...LOGIN, IMAP_MAX_MESSAGE_MB: '500' }, 'IMAP_MAX_MESSAGE_MB: phải là số nguyên từ 1 đến 100 (MB) / must be a whole number from 1 to 100 (MB)'],
    [{ IMAP_URL: 'imaps://m.vn', ...LOGIN, IMAP_TIMEOUT_MS: 'soon' }, 'IMAP_TIMEOUT_MS: phải là số nguyên từ 1000 đến 30000 (mili giây) / must be a whole number from 1000 to 30000 (milliseconds)'],
  ])('%j is refused, naming the variable and why', (env, line) => {
    expect(refusal(env)).toContain(line);
  });

  it('lists every problem at once', () => {
    expect(refusal({ IMAP_URL: 'imaps://m.vn', IMAP_MAX_MESSAGE_MB: '0', IMAP_TIMEOUT_MS: '1' }).map((l) => l.split(':')[0])).toEqual(
      expect.arrayContaining(['IMAP_USER', 'IMAP_PASSWORD', 'IMAP_MAX_MESSAGE_MB', 'IMAP_TIMEOUT_MS']),
    );
  });

  it('never shows the password or the user part of a URL', () => {
    const lines = [
      ...refusal({ IMAP_URL: `imaps://van-thu:${encodeURIComponent(PASSWORD)}@mail.khoi4.gov.vn`, ...LOGIN }),
      ...refusal({ IMAP_URL: `imap://van-thu:${PASSWORD}@mail.khoi4.gov.vn/x`, ...LOGIN }),
      ...refusal({ IMAP_URL: 'imaps://m.vn', IMAP_PASSWORD: PASSWORD }),
    ];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(encodeURIComponent(PASSWORD));
      expect(line).not.toContain('van-thu');
    }
    expect(lines[0]).toBe('IMAP_URL: "imaps://***@mail.khoi4.gov.vn" không được chứa tên đăng nhập hay mật khẩu; hãy đặt IMAP_USER và IMAP_PASSWORD / must not carry a user name or password; set IMAP_USER and IMAP_PASSWORD');
  });
});
