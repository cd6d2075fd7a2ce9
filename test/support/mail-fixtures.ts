/** Messages as the workflow hands them to the mail activity, after the 2020 plan of Bloc No. 4 (Đắk Nông). */
import type { Notice, OutgoingMessage } from '../../activities/types';

export const BLOC: OutgoingMessage['bloc'] = {
  id: 'khoi-4',
  name: 'Khối thi đua số 4',
  province: 'tỉnh Đắk Nông',
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
};

export function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    key: 'khoi-4/2020/bao-cao-6-thang/so-tu-phap/P3D',
    kind: 'reminder',
    itemId: 'bao-cao-6-thang',
    itemKind: 'deadline',
    title: 'Báo cáo sơ kết 6 tháng đầu năm',
    titleEn: 'Mid-year report',
    wording: 'trước ngày 15/6/2020',
    at: '2020-06-15T23:59:59.999+07:00',
    to: [{ party: 'deputy', name: 'Sở Nội vụ' }],
    sequence: 0,
    extended: false,
    plannedAt: '2020-06-12T08:00:00.000+07:00',
    ...overrides,
  };
}

export const INVITATION = notice({
  key: 'khoi-4/2020/hoi-nghi-so-ket/so-tu-phap/P3D',
  kind: 'invitation',
  itemId: 'hoi-nghi-so-ket',
  itemKind: 'event',
  title: 'Hội nghị sơ kết 6 tháng đầu năm',
  titleEn: 'Mid-year review conference',
  wording: 'Quý II/2020',
  at: '2020-06-26T08:00:00.000+07:00',
  location: 'Hội trường Sở Nội vụ, Gia Nghĩa',
  to: [{ party: 'deputy', name: 'Sở Nội vụ' }],
  sequence: 2,
});

export function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    key: 'khoi-4/2020/so-tu-phap/2020-06-12',
    bloc: BLOC,
    year: 2020,
    addressee: { kind: 'unit', unitId: 'so-tu-phap', name: 'Sở Tư pháp', to: ['vanthu@stp.example.vn'], cc: [] },
    notices: [notice()],
    ...overrides,
  };
}

/** 08:00 on Friday 12 June 2020 in Vietnam: three days before the mid-year report is due. */
export const NOW = new Date('2020-06-12T01:00:00.000Z');
