import { imapFailureReason } from '../../activities/mailbox/failure-reasons';

describe('why the mailbox could not be read, as the secretariat reads it', () => {
  it('words what the network, DNS, TLS and imapflow say, the code first', () => {
    expect(imapFailureReason(Object.assign(new Error('getaddrinfo ENOTFOUND thu.khoi4.vn'), { code: 'ENOTFOUND' }), 'INBOX')).toBe(
      'ENOTFOUND: không tìm thấy máy chủ IMAP theo tên trong IMAP_URL / no such host as in IMAP_URL',
    );
    expect(imapFailureReason({ code: 'CONNECT_TIMEOUT', message: 'Failed to establish connection in required time' }, 'INBOX')).toBe(
      'CONNECT_TIMEOUT: máy chủ IMAP không trả lời kịp (IMAP_TIMEOUT_MS) / the IMAP server did not answer in time (IMAP_TIMEOUT_MS)',
    );
    expect(imapFailureReason({ code: 'NoConnection' }, 'INBOX')).toBe('NoConnection: máy chủ IMAP ngắt kết nối giữa chừng / the IMAP server dropped the connection');
    expect(imapFailureReason({ code: 'CERT_HAS_EXPIRED' }, 'INBOX')).toMatch(/^CERT_HAS_EXPIRED: chứng chỉ TLS của máy chủ IMAP .* đã hết hạn/);
  });

  it('says a refused login before any code, and names the folder a server would not open', () => {
    expect(imapFailureReason({ authenticationFailed: true, code: 'ECONNRESET' }, 'INBOX')).toMatch(/^AUTHENTICATIONFAILED: máy chủ IMAP không chấp nhận tên đăng nhập/);
    expect(imapFailureReason({ responseStatus: 'NO', message: 'Command failed' }, 'Báo cáo')).toBe(
      'NO: máy chủ IMAP không mở thư mục "Báo cáo" (IMAP_FOLDER) / the IMAP server would not open the folder "Báo cáo" (IMAP_FOLDER)',
    );
  });

  it('keeps the words of a failure it does not know, behind its own', () => {
    expect(imapFailureReason({ code: 'ParserError11', message: 'Unexpected char' }, 'INBOX')).toBe('ParserError11: lỗi không rõ khi đọc hộp thư / unknown error reading the mailbox: Unexpected char');
    expect(imapFailureReason('socket hang up', 'INBOX')).toBe('lỗi không rõ khi đọc hộp thư / unknown error reading the mailbox: socket hang up');
  });
});
