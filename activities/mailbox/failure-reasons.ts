/**
 * Why the bloc's mailbox could not be read, in words the secretariat can act on, the code first for whoever
 * takes it up with the mail administrator: "ECONNREFUSED: máy chủ IMAP không nhận kết nối … / the IMAP server
 * refused the connection …". The year's mailbox keeps it while passes fail (`mailboxStatus`), and the console's
 * "Thư chưa khớp" page shows it after since when; the server's own words stay in the failure's cause.
 */
import { said, type Words } from '../mail/failure-reasons';

const DROPPED: Words = { vi: 'máy chủ IMAP ngắt kết nối giữa chừng', en: 'the IMAP server dropped the connection' };
const TOO_SLOW: Words = { vi: 'máy chủ IMAP không trả lời kịp (IMAP_TIMEOUT_MS)', en: 'the IMAP server did not answer in time (IMAP_TIMEOUT_MS)' };
const NO_ROUTE: Words = { vi: 'không có đường mạng tới máy chủ IMAP', en: 'no network route to the IMAP server' };
const BAD_CERTIFICATE: Words = {
  vi: 'chứng chỉ TLS của máy chủ IMAP không đúng tên trong IMAP_URL, đã hết hạn hoặc không được tin cậy',
  en: "the IMAP server's TLS certificate does not match IMAP_URL's host, has expired or is not trusted",
};

/** System codes (the socket, DNS, TLS) and imapflow's own (errors.js, ImapFlowErrorCode). */
const BY_CODE: Record<string, Words> = {
  ECONNREFUSED: { vi: 'máy chủ IMAP không nhận kết nối (chưa chạy, hoặc sai cổng trong IMAP_URL)', en: 'the IMAP server refused the connection (not running, or the wrong port in IMAP_URL)' },
  ENOTFOUND: { vi: 'không tìm thấy máy chủ IMAP theo tên trong IMAP_URL', en: 'no such host as in IMAP_URL' },
  EAI_AGAIN: { vi: 'tạm thời không tra được tên máy chủ IMAP (DNS)', en: 'DNS lookup failed for now' },
  EHOSTUNREACH: NO_ROUTE,
  ENETUNREACH: NO_ROUTE,
  ECONNRESET: DROPPED,
  EPIPE: DROPPED,
  NoConnection: DROPPED,
  EConnectionClosed: DROPPED,
  ClosedAfterConnectText: DROPPED,
  ClosedAfterConnectTLS: DROPPED,
  ETIMEDOUT: TOO_SLOW,
  ETIMEOUT: TOO_SLOW,
  CONNECT_TIMEOUT: TOO_SLOW,
  GREETING_TIMEOUT: TOO_SLOW,
  UPGRADE_TIMEOUT: TOO_SLOW,
  ETHROTTLE: { vi: 'máy chủ IMAP đang hạn chế số lệnh; lần đọc sau sẽ thử lại', en: 'the IMAP server is throttling commands; the next pass tries again' },
  ERR_TLS_CERT_ALTNAME_INVALID: BAD_CERTIFICATE,
  CERT_HAS_EXPIRED: BAD_CERTIFICATE,
  DEPTH_ZERO_SELF_SIGNED_CERT: BAD_CERTIFICATE,
  SELF_SIGNED_CERT_IN_CHAIN: BAD_CERTIFICATE,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: BAD_CERTIFICATE,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: BAD_CERTIFICATE,
};

const LOGIN_REFUSED: Words = {
  vi: 'máy chủ IMAP không chấp nhận tên đăng nhập hoặc mật khẩu (IMAP_USER, IMAP_PASSWORD)',
  en: 'the IMAP server refused the login (IMAP_USER, IMAP_PASSWORD)',
};

const NO_TLS: Words = {
  vi: 'máy chủ IMAP không cho kết nối mã hóa (STARTTLS), nên mật khẩu không được gửi đi',
  en: 'the IMAP server offered no encryption (STARTTLS), so the password was not sent',
};

/** What imapflow and Node tell of a failure; every field may be missing. */
interface ImapFailureFacts {
  code?: string;
  authenticationFailed?: boolean;
  /** STARTTLS required (IMAP_URL to another machine) and not to be had. */
  tlsFailed?: boolean;
  /** NO or BAD: the server refused a command, here the folder's opening. */
  responseStatus?: string;
  message?: string;
}

/** The failure of a pass over `folder`, worded: "ECONNREFUSED: …", "AUTHENTICATIONFAILED: …", "NO: …". */
export function imapFailureReason(err: unknown, folder: string): string {
  const facts = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ImapFailureFacts;
  if (facts.authenticationFailed) return said('AUTHENTICATIONFAILED', LOGIN_REFUSED);
  if (facts.tlsFailed) return said('STARTTLS', NO_TLS);
  if (facts.code && Object.hasOwn(BY_CODE, facts.code)) return said(facts.code, BY_CODE[facts.code] as Words);
  if (facts.responseStatus === 'NO' || facts.responseStatus === 'BAD') {
    return said(facts.responseStatus, { vi: `máy chủ IMAP không mở thư mục "${folder}" (IMAP_FOLDER)`, en: `the IMAP server would not open the folder "${folder}" (IMAP_FOLDER)` });
  }
  const unknown = `lỗi không rõ khi đọc hộp thư / unknown error reading the mailbox: ${facts.message ?? ''}`.trimEnd();
  return facts.code ? `${facts.code}: ${unknown}` : unknown;
}
