/** Why a message was not sent, as the reminder log and the digest say it: Vietnamese, with the server's code. */
import { smtpFailureReason } from '../../activities/mail/failure-reasons';
import { classifySmtpError } from '../../activities/mail/transport';

describe('a reply from the server', () => {
  it.each([
    [
      'an unknown mailbox, by its enhanced code',
      { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <vt@gtvt.example.vn>: Recipient address rejected: User unknown' },
      '550 5.1.1: địa chỉ không tồn tại / no such mailbox',
    ],
    [
      'a full mailbox, for now',
      { code: 'EENVELOPE', responseCode: 452, response: '452 4.2.2 Mailbox full' },
      '452 4.2.2: hộp thư đã đầy (tạm thời) / mailbox full (for now)',
    ],
    [
      'relaying denied',
      { code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 <a@b.vn>: Relay access denied' },
      '554 5.7.1: máy chủ không cho phép gửi tới địa chỉ này (chính sách, hoặc không cho chuyển tiếp) / delivery not authorised (policy, or relaying denied)',
    ],
    [
      'a refused login',
      { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Error: authentication failed', command: 'AUTH PLAIN' },
      '535 5.7.8: máy chủ không chấp nhận tên đăng nhập hoặc mật khẩu (SMTP_USER, SMTP_PASSWORD) / login refused (SMTP_USER, SMTP_PASSWORD)',
    ],
    [
      'a multi-line reply, as Gmail writes them',
      { code: 'EENVELOPE', responseCode: 550, response: '550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 https://support.google.com/mail/?p=NoSuchUser' },
      '550 5.1.1: địa chỉ không tồn tại / no such mailbox',
    ],
    [
      'a reply with no enhanced code',
      { code: 'EMESSAGE', responseCode: 421, response: '421 Service not available, closing transmission channel' },
      '421: máy chủ thư tạm ngừng phục vụ / service not available',
    ],
    [
      'an enhanced code this table does not know: the reply code speaks',
      { code: 'EENVELOPE', responseCode: 550, response: '550 5.7.606 Access denied, banned sending IP' },
      '550 5.7.606: hộp thư không nhận thư (không tồn tại hoặc bị chặn) / mailbox unavailable (missing or blocked)',
    ],
    [
      'a reply code this table does not know: its class speaks',
      { code: 'EMESSAGE', responseCode: 557, response: '557 Something new' },
      '557: máy chủ thư từ chối thư / the mail server refused the message',
    ],
  ])('%s', (_case, facts, reason) => {
    expect(smtpFailureReason(facts)).toBe(reason);
  });
});

describe('no reply from the server', () => {
  it.each([
    ['a server that is not there, under nodemailer’s ESOCKET', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' },
      'ECONNREFUSED: máy chủ thư không nhận kết nối (chưa chạy, hoặc sai cổng trong SMTP_URL) / the mail server refused the connection (not running, or the wrong port in SMTP_URL)'],
    ['a server that does not answer', { code: 'ETIMEDOUT', message: 'Greeting never received' },
      'ETIMEDOUT: máy chủ thư không trả lời kịp (SMTP_TIMEOUT_MS) / the mail server did not answer in time (SMTP_TIMEOUT_MS)'],
    ['a host name that does not resolve', { code: 'EDNS', originalCode: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND mail.example.vn' },
      'ENOTFOUND: không tìm thấy máy chủ thư theo tên trong SMTP_URL / no such host as in SMTP_URL'],
    ['a message with no recipient', { code: 'EENVELOPE', message: 'No recipients defined' },
      'EENVELOPE: thư không có địa chỉ người nhận hợp lệ / no valid recipient'],
    ['a system code nodemailer does not replace falls back on its own', { code: 'ECONNECTION', originalCode: 'EWHATEVER', message: 'Connection closed' },
      'ECONNECTION: kết nối tới máy chủ thư bị đóng bất ngờ / the connection closed unexpectedly'],
    ['something else entirely keeps its words', { message: 'boom' }, 'lỗi không rõ khi gửi thư / unknown sending error: boom'],
  ])('%s', (_case, facts, reason) => {
    expect(smtpFailureReason(facts)).toBe(reason);
  });
});

it('is the message of the failure the batch records, which keeps nodemailer’s own words as its cause', () => {
  const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <vt@gtvt.example.vn>: User unknown"), {
    code: 'EENVELOPE',
    responseCode: 550,
    response: '550 5.1.1 <vt@gtvt.example.vn>: User unknown',
    permanent: true,
  });
  const failure = classifySmtpError(error);
  expect(failure.message).toBe('550 5.1.1: địa chỉ không tồn tại / no such mailbox');
  expect(failure.nonRetryable).toBe(true);
  expect(failure.cause?.message).toContain('User unknown');
});
