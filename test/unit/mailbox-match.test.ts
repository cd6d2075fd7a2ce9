/**
 * Matching a message in the bloc's mailbox as the secretariat would check it: which unit sent it, which item it
 * is about, how that was found, and, when it is not matched, why in words they can act on. And what the
 * receiving server's Authentication-Results allow: an unauthenticated message never confirms anything by itself.
 */
import { authenticationVerdict } from '../../activities/mailbox/authentication';
import { matchMessage, type MatchContext, type MatchItem } from '../../activities/mailbox/match';
import { sentFromLog, threadRootsOf } from '../../activities/mailbox/sent';
import type { MailboxMessage, MailHeaders } from '../../activities/mailbox/types';
import { foldVietnamese, subjectWithoutPrefixes } from '../../activities/mailbox/words';
import { messageIdFor, threadIdFor } from '../../activities/mail/message-id';
import type { LogEntry } from '../../workflows/model';

const DOMAIN = 'khoi4.daknong.gov.vn';
const BLOC = 'dak-nong-khoi-4';
const YEAR = 2027;

const items: MatchItem[] = [
  { id: 'dang-ky', title: 'Đăng ký thi đua năm 2027', short: 'Đăng ký thi đua', shortEn: 'Emulation registration', units: ['stp', 'snv', 'sct'] },
  { id: 'dang-ky-bo-sung', title: 'Đăng ký thi đua bổ sung', units: ['stp', 'snv'] },
  { id: 'so-ket', title: 'Báo cáo sơ kết 6 tháng công tác thi đua, khen thưởng', short: 'Báo cáo sơ kết 6 tháng', titleEn: 'Mid-year report', units: ['stp', 'snv'] },
  { id: 'tong-ket', title: 'Báo cáo tổng kết công tác thi đua, khen thưởng năm 2027', short: 'Báo cáo tổng kết', units: ['stp', 'snv'] },
];

const units = [
  { id: 'stp', name: 'Sở Tư pháp', emails: ['VanThu@stp.daknong.gov.vn'], cc: ['truongphong.tdkt@stp.daknong.gov.vn', 'chung@daknong.gov.vn'] },
  { id: 'snv', name: 'Sở Nội vụ', emails: ['vanthu@snv.daknong.gov.vn'], cc: ['chung@daknong.gov.vn'] },
  { id: 'sct', name: 'Sở Công thương', emails: ['vanthu@sct.daknong.gov.vn'], cc: [] },
];

function logEntry(unitId: string, day: string, itemIds: string[], delivered = true): LogEntry {
  const key = `${BLOC}/${YEAR}/${unitId}/${day}`;
  return {
    messageKey: key,
    ...(delivered && { messageId: messageIdFor(key, DOMAIN) }),
    addressee: unitId,
    to: [],
    notices: itemIds.map((itemId) => ({ key: `${key}/${itemId}`, itemId, kind: 'reminder' as const, plannedAt: `${day}T08:00:00+07:00` })),
    plannedAt: `${day}T08:00:00+07:00`,
    sentAt: `${day}T08:00:01+07:00`,
    status: delivered ? 'delivered' : 'sending',
  };
}

const log = [logEntry('stp', '2027-06-08', ['so-ket']), logEntry('snv', '2027-06-08', ['so-ket', 'tong-ket']), logEntry('stp', '2027-06-09', ['dang-ky'], false)];
const ctx: MatchContext = { units, items, sent: sentFromLog(log, DOMAIN), threads: threadRootsOf({ blocId: BLOC, year: YEAR, items }, DOMAIN) };
const reminderTo = (unitId: string, day: string) => messageIdFor(`${BLOC}/${YEAR}/${unitId}/${day}`, DOMAIN);
const PDF = { name: 'bao-cao-so-ket.pdf', type: 'application/pdf', size: 5, bytes: Buffer.from('%PDF-') };

function message(over: Partial<MailHeaders> & { attachments?: typeof PDF[] } = {}): MailboxMessage {
  return {
    status: 'read',
    uid: 7,
    size: 2048,
    messageId: '<reply-1@stp.daknong.gov.vn>',
    from: [{ name: 'Văn thư Sở Tư pháp', address: 'vanthu@stp.daknong.gov.vn' }],
    replyTo: [],
    to: [{ name: '', address: `khoi4@${DOMAIN}` }],
    subject: 'Gửi hồ sơ',
    references: [],
    authenticationResults: [],
    attachments: [PDF],
    ...over,
  };
}

describe('a message from a unit, about an item, with a document', () => {
  it('is matched when it answers the reminder: the unit by From (any case), the item by In-Reply-To', () => {
    const m = matchMessage(message({ inReplyTo: reminderTo('stp', '2027-06-08'), subject: 'TL: Nhắc hạn' }), ctx);
    expect(m.status).toBe('matched');
    expect(m.unit).toEqual({ unitId: 'stp', by: 'from', address: 'vanthu@stp.daknong.gov.vn' });
    expect(m.item).toEqual({ itemId: 'so-ket', by: 'in-reply-to', messageId: reminderTo('stp', '2027-06-08') });
    expect(m.documents).toEqual([{ index: 0, name: 'bao-cao-so-ket.pdf', type: 'application/pdf', size: 5 }]);
    expect(m.reasons).toEqual([]);
  });

  it('finds the reminder in References when the client left In-Reply-To out, and a Message-ID in another case', () => {
    const id = reminderTo('stp', '2027-06-08').toUpperCase();
    const m = matchMessage(message({ references: [threadIdFor(BLOC, YEAR, 'so-ket', DOMAIN), id] }), ctx);
    expect(m.item).toMatchObject({ itemId: 'so-ket', by: 'references' });
  });

  it('knows a reminder the log has not yet marked delivered, by the Message-ID its key gives', () => {
    const m = matchMessage(message({ inReplyTo: reminderTo('stp', '2027-06-09') }), ctx);
    expect(m.item).toMatchObject({ itemId: 'dang-ky', by: 'in-reply-to' });
  });

  it('falls back on the item thread a forwarded reminder still refers to', () => {
    const m = matchMessage(message({ inReplyTo: '<forwarded@stp.daknong.gov.vn>', references: ['<other@x>', threadIdFor(BLOC, YEAR, 'tong-ket', DOMAIN)] }), ctx);
    expect(m.item).toEqual({ itemId: 'tong-ket', by: 'references', messageId: threadIdFor(BLOC, YEAR, 'tong-ket', DOMAIN) });
  });

  it.each([
    ['V/v gửi Báo cáo sơ kết 6 tháng năm 2027', 'Báo cáo sơ kết 6 tháng'],
    ['gui bao cao so ket 6 thang - So Tu phap', 'Báo cáo sơ kết 6 tháng'],
    ['Fwd: RE: BÁO CÁO SƠ KẾT 6 THÁNG', 'Báo cáo sơ kết 6 tháng'],
    ['Mid-year report, Department of Justice', 'Mid-year report'],
  ])('is matched by the item\'s words in a new message\'s subject: "%s"', (subject, phrase) => {
    const m = matchMessage(message({ subject }), ctx);
    expect(m.status).toBe('matched');
    expect(m.item).toEqual({ itemId: 'so-ket', by: 'subject', phrase });
  });

  it('takes the more specific item when one item\'s words hold another\'s', () => {
    expect(matchMessage(message({ subject: 'Đăng ký thi đua bổ sung' }), ctx).item).toMatchObject({ itemId: 'dang-ky-bo-sung' });
    expect(matchMessage(message({ subject: 'Đăng ký thi đua' }), ctx).item).toMatchObject({ itemId: 'dang-ky' });
  });

  it('is narrowed by the subject when the reminder it answers was about several items', () => {
    const m = matchMessage(message({ from: [{ name: '', address: 'vanthu@snv.daknong.gov.vn' }], inReplyTo: reminderTo('snv', '2027-06-08'), subject: 'Re: gửi báo cáo tổng kết' }), ctx);
    expect(m.unit).toMatchObject({ unitId: 'snv' });
    expect(m.item).toEqual({ itemId: 'tong-ket', by: 'subject', phrase: 'Báo cáo tổng kết' });
  });

  it('takes the unit from Reply-To when the clerk wrote from a personal address', () => {
    const m = matchMessage(message({ from: [{ name: 'Nguyễn Văn A', address: 'nva1980@gmail.com' }], replyTo: [{ name: '', address: 'vanthu@snv.daknong.gov.vn' }], subject: 'Báo cáo tổng kết' }), ctx);
    expect(m.unit).toEqual({ unitId: 'snv', by: 'reply-to', address: 'vanthu@snv.daknong.gov.vn' });
    expect(m.status).toBe('matched');
  });

  it('takes the unit from a cc address, and a shared address from the reminder it answers', () => {
    expect(matchMessage(message({ from: [{ name: '', address: 'truongphong.tdkt@stp.daknong.gov.vn' }], subject: 'Báo cáo tổng kết' }), ctx).unit).toMatchObject({ unitId: 'stp' });
    const shared = matchMessage(message({ from: [{ name: '', address: 'chung@daknong.gov.vn' }], inReplyTo: reminderTo('snv', '2027-06-08'), subject: 'Báo cáo tổng kết' }), ctx);
    expect(shared.unit).toMatchObject({ unitId: 'snv', by: 'from' });
  });
});

describe('a message that is not matched says why', () => {
  const reasons = (m: MailboxMessage) => matchMessage(m, ctx).reasons.map((r) => r.text);

  it('an unknown sender, with the unit the engine wrote to as the suggestion', () => {
    const m = matchMessage(message({ from: [{ name: '', address: 'Someone@Gmail.com' }], inReplyTo: reminderTo('stp', '2027-06-08') }), ctx);
    expect(m.status).toBe('unmatched');
    expect(m.reasons.map((r) => r.text)).toEqual(['người gửi không thuộc đơn vị nào (someone@gmail.com) / the sender belongs to no unit']);
    expect(m.suggestedUnitId).toBe('stp');
    expect(m.item).toMatchObject({ itemId: 'so-ket' });
  });

  it('an address two units share, with nothing to tell them apart', () => {
    expect(reasons(message({ from: [{ name: '', address: 'chung@daknong.gov.vn' }], subject: 'Báo cáo tổng kết' }))).toEqual([
      'địa chỉ chung@daknong.gov.vn thuộc nhiều đơn vị (Sở Tư pháp, Sở Nội vụ) / the address belongs to several units',
    ]);
  });

  it('a message naming no item', () => {
    expect(reasons(message({ subject: 'Gửi Khối 4' }))).toEqual(['thư không nêu mục nào / the message names no item']);
  });

  it('a message naming an item the unit does not submit', () => {
    expect(reasons(message({ from: [{ name: '', address: 'vanthu@sct.daknong.gov.vn' }], subject: 'Báo cáo tổng kết' }))).toEqual([
      'thư nêu mục mà đơn vị không phải nộp (Báo cáo tổng kết) / the message names an item the unit does not submit',
    ]);
  });

  it('a message naming two items', () => {
    expect(reasons(message({ subject: 'Báo cáo sơ kết 6 tháng và Báo cáo tổng kết' }))).toEqual([
      'thư nêu nhiều mục (Báo cáo sơ kết 6 tháng; Báo cáo tổng kết); chưa rõ mục nào / the message names several items',
    ]);
  });

  it('a reply to a reminder about two items that names neither', () => {
    const m = message({ from: [{ name: '', address: 'vanthu@snv.daknong.gov.vn' }], inReplyTo: reminderTo('snv', '2027-06-08'), subject: 'Re: Nhắc hạn' });
    expect(reasons(m)).toEqual(['thư trả lời lời nhắc về nhiều mục (Báo cáo sơ kết 6 tháng; Báo cáo tổng kết); chưa rõ mục nào / the message answers a reminder about several items']);
  });

  it('a message without a document (a Word 97 file or a picture is not one)', () => {
    const attachments = [{ name: 'scan.jpg', type: 'image/jpeg', size: 3, bytes: Buffer.from('jpg') }];
    expect(reasons(message({ subject: 'Báo cáo tổng kết', attachments }))).toEqual(['thư không có tài liệu (PDF hoặc DOCX) / the message has no document (PDF or DOCX)']);
  });

  it('a message too large to download, with its size and the limit', () => {
    const headers = message({ subject: 'Báo cáo tổng kết' }) as Extract<MailboxMessage, { status: 'read' }>;
    const m = matchMessage({ ...headers, attachments: undefined, status: 'too-large', size: 52_428_800, limit: 26_214_400 } as MailboxMessage, ctx);
    expect(m.unit).toMatchObject({ unitId: 'stp' });
    expect(m.item).toMatchObject({ itemId: 'tong-ket' });
    expect(m.reasons.map((r) => r.text)).toEqual(['thư 50 MB vượt giới hạn 25 MB, không tải về / the message is over the limit and was not downloaded']);
  });

  it('an unreadable message, with the reader\'s reason', () => {
    const m = matchMessage({ status: 'unreadable', uid: 9, size: 300, reason: 'thư nhiều phần nhưng không tìm thấy phần nào (ranh giới không xuất hiện) / a multipart message whose parts are missing' }, ctx);
    expect(m).toMatchObject({ status: 'unmatched', confirmableByItself: false, documents: [] });
    expect(m.reasons[0]?.code).toBe('unreadable');
  });

  it('an automatic reply to a reminder (out of office), even from the unit\'s own address', () => {
    const m = matchMessage(message({ inReplyTo: reminderTo('stp', '2027-06-08'), subject: 'Trả lời tự động: Nhắc hạn', autoSubmitted: 'auto-replied', attachments: [] }), ctx);
    expect(m.unit).toMatchObject({ unitId: 'stp' });
    expect(m.reasons.map((r) => r.text)).toEqual([
      'thư tự động (auto-replied), như thư báo vắng mặt, không phải đơn vị gửi hồ sơ / an automatic message, such as an out-of-office reply',
      'thư không có tài liệu (PDF hoặc DOCX) / the message has no document (PDF or DOCX)',
    ]);
  });

  it('several reasons at once, each with its code', () => {
    const m = matchMessage(message({ from: [{ name: '', address: 'x@example.com' }], subject: 'Xin chào', attachments: [] }), ctx);
    expect(m.reasons.map((r) => r.code)).toEqual(['unknown-sender', 'no-item', 'no-document']);
  });
});

describe('authentication, recorded with the match', () => {
  const SERVER = 'mx.khoi4.daknong.gov.vn';
  const reply = (results: string[]) => message({ inReplyTo: reminderTo('stp', '2027-06-08'), authenticationResults: results });

  it('a matched message whose domain DMARC proves may confirm itself', () => {
    const m = matchMessage(reply([`${SERVER}; spf=pass smtp.mailfrom=stp.daknong.gov.vn; dkim=pass header.d=stp.daknong.gov.vn; dmarc=pass header.from=stp.daknong.gov.vn`]), ctx);
    expect(m.authentication).toMatchObject({ verdict: 'pass', by: SERVER, dmarc: 'pass', spf: 'pass', dkim: 'pass' });
    expect(m.confirmableByItself).toBe(true);
  });

  it('a forged From is matched for the secretariat to see, marked failed, and never confirms itself', () => {
    const m = matchMessage(reply([`${SERVER}; spf=fail smtp.mailfrom=stp.daknong.gov.vn; dkim=none; dmarc=fail (p=quarantine) header.from=stp.daknong.gov.vn`]), ctx);
    expect(m.status).toBe('matched');
    expect(m.authentication.verdict).toBe('fail');
    expect(m.authentication.why).toContain('người gửi bị giả mạo');
    expect(m.confirmableByItself).toBe(false);
  });

  it('a message with no verdict at all never confirms itself', () => {
    const m = matchMessage(reply([]), ctx);
    expect(m.authentication.verdict).toBe('none');
    expect(m.confirmableByItself).toBe(false);
  });

  it('reads only the topmost header: the sender\'s own "pass" below the server\'s does not count', () => {
    const forged = `${SERVER}; dmarc=pass header.from=stp.daknong.gov.vn`;
    expect(authenticationVerdict([`${SERVER}; dmarc=fail header.from=stp.daknong.gov.vn`, forged], 'vanthu@stp.daknong.gov.vn').verdict).toBe('fail');
    expect(authenticationVerdict(['evil.example; dmarc=pass', `${SERVER}; none`], 'vanthu@stp.daknong.gov.vn', [SERVER]).verdict).toBe('none');
  });

  it('counts SPF and DKIM only for the From domain when there is no DMARC result', () => {
    const from = 'vanthu@stp.daknong.gov.vn';
    expect(authenticationVerdict([`${SERVER}; dkim=pass (2048-bit key; unprotected) header.d=gmail.com; spf=pass smtp.mailfrom=gmail.com`], from).verdict).toBe('none');
    expect(authenticationVerdict([`${SERVER}; dkim=pass (2048-bit key) header.d=stp.daknong.gov.vn header.s=mail`], from)).toMatchObject({ verdict: 'pass', dkim: 'pass' });
    expect(authenticationVerdict([`${SERVER} 1; spf=fail (sender not permitted) smtp.mailfrom=vanthu@stp.daknong.gov.vn`], from)).toMatchObject({ verdict: 'fail', spf: 'fail' });
  });
});

describe('Vietnamese words, with or without diacritics', () => {
  it('fold to the same text', () => {
    expect(foldVietnamese('Báo cáo SƠ KẾT 6 tháng, Đắk Nông')).toBe('bao cao so ket 6 thang dak nong');
    expect(foldVietnamese('Bao cao so ket 6 thang - Dak Nong')).toBe('bao cao so ket 6 thang dak nong');
  });

  it('lose the reply and forward prefixes of common mail clients', () => {
    expect(subjectWithoutPrefixes('TL: RE: Fwd: Nhắc hạn')).toBe('Nhắc hạn');
    expect(subjectWithoutPrefixes('Trả lời: Chuyển tiếp: [Khối 4] Nhắc hạn')).toBe('[Khối 4] Nhắc hạn');
  });
});
