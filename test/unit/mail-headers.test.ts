import { messageIdFor, threadHeaders, threadIdFor } from '../../activities/mail/message-id';
import { escapeHtml, headerValue } from '../../activities/mail/text';
import { classifySmtpError } from '../../activities/mail/transport';
import { INVITATION, message } from '../support/mail-fixtures';

describe('header values', () => {
  it('cannot carry CR, LF or other line breaks', () => {
    expect(headerValue('Sở Tư pháp\r\nBcc: x@y.z')).toBe('Sở Tư pháp Bcc: x@y.z');
    expect(headerValue('a\u2028b\u0085c\td')).toBe('a b c d');
  });

  it('are NFC', () => {
    expect(headerValue('Đắk Nông'.normalize('NFD'))).toBe('Đắk Nông'.normalize('NFC'));
  });

  it('HTML escaping covers the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('Message-ID', () => {
  it('is the same for the same business key, and differs between keys', () => {
    const a = messageIdFor('khoi-4/2020/so-tu-phap/2020-06-12', 'example.vn');
    expect(messageIdFor('khoi-4/2020/so-tu-phap/2020-06-12', 'example.vn')).toBe(a);
    expect(messageIdFor('khoi-4/2020/so-tu-phap/2020-06-13', 'example.vn')).not.toBe(a);
    expect(a).toMatch(/^<khoi-4\.2020\.so-tu-phap\.2020-06-12\.[0-9a-f]{12}@example\.vn>$/);
  });

  it('keeps keys apart that map to the same readable form', () => {
    expect(messageIdFor('a/b c', 'x.vn')).not.toBe(messageIdFor('a/b-c', 'x.vn'));
  });

  it('threads by bloc, year and item: In-Reply-To the first item, References every item', () => {
    const t = threadHeaders(message({ notices: [message().notices[0]!, INVITATION] }), 'example.vn');
    expect(t.inReplyTo).toBe(threadIdFor('khoi-4', 2020, 'bao-cao-6-thang', 'example.vn'));
    expect(t.references).toEqual([t.inReplyTo, threadIdFor('khoi-4', 2020, 'hoi-nghi-so-ket', 'example.vn')]);
    expect(threadIdFor('khoi-4', 2021, 'bao-cao-6-thang', 'example.vn')).not.toBe(t.inReplyTo);
  });
});

describe('failure classes', () => {
  const smtpError = (props: Record<string, unknown>) => Object.assign(new Error('smtp'), props);

  it.each([
    ['4xx reply', { code: 'EENVELOPE', responseCode: 451, permanent: false }, 'SmtpTransient'],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503, permanent: false }, 'SmtpTransient'],
    ['timeout', { code: 'ETIMEDOUT' }, 'SmtpTransient'],
    ['dropped connection', { code: 'ECONNECTION' }, 'SmtpTransient'],
    ['5xx reply', { code: 'EMESSAGE', responseCode: 554, permanent: true }, 'SmtpPermanent'],
    ['every recipient refused', { code: 'EENVELOPE', responseCode: 550, permanent: true }, 'SmtpPermanent'],
    ['no recipient at all', { code: 'EENVELOPE' }, 'SmtpPermanent'],
    ['TLS handshake cut off', { code: 'ETLS', command: 'CONN' }, 'SmtpTransient'],
    ['STARTTLS refused while TLS is required, even with a 4xx', { code: 'ETLS', command: 'STARTTLS', response: '454 4.7.0 TLS not available', responseCode: 454, permanent: false }, 'SmtpPermanent'],
  ])('%s', (_name, props, type) => {
    const failure = classifySmtpError(smtpError(props));
    expect(failure.type).toBe(type);
    expect(failure.nonRetryable).toBe(type === 'SmtpPermanent');
  });

  it('a refused STARTTLS says so in both languages, with the server\'s answer', () => {
    const failure = classifySmtpError(
      Object.assign(new Error('Error upgrading connection with STARTTLS'), { code: 'ETLS', command: 'STARTTLS', response: '500 Error: command not recognized', responseCode: 500 }),
    );
    expect(failure.message).toBe(
      'máy chủ SMTP từ chối STARTTLS trong khi kết nối bắt buộc phải mã hóa, nên không gửi gì (kể cả mật khẩu) / ' +
        'the SMTP server refused STARTTLS and TLS is required, so nothing was sent (no password either); it answered: 500 Error: command not recognized',
    );
  });
});
