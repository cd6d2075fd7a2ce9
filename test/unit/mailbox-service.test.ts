/** The mailbox's service settings (IMAP_BLOCS, IMAP_POLL_SECONDS, IMAP_AUTHSERV_ID) and the workflow's pure steps. */
import { backoffMs, declarationOf } from '../../workflows/mailbox';
import { mailboxWorkflowId } from '../../workflows/mailbox-messages';
import { mailboxServiceFromEnv } from '../../worker/mailbox';

test('the blocs served, the poll and the trusted servers are read from the environment', () => {
  expect(mailboxServiceFromEnv({ IMAP_BLOCS: 'dak-nong-khoi-4, dak-nong-cum-2' })).toEqual({ blocs: ['dak-nong-khoi-4', 'dak-nong-cum-2'], pollMs: 120_000 });
  expect(mailboxServiceFromEnv({ IMAP_BLOCS: 'khoi-4', IMAP_POLL_SECONDS: '30', IMAP_AUTHSERV_ID: 'mx.tinh.gov.vn' })).toEqual({ blocs: ['khoi-4'], pollMs: 30_000, trustedAuthServIds: ['mx.tinh.gov.vn'] });
});

test('every problem is named by its variable at once', () => {
  expect(() => mailboxServiceFromEnv({ IMAP_POLL_SECONDS: '5' })).toThrow(
    [
      'IMAP_BLOCS: cần mã các Khối đọc hộp thư này, cách nhau bằng dấu phẩy / the ids of the blocs this mailbox serves, comma-separated',
      'IMAP_POLL_SECONDS: phải là số giây từ 10 đến 86400 / must be a whole number of seconds from 10 to 86400',
    ].join('\n'),
  );
  expect(() => mailboxServiceFromEnv({ IMAP_BLOCS: 'Khối 4' })).toThrow('IMAP_BLOCS: "Khối 4" không phải mã Khối / is not a bloc id');
});

test('an unreachable mailbox is tried again after 1, 2, 4, 8 minutes, then every 15', () => {
  expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 15, 15, 15]);
});

test('a message becomes a declaration dated by its Date header, or by when it was read without one', () => {
  const mail = { uid: 3, messageId: '<a@b>', from: 'vanthu@so-a.example.vn', subject: 'Báo cáo', size: 10, authentication: { verdict: 'none' as const, why: '' }, reasons: [] };
  expect(declarationOf(mail, 'so-a', 'bao-cao', '2049-06-07T08:00:00.000+07:00')).toEqual({
    messageId: '<a@b>',
    from: 'vanthu@so-a.example.vn',
    subject: 'Báo cáo',
    authentication: { verdict: 'none', why: '' },
    unitId: 'so-a',
    itemId: 'bao-cao',
    sentAt: '2049-06-07T08:00:00.000+07:00',
  });
  expect(declarationOf({ ...mail, date: '2049-06-06T01:00:00.000Z' }, 'so-a', 'bao-cao', 'x').sentAt).toBe('2049-06-06T01:00:00.000Z');
});

test('one workflow per mailbox and folder', () => {
  expect(mailboxWorkflowId({ auth: { user: 'khoi4', pass: 'p' }, host: 'mail.tinh.gov.vn', folder: 'INBOX' })).toBe('mailbox/khoi4@mail.tinh.gov.vn/INBOX');
});
