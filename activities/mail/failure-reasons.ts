/**
 * Why a message could not be sent, in words the secretariat can act on, with the server's code kept for
 * whoever takes it up with the mail administrator: "550 5.1.1: địa chỉ không tồn tại / no such mailbox".
 * The reason goes into the reminder log (`bloc log`) and the next digest; the server's own text stays in
 * the worker's log and in the failure's details.
 */

/** What nodemailer tells of a failure; every field may be missing. */
export interface SmtpFailureFacts {
  /** nodemailer's code: EENVELOPE, ETIMEDOUT, ESOCKET, ... */
  code?: string;
  /** The system error that nodemailer's code stands over: ECONNREFUSED under ESOCKET. */
  originalCode?: string;
  /** The server's reply code, e.g. 550. */
  responseCode?: number;
  /** The server's reply, e.g. "550 5.1.1 <a@b.vn>: Recipient address rejected: User unknown". */
  response?: string;
  message?: string;
}

export interface Words {
  vi: string;
  en: string;
}

/** RFC 3463 enhanced status codes, by subject and detail (the class, 4 or 5, only says whether it may pass). */
const ENHANCED: Record<string, Words> = {
  '1.1': { vi: 'địa chỉ không tồn tại', en: 'no such mailbox' },
  '1.2': { vi: 'tên miền của địa chỉ không nhận thư', en: 'the address’s domain takes no mail' },
  '1.3': { vi: 'địa chỉ viết sai', en: 'malformed address' },
  '1.6': { vi: 'hộp thư đã chuyển đi nơi khác', en: 'the mailbox has moved' },
  '1.10': { vi: 'tên miền của địa chỉ không nhận thư', en: 'the address’s domain takes no mail' },
  '2.1': { vi: 'hộp thư đã bị khóa hoặc ngừng nhận thư', en: 'mailbox disabled' },
  '2.2': { vi: 'hộp thư đã đầy', en: 'mailbox full' },
  '2.3': { vi: 'thư quá lớn so với hộp thư', en: 'message too large for the mailbox' },
  '3.4': { vi: 'thư quá lớn so với máy chủ', en: 'message too large for the server' },
  '4.1': { vi: 'máy chủ nhận không trả lời', en: 'no answer from the receiving host' },
  '4.4': { vi: 'không tìm được đường tới máy chủ nhận', en: 'unable to route to the receiving host' },
  '4.7': { vi: 'quá thời gian chuyển thư', en: 'delivery time expired' },
  '5.3': { vi: 'quá nhiều người nhận trong một thư', en: 'too many recipients' },
  '7.0': { vi: 'máy chủ không cho phép vì lý do bảo mật hoặc chính sách', en: 'refused for security or policy reasons' },
  '7.1': { vi: 'máy chủ không cho phép gửi tới địa chỉ này (chính sách, hoặc không cho chuyển tiếp)', en: 'delivery not authorised (policy, or relaying denied)' },
  '7.8': { vi: 'máy chủ không chấp nhận tên đăng nhập hoặc mật khẩu (SMTP_USER, SMTP_PASSWORD)', en: 'login refused (SMTP_USER, SMTP_PASSWORD)' },
  '7.9': { vi: 'máy chủ không chấp nhận cách đăng nhập này', en: 'authentication mechanism too weak' },
  '7.11': { vi: 'máy chủ đòi kết nối mã hóa', en: 'encryption required' },
  '7.23': { vi: 'thư không qua kiểm tra SPF của tên miền người gửi (MAIL_FROM)', en: 'SPF check failed for the sender’s domain (MAIL_FROM)' },
  '7.25': { vi: 'máy gửi không có tên miền ngược (reverse DNS) hợp lệ', en: 'no valid reverse DNS for the sending host' },
  '7.26': { vi: 'thư không qua kiểm tra xác thực người gửi (SPF, DKIM, DMARC)', en: 'sender authentication failed (SPF, DKIM, DMARC)' },
};

/** RFC 5321 reply codes, where the reply carries no enhanced code this table knows. */
const REPLY: Record<number, Words> = {
  421: { vi: 'máy chủ thư tạm ngừng phục vụ', en: 'service not available' },
  450: { vi: 'hộp thư tạm thời không nhận thư', en: 'mailbox unavailable for now' },
  451: { vi: 'máy chủ thư gặp lỗi khi xử lý', en: 'local error in processing' },
  452: { vi: 'máy chủ thư tạm thời hết chỗ hoặc quá nhiều người nhận', en: 'insufficient storage or too many recipients' },
  454: { vi: 'máy chủ tạm thời không mã hóa hoặc không xác thực được', en: 'TLS or authentication not available for now' },
  500: { vi: 'máy chủ không hiểu lệnh', en: 'command not recognised' },
  501: { vi: 'máy chủ từ chối tham số của lệnh, thường là địa chỉ viết sai', en: 'syntax error in parameters, often a malformed address' },
  502: { vi: 'máy chủ không hỗ trợ lệnh', en: 'command not implemented' },
  503: { vi: 'lệnh gửi sai thứ tự', en: 'bad sequence of commands' },
  504: { vi: 'máy chủ không hỗ trợ tham số của lệnh', en: 'command parameter not implemented' },
  521: { vi: 'tên miền không nhận thư', en: 'the domain takes no mail' },
  530: { vi: 'máy chủ đòi đăng nhập (SMTP_USER, SMTP_PASSWORD)', en: 'authentication required (SMTP_USER, SMTP_PASSWORD)' },
  534: { vi: 'máy chủ không chấp nhận cách đăng nhập này', en: 'authentication mechanism too weak' },
  535: { vi: 'máy chủ không chấp nhận tên đăng nhập hoặc mật khẩu (SMTP_USER, SMTP_PASSWORD)', en: 'login refused (SMTP_USER, SMTP_PASSWORD)' },
  550: { vi: 'hộp thư không nhận thư (không tồn tại hoặc bị chặn)', en: 'mailbox unavailable (missing or blocked)' },
  551: { vi: 'địa chỉ không thuộc máy chủ này', en: 'user not local' },
  552: { vi: 'hộp thư hết dung lượng hoặc thư quá lớn', en: 'storage exceeded or message too large' },
  553: { vi: 'địa chỉ không hợp lệ', en: 'mailbox name not allowed' },
  554: { vi: 'máy chủ từ chối thư', en: 'transaction failed' },
  555: { vi: 'máy chủ không nhận tham số của MAIL hoặc RCPT', en: 'MAIL or RCPT parameters not recognised' },
  556: { vi: 'tên miền không nhận thư', en: 'the domain takes no mail' },
};

/** Failures with no reply from the server: nodemailer's codes, and the system's beneath them. */
const NO_REPLY: Record<string, Words> = {
  ECONNREFUSED: { vi: 'máy chủ thư không nhận kết nối (chưa chạy, hoặc sai cổng trong SMTP_URL)', en: 'the mail server refused the connection (not running, or the wrong port in SMTP_URL)' },
  ECONNRESET: { vi: 'máy chủ thư ngắt kết nối giữa chừng', en: 'the mail server dropped the connection' },
  EPIPE: { vi: 'máy chủ thư ngắt kết nối giữa chừng', en: 'the mail server dropped the connection' },
  ENOTFOUND: { vi: 'không tìm thấy máy chủ thư theo tên trong SMTP_URL', en: 'no such host as in SMTP_URL' },
  EAI_AGAIN: { vi: 'tạm thời không tra được tên máy chủ thư (DNS)', en: 'DNS lookup failed for now' },
  EHOSTUNREACH: { vi: 'không có đường mạng tới máy chủ thư', en: 'host unreachable' },
  ENETUNREACH: { vi: 'không có đường mạng tới máy chủ thư', en: 'network unreachable' },
  ETIMEDOUT: { vi: 'máy chủ thư không trả lời kịp (SMTP_TIMEOUT_MS)', en: 'the mail server did not answer in time (SMTP_TIMEOUT_MS)' },
  ECONNECTION: { vi: 'kết nối tới máy chủ thư bị đóng bất ngờ', en: 'the connection closed unexpectedly' },
  ESOCKET: { vi: 'lỗi mạng khi nói chuyện với máy chủ thư', en: 'network error talking to the mail server' },
  EDNS: { vi: 'không tra được tên máy chủ thư (DNS)', en: 'DNS lookup failed' },
  ETLS: { vi: 'không thiết lập được kết nối mã hóa TLS với máy chủ thư', en: 'TLS could not be set up with the mail server' },
  EENVELOPE: { vi: 'thư không có địa chỉ người nhận hợp lệ', en: 'no valid recipient' },
  EMESSAGE: { vi: 'máy chủ không nhận nội dung thư', en: 'the message was refused' },
  EAUTH: { vi: 'đăng nhập máy chủ thư không thành công (SMTP_USER, SMTP_PASSWORD)', en: 'login failed (SMTP_USER, SMTP_PASSWORD)' },
  ENOAUTH: { vi: 'thiếu tên đăng nhập hoặc mật khẩu', en: 'credentials missing' },
  EPROTOCOL: { vi: 'máy chủ trả lời không đúng giao thức SMTP', en: 'invalid SMTP response' },
  EMAXRECIPIENTS: { vi: 'quá nhiều người nhận trong một thư', en: 'too many recipients' },
  EREQUIRETLS: { vi: 'máy chủ thư không hỗ trợ REQUIRETLS', en: 'the server does not support REQUIRETLS' },
  ECONFIG: { vi: 'cấu hình gửi thư sai', en: 'invalid mail settings' },
  EABORT: { vi: 'việc gửi bị hủy', en: 'sending aborted' },
  EMAXLIMIT: { vi: 'kết nối đã gửi hết số thư cho phép', en: 'the connection’s message limit was reached' },
};

const BY_CLASS: Record<string, Words> = {
  '4': { vi: 'máy chủ thư tạm thời không nhận thư', en: 'the mail server deferred the message' },
  '5': { vi: 'máy chủ thư từ chối thư', en: 'the mail server refused the message' },
};

const FOR_NOW: Words = { vi: ' (tạm thời)', en: ' (for now)' };

/** "5.1.1" in "550 5.1.1 <a@b.vn>: Recipient address rejected", when the reply carries one of its own class. */
function enhancedCodeOf(responseCode: number, response: string | undefined): string | undefined {
  const found = /^\d{3}[ -]([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/.exec(response ?? '');
  if (!found || found[1] !== String(responseCode).charAt(0)) return undefined;
  return `${found[1]}.${found[2]}.${found[3]}`;
}

export function said(code: string, words: Words): string {
  return `${code}: ${words.vi} / ${words.en}`;
}

/**
 * "550 5.1.1: địa chỉ không tồn tại / no such mailbox", "ECONNREFUSED: máy chủ thư không nhận kết nối ...".
 * A reply from the server speaks for itself, its enhanced code first; without one, the system's error
 * (ECONNREFUSED) before nodemailer's (ESOCKET). A class-4 detail says it may pass.
 */
export function smtpFailureReason(facts: SmtpFailureFacts): string {
  const { responseCode } = facts;
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 600) {
    const enhanced = enhancedCodeOf(responseCode, facts.response);
    const code = enhanced ? `${responseCode} ${enhanced}` : String(responseCode);
    const detail = enhanced ? ENHANCED[enhanced.slice(2)] : undefined;
    if (detail) return said(code, enhanced?.startsWith('4') ? { vi: detail.vi + FOR_NOW.vi, en: detail.en + FOR_NOW.en } : detail);
    const words = REPLY[responseCode] ?? BY_CLASS[String(responseCode).charAt(0)];
    if (words) return said(code, words);
  }
  for (const code of [facts.originalCode, facts.code]) {
    const words = code === undefined ? undefined : NO_REPLY[code];
    if (code !== undefined && words) return said(code, words);
  }
  const code = facts.originalCode ?? facts.code ?? (responseCode !== undefined ? String(responseCode) : undefined);
  const unknown = `lỗi không rõ khi gửi thư / unknown sending error: ${facts.message ?? facts.response ?? ''}`.trimEnd();
  return code ? `${code}: ${unknown}` : unknown;
}
