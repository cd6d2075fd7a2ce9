/**
 * SMTP settings as the person who sets them sees them: each problem on its own line, by variable, in
 * Vietnamese then English; ranges stated; no credential ever in a message. And the TLS rule: a login to a
 * host that is not loopback travels only over TLS.
 */
import { describeSmtpServer, SmtpSettingsError, smtpSettingsFromEnv, type SmtpSettings } from '../../activities/mail/settings';
import { isCanonicalLoopback, startTlsOptions } from '../../activities/mail/tls';

const USER = 'can-bo.stp';
const PASSWORD = 'Mật-khẩu-bí-mật-42';
const LOGIN = { SMTP_USER: USER, SMTP_PASSWORD: PASSWORD };

/** The error a person would read, or a failure of the test if none is thrown. */
function refusal(env: NodeJS.ProcessEnv): SmtpSettingsError {
  try {
    smtpSettingsFromEnv(env);
  } catch (err) {
    if (err instanceof SmtpSettingsError) return err;
    throw err;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('SMTP settings that are fine', () => {
  it('default to the local inbox on loopback', () => {
    expect(smtpSettingsFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      starttls: 'opportunistic',
      from: { name: 'Khối thi đua', address: 'khoi-thi-dua@localhost' },
      rate: { perSecond: 5, text: '5/s' },
      poolSize: 2,
      timeoutMs: 15000,
    });
  });

  it('read smtps, credentials and limits', () => {
    const s = smtpSettingsFromEnv({ SMTP_URL: 'smtps://mail.example.vn', ...LOGIN, SMTP_POOL_SIZE: '4', SMTP_TIMEOUT_MS: '20000' });
    expect(s).toMatchObject({ host: 'mail.example.vn', port: 465, secure: true, auth: { user: USER, pass: PASSWORD }, poolSize: 4, timeoutMs: 20000 });
  });

  it('take an empty or blank variable as not set', () => {
    expect(smtpSettingsFromEnv({ SMTP_URL: '', SMTP_POOL_SIZE: '  ', SMTP_USER: '', SMTP_PASSWORD: ' ' })).toEqual(smtpSettingsFromEnv({}));
  });

  it('give an IPv6 address to the socket without its brackets', () => {
    expect(smtpSettingsFromEnv({ SMTP_URL: 'smtp://[::1]:2525' })).toMatchObject({ host: '::1', port: 2525 });
  });

  it.each([
    ['30/min', { perSecond: 0.5, text: '30/min' }],
    ['1/h', { perSecond: 1 / 3600, text: '1/h' }],
    ['1000 / s', { perSecond: 1000, text: '1000/s' }],
    ['none', undefined],
  ])('read SMTP_RATE=%s as a total across workers, per second', (value, rate) => {
    expect(smtpSettingsFromEnv({ SMTP_RATE: value }).rate).toEqual(rate);
  });

  it.each([
    ['SMTP_POOL_SIZE', '1', 'poolSize'],
    ['SMTP_POOL_SIZE', '50', 'poolSize'],
    ['SMTP_TIMEOUT_MS', '1000', 'timeoutMs'],
    ['SMTP_TIMEOUT_MS', '30000', 'timeoutMs'],
  ] as const)('accept %s=%s, the edge of its range', (variable, value, field) => {
    expect(smtpSettingsFromEnv({ [variable]: value })[field]).toBe(Number(value));
  });
});

describe('a bad SMTP setting', () => {
  it.each([
    [{ SMTP_URL: 'http://mail.example.vn' }, 'SMTP_URL: "http://mail.example.vn" phải bắt đầu bằng smtp:// hoặc smtps:// / must start with smtp:// or smtps://'],
    [{ SMTP_URL: 'mail.example.vn' }, 'SMTP_URL: "mail.example.vn" không phải là URL; cần dạng smtp://máy-chủ:cổng hoặc smtps://máy-chủ:cổng / is not a URL; expected smtp://host:port or smtps://host:port'],
    [{ SMTP_URL: 'smtp:mail.example.vn' }, 'SMTP_URL: "smtp:mail.example.vn" thiếu tên máy chủ / has no host name'],
    [{ SMTP_URL: 'smtp://mail.example.vn:0' }, 'SMTP_URL: "smtp://mail.example.vn:0" có cổng 0; cổng phải từ 1 đến 65535 / has port 0; a port is from 1 to 65535'],
    [{ SMTP_STARTTLS: 'maybe' }, 'SMTP_STARTTLS: phải là required, opportunistic hoặc off / must be required, opportunistic or off'],
    [{ SMTP_SECURE: 'yes' }, 'SMTP_SECURE: phải là true hoặc false / must be true or false'],
    [{ SMTP_SECURE: 'true' }, 'SMTP_SECURE: là true nhưng SMTP_URL dùng smtp:// / says true but SMTP_URL uses smtp://'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM: phải là đúng một địa chỉ, ví dụ "Khối thi đua <khoi@example.gov.vn>" / must be one address, e.g. "Khối thi đua <khoi@example.gov.vn>"'],
    [{ MAIL_FROM: 'a@b.vn\nBcc: c@d.vn' }, 'MAIL_FROM: phải nằm trên một dòng / must be one line'],
    [{ SMTP_USER: USER }, 'SMTP_PASSWORD: cần đặt khi có SMTP_USER / required when SMTP_USER is set'],
    [{ SMTP_PASSWORD: PASSWORD }, 'SMTP_USER: cần đặt khi có SMTP_PASSWORD / required when SMTP_PASSWORD is set'],
  ])('%j is refused by name, with the reason', (env, line) => {
    expect(refusal(env).message).toBe(line);
  });

  it.each(['0/s', '1001/s', '30', 'fast', '2.5/s', '30/day'])('SMTP_RATE=%s is refused with the forms and the range', (value) => {
    expect(refusal({ SMTP_RATE: value }).message).toBe(
      `SMTP_RATE: "${value}": cần dạng số/s, số/min hoặc số/h, từ 1/h đến 1000/s, hoặc none (không giới hạn) / expected N/s, N/min or N/h, from 1/h to 1000/s, or none (no limit)`,
    );
  });

  it('refuses the old SMTP_RATE_PER_SECOND, naming what replaces it', () => {
    expect(refusal({ SMTP_RATE_PER_SECOND: '5' }).message).toBe(
      'SMTP_RATE_PER_SECOND: không còn dùng; hãy đặt SMTP_RATE, ví dụ 5/s hoặc 30/min / no longer read; set SMTP_RATE, e.g. 5/s or 30/min',
    );
  });

  it.each([
    ['SMTP_POOL_SIZE', ['0', '51'], 'phải là số nguyên từ 1 đến 50 / must be a whole number from 1 to 50'],
    ['SMTP_TIMEOUT_MS', ['999', '30001', '120000', '15s'], 'phải là số nguyên từ 1000 đến 30000 (mili giây) / must be a whole number from 1000 to 30000 (milliseconds)'],
  ])('%s out of range or not a whole number states the allowed range', (variable, values, reason) => {
    for (const value of values) expect(refusal({ [variable]: value }).message).toBe(`${variable}: ${reason}`);
  });

  it('lists every problem at once, one line each, and is bad input (exit code 2)', () => {
    const err = refusal({ SMTP_URL: 'http://x', SMTP_POOL_SIZE: '51', SMTP_RATE: '0/s', SMTP_USER: USER, MAIL_FROM: 'x' });
    expect(err.problems.map((line) => line.split(':')[0])).toEqual(['SMTP_URL', 'SMTP_PASSWORD', 'MAIL_FROM', 'SMTP_RATE', 'SMTP_POOL_SIZE']);
    expect(err.message.split('\n')).toEqual(err.problems);
    expect(err.problems.every((line) => / \/ /.test(line))).toBe(true);
    expect(err.exitCode).toBe(2);
  });
});

describe('credentials in messages', () => {
  it('a URL with a user and password is refused with its user-info masked', () => {
    expect(refusal({ SMTP_URL: `smtp://${USER}:${encodeURIComponent(PASSWORD)}@mail.example.vn:587` }).message).toBe(
      'SMTP_URL: "smtp://***@mail.example.vn:587" không được chứa tên đăng nhập hay mật khẩu; hãy đặt SMTP_USER và SMTP_PASSWORD / must not carry a user name or password; set SMTP_USER and SMTP_PASSWORD',
    );
  });

  it('the mask reaches the last @, even in a value that is not a URL at all', () => {
    expect(refusal({ SMTP_URL: `smtp://${USER}:bí/mật@42@mail example.vn` }).message).toMatch(/^SMTP_URL: "smtp:\/\/\*\*\*@mail example\.vn" không phải là URL/);
    expect(refusal({ SMTP_URL: `${USER}:${PASSWORD}@mail.example.vn` }).message).toMatch(/^SMTP_URL: "\*\*\*@mail\.example\.vn" /);
  });

  it.each([
    { SMTP_URL: `smtp://${USER}:${PASSWORD}@mail.example.vn:587` },
    { SMTP_URL: `smtp://${USER}:${PASSWORD}@mail example.vn` },
    { SMTP_URL: `ftp://${USER}:${PASSWORD}@mail.example.vn` },
    { SMTP_URL: 'smtp://mail.example.vn', ...LOGIN, SMTP_STARTTLS: 'off' },
    { SMTP_URL: 'smtp://mail.example.vn', ...LOGIN, SMTP_SECURE: 'true', SMTP_POOL_SIZE: '51', SMTP_STARTTLS: 'maybe' },
    { SMTP_USER: USER, SMTP_PASSWORD: '', MAIL_FROM: 'x' },
    { SMTP_USER: '', SMTP_PASSWORD: PASSWORD, SMTP_TIMEOUT_MS: '0' },
  ])('never carry the user name or the password: %j', (env) => {
    const { message } = refusal(env);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain(encodeURIComponent(PASSWORD));
    expect(message).not.toContain(USER);
  });

  it('the printable description of the server has neither', () => {
    const s = smtpSettingsFromEnv({ SMTP_URL: 'smtp://mail.example.vn', ...LOGIN });
    expect(describeSmtpServer(s)).toBe('smtp://mail.example.vn:587 (STARTTLS required, with login)');
    expect(describeSmtpServer(smtpSettingsFromEnv({ SMTP_URL: 'smtps://[::1]' }))).toBe('smtps://[::1]:465 (TLS)');
  });
});

describe('TLS with a login', () => {
  const remote = { SMTP_URL: 'smtp://mail.example.vn:587', ...LOGIN };

  it('to another host, opportunistic STARTTLS becomes required', () => {
    expect(smtpSettingsFromEnv(remote).starttls).toBe('required');
    expect(smtpSettingsFromEnv({ ...remote, SMTP_STARTTLS: 'opportunistic' }).starttls).toBe('required');
    expect(smtpSettingsFromEnv({ ...remote, SMTP_STARTTLS: 'required' }).starttls).toBe('required');
  });

  it('to another host, STARTTLS off is refused by name, naming the host', () => {
    expect(refusal({ ...remote, SMTP_STARTTLS: 'off' }).message).toBe(
      'SMTP_STARTTLS: off sẽ gửi mật khẩu không mã hóa tới mail.example.vn, không phải máy này; hãy dùng required, hoặc smtps:// / off would send the password unencrypted to mail.example.vn, which is not this machine; use required, or smtps://',
    );
  });

  it('implicit TLS (smtps://) needs no STARTTLS, whatever SMTP_STARTTLS says', () => {
    expect(smtpSettingsFromEnv({ ...remote, SMTP_URL: 'smtps://mail.example.vn', SMTP_STARTTLS: 'off' })).toMatchObject({ secure: true });
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('to %s (canonical loopback) is left as set', (host) => {
    const local = { SMTP_URL: `smtp://${host}:2525`, ...LOGIN };
    expect(smtpSettingsFromEnv(local).starttls).toBe('opportunistic');
    expect(smtpSettingsFromEnv({ ...local, SMTP_STARTTLS: 'off' }).starttls).toBe('off');
  });

  it('to 127.0.0.2 counts as remote: only the canonical loopback names are exempt', () => {
    const other = { SMTP_URL: 'smtp://127.0.0.2:2525', ...LOGIN };
    expect(smtpSettingsFromEnv(other).starttls).toBe('required');
    expect(refusal({ ...other, SMTP_STARTTLS: 'off' }).message).toMatch(/^SMTP_STARTTLS: off sẽ gửi mật khẩu không mã hóa tới 127\.0\.0\.2,/);
  });

  it('without a login, opportunistic stays opportunistic', () => {
    expect(smtpSettingsFromEnv({ SMTP_URL: 'smtp://mail.example.vn' }).starttls).toBe('opportunistic');
    expect(smtpSettingsFromEnv({ SMTP_URL: 'smtp://mail.example.vn', SMTP_STARTTLS: 'off' }).starttls).toBe('off');
  });
});

describe('the transport applies the rule to settings built in code too', () => {
  const base: SmtpSettings = {
    host: 'mail.example.vn',
    port: 587,
    secure: false,
    starttls: 'off',
    auth: { user: USER, pass: PASSWORD },
    from: { name: 'Khối', address: 'khoi@example.vn' },
    poolSize: 2,
    timeoutMs: 15000,
  };

  it('a login to another host requires STARTTLS even when the settings say off or opportunistic', () => {
    const required = { requireTLS: true, ignoreTLS: false, opportunisticTLS: false };
    expect(startTlsOptions(base)).toEqual(required);
    expect(startTlsOptions({ ...base, starttls: 'opportunistic' })).toEqual(required);
    expect(startTlsOptions({ ...base, host: '127.0.0.2' })).toEqual(required);
  });

  it('on loopback, or without a login, the setting stands', () => {
    expect(startTlsOptions({ ...base, host: '::1' })).toEqual({ requireTLS: false, ignoreTLS: true, opportunisticTLS: false });
    expect(startTlsOptions({ ...base, auth: undefined, starttls: 'opportunistic' })).toEqual({ requireTLS: false, ignoreTLS: false, opportunisticTLS: true });
  });

  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.2', false],
    ['127.1.2.3', false],
    ['::ffff:127.0.0.1', false],
    ['localhost.example.vn', false],
    ['mail.example.vn', false],
  ])('%s is canonical loopback: %s', (host, expected) => {
    expect(isCanonicalLoopback(host)).toBe(expected);
  });
});
