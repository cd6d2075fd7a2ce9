/**
 * What a field the year's validators name is called where a person gave it: the CLI's option, the console form's
 * label in each language. One table, so that a field added to a validator is named the same on both faces.
 */
interface FieldLabel {
  option?: string;
  vi?: string;
  en?: string;
}

const LABELS: Record<string, FieldLabel> = {
  unitId: { option: '--unit', vi: 'Đơn vị', en: 'Unit' },
  itemId: { option: '--item', vi: 'Mục', en: 'Item' },
  receivedAt: { option: '--received', vi: 'Thời điểm nhận', en: 'Received at' },
  reference: { option: '--ref', vi: 'Số văn bản', en: 'Reference' },
  note: { option: '--note', vi: 'Ghi chú', en: 'Note' },
  until: { option: '--until', vi: 'Đến hết ngày', en: 'Until the end of' },
  reason: { option: '--reason', vi: 'Lý do', en: 'Reason' },
  date: { option: '--date', vi: 'Ngày', en: 'Date' },
  time: { option: '--time', vi: 'Giờ', en: 'Time' },
  allowPast: { option: '--past', vi: 'Ghi nhận ngày đã qua', en: 'Record a past date' },
  emails: { option: '--email', vi: 'Địa chỉ nhận', en: 'Addresses' },
  cc: { option: '--cc', vi: 'Đồng gửi', en: 'Cc' },
  apply: { option: '--yes' },
  sentOn: { option: '--sent-on', vi: 'Ngày gửi', en: 'Sent on' },
  file: { vi: 'Văn bản đính kèm', en: 'Attached document' },
  confirm: { vi: 'Xác nhận', en: 'Confirmation' },
  decision: { vi: 'Trả lời', en: 'Answer' },
  via: { vi: 'Đường dẫn', en: 'Link' },
  handover: { vi: 'Chuyển giao', en: 'Handover' },
  // bloc score
  points: { option: '--points' },
  deductions: { option: '--deduct' },
  deducted: { option: '--deduct' },
  bonus: { option: '--bonus' },
  justification: { option: '--justify' },
  consent: { option: '--consent' },
  by: { option: '--by', vi: 'Người báo', en: 'Declared by' },
  criterion: { option: '--criterion' },
  criteria: { option: '--criterion' },
  conferenceDate: { option: '--date' },
  minutes: { option: '--minutes' },
  agreed: { option: '--agree' },
  // bloc register, bloc ballot, and the unit's page
  titles: { option: '--titles', vi: 'Danh hiệu đăng ký', en: 'Titles registered' },
  titleId: { option: '--title', vi: 'Danh hiệu', en: 'Title' },
  round: { option: '--round', vi: 'Vòng', en: 'Round' },
  candidates: { option: '--candidates', vi: 'Ứng viên', en: 'Candidates' },
  ballots: { option: '--ballots', vi: 'Số phiếu đã bỏ', en: 'Ballots cast' },
  valid: { option: '--valid', vi: 'Số phiếu hợp lệ', en: 'Valid ballots' },
  votes: { option: '--votes', vi: 'Số phiếu bầu', en: 'Votes' },
  choice: { vi: 'Phiếu bầu', en: 'Your choice' },
  sealed: { vi: 'Phiếu bầu', en: 'Your choice' },
};

/** The CLI option a field came from, if a command takes it as one. */
export function optionOf(field: string): string | undefined {
  return LABELS[field]?.option;
}

/** A form's label for the field in `lang`; the field's own name where no form has it. */
export function labelOf(field: string, lang: 'vi' | 'en'): string {
  return LABELS[field]?.[lang] ?? field;
}
