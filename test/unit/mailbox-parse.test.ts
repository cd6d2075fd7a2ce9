/**
 * A message's bytes as the matcher gets them: the headers that say who and what it answers, every
 * Authentication-Results in the order the servers added them, and damage named rather than thrown.
 */
import { parseMessage, parseTooLarge } from '../../activities/mailbox/parse';

const lines = (...l: string[]) => Buffer.from(l.join('\r\n'));

const REPLY = lines(
  'Authentication-Results: mx.khoi4.daknong.gov.vn; dmarc=pass header.from=stp.daknong.gov.vn',
  'Authentication-Results: relay.example; spf=pass',
  ' smtp.mailfrom=stp.daknong.gov.vn',
  'From: =?UTF-8?Q?V=C4=83n_th=C6=B0?= <vanthu@stp.daknong.gov.vn>',
  'Reply-To: Phòng TĐKT: tdkt@stp.daknong.gov.vn, vanthu@stp.daknong.gov.vn;',
  'To: khoi4@khoi4.daknong.gov.vn',
  'Subject: Re: Nhắc hạn',
  'Date: Thu, 10 Jun 2027 09:00:00 +0700',
  'Message-ID: <r1@stp.daknong.gov.vn>',
  'In-Reply-To: <a.1@khoi4.daknong.gov.vn>',
  'References: <thread.so-ket@khoi4.daknong.gov.vn>',
  ' <a.1@khoi4.daknong.gov.vn>',
  'Auto-Submitted: auto-replied (vacation)',
  '',
  'Tôi vắng mặt.',
  '',
);

describe('a message read from its bytes', () => {
  it('gives the headers the matcher reads', async () => {
    const m = await parseMessage(REPLY, 3, REPLY.length);
    expect(m).toMatchObject({
      status: 'read',
      uid: 3,
      messageId: '<r1@stp.daknong.gov.vn>',
      from: [{ name: 'Văn thư', address: 'vanthu@stp.daknong.gov.vn' }],
      replyTo: [{ address: 'tdkt@stp.daknong.gov.vn' }, { address: 'vanthu@stp.daknong.gov.vn' }],
      inReplyTo: '<a.1@khoi4.daknong.gov.vn>',
      references: ['<thread.so-ket@khoi4.daknong.gov.vn>', '<a.1@khoi4.daknong.gov.vn>'],
      authenticationResults: ['mx.khoi4.daknong.gov.vn; dmarc=pass header.from=stp.daknong.gov.vn', 'relay.example; spf=pass smtp.mailfrom=stp.daknong.gov.vn'],
      date: '2027-06-10T02:00:00.000Z',
      autoSubmitted: 'auto-replied',
      attachments: [],
    });
  });

  it('gives the same headers from the header block of a message too large to download', async () => {
    const headerBlock = REPLY.subarray(0, REPLY.indexOf('\r\n\r\n'));
    expect(await parseTooLarge(headerBlock, 3, 60_000_000, 26_214_400)).toMatchObject({
      status: 'too-large',
      size: 60_000_000,
      limit: 26_214_400,
      messageId: '<r1@stp.daknong.gov.vn>',
      inReplyTo: '<a.1@khoi4.daknong.gov.vn>',
    });
  });

  it('names a multipart message without a boundary as unreadable', async () => {
    const raw = lines('From: a@b.vn', 'Message-ID: <x@b.vn>', 'Content-Type: multipart/mixed', '', 'body', '');
    expect(await parseMessage(raw, 4, raw.length)).toEqual({
      status: 'unreadable',
      uid: 4,
      size: raw.length,
      messageId: '<x@b.vn>',
      reason: 'thư nhiều phần nhưng không khai báo ranh giới giữa các phần / a multipart message without a boundary',
    });
  });

  it('reads a message without a From, which then matches no unit', async () => {
    const raw = lines('Subject: ?', '', 'x', '');
    expect(await parseMessage(raw, 5, raw.length)).toMatchObject({ status: 'read', from: [], subject: '?' });
  });
});
