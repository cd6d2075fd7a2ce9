/**
 * The list "Thư chưa khớp" as rendered, in each language: since when the mailbox cannot be reached, a line's
 * reasons in the reader's language, and who may act on it. Instants are fixed in 2049, in Hanoi's offset.
 */
import { mailboxPage } from '../../web/pages/mailbox';
import type { UnmatchedMail } from '../../workflows/mailbox-messages';

const line: UnmatchedMail = {
  uid: 4,
  uidValidity: '7',
  messageId: '<la-1@thu.example.com>',
  from: 'ai-do@thu.example.com',
  subject: 'Báo cáo sơ kết 6 tháng',
  date: '2049-06-07T07:30:00.000+07:00',
  size: 2048,
  authentication: { verdict: 'fail', why: 'mx thấy người gửi bị giả mạo / the sender failed authentication' },
  reasons: [{ code: 'unknown-sender', text: 'người gửi không thuộc đơn vị nào / the sender belongs to no unit' }],
  match: { workflowId: 'bloc-thu-nghiem-2049', itemId: 'bao-cao', by: 'subject' },
  listedAt: '2049-06-07T08:00:00.000+07:00',
};
const choices = new Map([['bloc-thu-nghiem-2049', { units: [{ id: 'so-a', name: 'Sở A' }], items: [{ id: 'bao-cao', title: 'Báo cáo sơ kết 6 tháng' }] }]]);
const status = {
  mailbox: 'mailbox/khoi4@mail.example.vn/INBOX',
  blocs: ['thu-nghiem'],
  lastUid: 4,
  toMark: 0,
  lastPass: { at: '2049-06-07T08:00:00.000+07:00', read: 4, recorded: 3, listed: 1 },
  outage: { since: '2049-06-07T09:00:00.000+07:00', attempts: 3, reason: 'connect ECONNREFUSED' },
};
const render = async (lang: 'vi' | 'en', canAct = true) =>
  String(await mailboxPage({ csrf: 'token', lang, here: '/thu-chua-khop' }, { status, lines: [line], choices, canAct }))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

test('the mailbox unreachable since when, and each line in Vietnamese first', async () => {
  const page = await render('vi');
  expect(page).toContain('Không kết nối được hộp thư từ');
  expect(page).toContain('(3 lần thử): connect ECONNREFUSED');
  expect(page).toContain('người gửi không thuộc đơn vị nào');
  expect(page).not.toContain('the sender belongs to no unit');
  expect(page).toContain('xác thực thất bại, có thể giả mạo');
  expect(page).toContain('Ghi nhận cho đơn vị');
});

test('the same in English, and without the forms for a reader who may not act', async () => {
  const page = await render('en', false);
  expect(page).toContain('The mailbox has been unreachable since');
  expect(page).toContain('the sender belongs to no unit');
  expect(page).toContain('failed: possibly forged');
  expect(page).not.toContain('Record for the unit');
  expect(page).not.toContain('Dismiss');
});
