import { renderMessage } from '../../activities/mail/templates';
import { BLOC, INVITATION, message, notice, NOW } from '../support/mail-fixtures';

const at = (iso: string) => new Date(iso);

describe('days left, told from the send instant', () => {
  const status = (now: Date, n = notice()) => renderMessage(message({ notices: [n] }), now).text;

  it('counts calendar days in Vietnam, not 24-hour periods', () => {
    expect(status(NOW)).toContain('Tình trạng: còn 3 ngày');
    // 23:00 on 14/6 in Vietnam is still "1 day" before a cut-off at the end of 15/6.
    expect(status(at('2020-06-14T16:00:00Z'))).toContain('còn 1 ngày');
  });

  it('says the deadline is today on its last day, and how late it is afterwards', () => {
    expect(status(at('2020-06-15T01:00:00Z'))).toContain('hôm nay là hạn cuối');
    expect(status(at('2020-06-19T01:00:00Z'))).toContain('đã quá hạn 4 ngày');
  });

  it('a reminder sent late after an outage says what is true now, not what was planned', () => {
    const late = status(at('2020-06-16T02:00:00Z'), notice({ plannedAt: '2020-06-12T08:00:00.000+07:00' }));
    expect(late).toContain('đã quá hạn 1 ngày');
    expect(late).not.toContain('còn');
  });

  it('writes the cut-off in Vietnamese words, with the plan wording and an extension', () => {
    const text = status(NOW, notice({ extended: true }));
    expect(text).toContain('Hạn cuối: 23 giờ 59, thứ Hai, ngày 15/6/2020 (đã được gia hạn)');
    expect(text).toContain('Theo kế hoạch: trước ngày 15/6/2020');
  });

  it('follow-ups say how many days overdue', () => {
    const text = status(at('2020-06-19T01:00:00Z'), notice({ kind: 'followUp' }));
    expect(text).toContain('Chưa nộp: Báo cáo sơ kết 6 tháng đầu năm');
    expect(text).toContain('đã quá hạn 4 ngày');
    expect(text).toContain('Đề nghị Quý đơn vị khẩn trương hoàn thành');
  });
});

describe('a letter a provincial office can read', () => {
  it('greets the unit, names the bloc and province, and ends with the automatic-reminder footer', () => {
    const { text, html } = renderMessage(message(), NOW);
    expect(text.startsWith('Kính gửi: Sở Tư pháp\n')).toBe(true);
    expect(text).toContain('Khối thi đua số 4 (tỉnh Đắk Nông)');
    expect(text).toContain('Trân trọng.');
    expect(text).toContain('Thư này được gửi tự động');
    expect(text).toContain('Hồ sơ, báo cáo xin gửi về: Sở Nội vụ (Khối phó)');
    expect(html).toContain('<html lang="vi">');
  });

  it('puts several notices of several kinds in one message, one section each', () => {
    const task = notice({ kind: 'taskReminder', itemId: 'tong-hop', title: 'Tổng hợp báo cáo sơ kết 6 tháng của Khối', to: [{ party: 'board', name: 'Ban Thi đua - Khen thưởng tỉnh' }] });
    const { subject, text } = renderMessage(message({ notices: [notice(), INVITATION, task] }), NOW);
    expect(subject).toBe('[Khối thi đua số 4] Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm (hạn 15/6/2020) và 2 việc khác');
    expect(text).toContain('1. Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm');
    expect(text).toContain('2. Giấy mời: Hội nghị sơ kết 6 tháng đầu năm');
    expect(text).toContain('Thời gian: 8 giờ 00, thứ Sáu, ngày 26/6/2020');
    expect(text).toContain('Địa điểm: Hội trường Sở Nội vụ, Gia Nghĩa');
    expect(text).toContain('3. Nhiệm vụ: Tổng hợp báo cáo sơ kết 6 tháng của Khối');
    expect(text).toContain('Báo cáo về: Ban Thi đua - Khen thưởng tỉnh');
  });

  it('names the new leader and deputy at the handover', () => {
    const handover = notice({ kind: 'handover', itemId: 'ban-giao', itemKind: 'handover', title: 'Bàn giao nhiệm vụ Khối trưởng', at: '2021-01-20T08:00:00.000+07:00' });
    const { subject, text } = renderMessage(
      message({
        notices: [handover],
        handover: { fromYear: 2020, toYear: 2021, newLeader: { id: 'so-noi-vu', name: 'Sở Nội vụ' }, newDeputy: { id: 'so-y-te', name: 'Sở Y tế' } },
      }),
      at('2021-01-19T01:00:00Z'),
    );
    expect(subject).toBe('[Khối thi đua số 4] Bàn giao: Bàn giao nhiệm vụ Khối trưởng (ngày 20/1/2021)');
    expect(text).toContain('Khối trưởng năm 2021: Sở Nội vụ');
    expect(text).toContain('Khối phó năm 2021: Sở Y tế');
  });

  it('digests missing units per item with days overdue, and the failed deliveries', () => {
    const row = { itemId: 'dang-ky', title: 'Hồ sơ đăng ký thi đua', unitId: 'so-y-te', unitName: 'Sở Y tế', dueAt: '2020-06-08T23:59:59.999+07:00' };
    const { subject, text } = renderMessage(
      message({
        key: 'khoi-4/2020/digest/2020-06-12',
        addressee: { kind: 'digest', name: 'Khối trưởng, Thư ký Khối', to: ['ktr@example.vn'], cc: [] },
        notices: [],
        digest: {
          rows: [row, { ...row, unitId: 'so-xd', unitName: 'Sở Xây dựng', dueAt: '2020-06-10T23:59:59.999+07:00' }, { ...row, itemId: 'cham-diem', title: 'Bảng tự chấm điểm' }],
          failures: [
            { messageKey: 'k', unitId: 'so-gtvt', unitName: 'Sở Giao thông vận tải', addresses: ['vt@gtvt.example.vn'], reason: '550 5.1.1: địa chỉ không tồn tại / no such mailbox', at: '2020-06-11T08:04:31.000+07:00', plannedAt: '2020-06-11T08:00:00.000+07:00' },
            // A failure recorded before units were named in the digest.
            { messageKey: 'k2', unitId: 'so-cu', addresses: ['a@cu.example.vn'], reason: '550 mailbox unavailable', at: '2020-06-11T08:00:00.000+07:00' },
          ],
        },
      }),
      NOW,
    );
    expect(subject).toBe('[Khối thi đua số 4] Đơn vị chưa nộp: Hồ sơ đăng ký thi đua và 1 việc khác');
    expect(text).toContain('1. Đơn vị chưa nộp: Hồ sơ đăng ký thi đua');
    expect(text).toMatch(/1 \| Sở Y tế \| .* \| đã quá hạn 4 ngày\n.*2 \| Sở Xây dựng \| .* \| đã quá hạn 2 ngày/);
    expect(text).toContain('2. Đơn vị chưa nộp: Bảng tự chấm điểm');
    expect(text).toContain('3. Thư nhắc không gửi được');
    // The reminder's time, not the failure's 8:04:31.
    expect(text).toMatch(/8 giờ 00[^|]*\| Sở Giao thông vận tải/);
    expect(text).toContain('| Sở Giao thông vận tải | vt@gtvt.example.vn | 550 5.1.1: địa chỉ không tồn tại / no such mailbox');
    expect(text).toContain('| so-cu | a@cu.example.vn | 550 mailbox unavailable');
  });
});

describe('a same-day deadline with a time', () => {
  // 26/11/2026 is a Thursday; the reminder goes at 05:00 the same morning.
  const sameDay = notice({ wording: 'ngày 26/11/2026', at: '2026-11-26T06:12:00.000+07:00', plannedAt: '2026-11-26T05:00:00.000+07:00' });
  const early = at('2026-11-25T22:00:00Z');

  it('gives its time in the subject, where the day alone would read as the end of it', () => {
    const { subject, text } = renderMessage(message({ notices: [sameDay] }), early);
    expect(subject).toBe('[Khối thi đua số 4] Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm (hạn 6 giờ 12 ngày 26/11/2026)');
    expect(text).toContain('Hạn cuối: 6 giờ 12, thứ Năm, ngày 26/11/2026');
    expect(text).toContain('Tình trạng: hôm nay là hạn cuối');
  });

  it('in English too, and a cut-off at the end of its day keeps the day alone', () => {
    expect(renderMessage(message({ bloc: { ...BLOC, language: 'en' }, notices: [sameDay] }), early).subject).toBe(
      '[Khối thi đua số 4] Reminder: Mid-year report (due 06:12, 26 November 2026)',
    );
    expect(renderMessage(message(), NOW).subject).toBe('[Khối thi đua số 4] Nhắc hạn: Báo cáo sơ kết 6 tháng đầu năm (hạn 15/6/2020)');
  });
});

describe('English', () => {
  it('uses the English title and English words when the bloc says so', () => {
    const { subject, text, html } = renderMessage(message({ bloc: { ...BLOC, language: 'en' }, notices: [notice(), INVITATION] }), NOW);
    expect(subject).toBe('[Khối thi đua số 4] Reminder: Mid-year report (due 15 June 2020) and 1 more item');
    expect(text.startsWith('To: Sở Tư pháp\n')).toBe(true);
    expect(text).toContain('Deadline: 23:59, Monday, 15 June 2020');
    expect(text).toContain('Status: 3 days left');
    expect(text).toContain('Status: in 14 days');
    expect(text).toContain('This is an automatic reminder');
    expect(html).toContain('<html lang="en">');
  });
});

describe('untrusted values', () => {
  const evil = '<script>alert(1)</script>';

  it('escapes every value in HTML and leaves the text part readable', () => {
    const { text, html } = renderMessage(
      message({
        addressee: { kind: 'unit', name: evil, to: ['a@example.vn'], cc: [] },
        notices: [notice({ title: `${evil} & "quotes"`, to: [{ party: 'leader', name: evil }] }), { ...INVITATION, location: evil }],
      }),
      NOW,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(text).toContain(`Kính gửi: ${evil}`);
  });

  it('keeps CR/LF out of the subject', () => {
    const { subject } = renderMessage(message({ notices: [notice({ title: 'Báo cáo\r\nBcc: victim@example.com' })] }), NOW);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('Báo cáo Bcc: victim@example.com');
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const decomposed = 'Sở Tư pháp'.normalize('NFD');
    const { subject, text, html } = renderMessage(message({ notices: [notice({ title: decomposed })], addressee: { kind: 'unit', name: decomposed, to: ['a@example.vn'], cc: [] } }), NOW);
    for (const s of [subject, text, html]) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s).toContain('Sở Tư pháp');
    }
  });

  it('refuses a message with nothing to say', () => {
    expect(() => renderMessage(message({ notices: [] }), NOW)).toThrow(/nothing to say/);
  });
});
