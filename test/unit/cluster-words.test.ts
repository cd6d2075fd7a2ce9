/**
 * A province has blocs (khối) and clusters (cụm). A cluster's plan says so once (`bloc.kind: cum`), and every
 * email, table and export of its year then speaks of Cụm trưởng, Cụm phó and Thư ký Cụm, never of a Khối.
 */
import { DateTime } from 'luxon';
import { renderMessage } from '../../activities/mail/templates';
import { planYear } from '../../calendar/schedule';
import { parseBlocConfig } from '../../config/load';
import { planVi } from '../../client/commands/plan';
import { matrixVi } from '../../client/commands/bloc-status';
import { timelineVi } from '../../client/commands/bloc-records';
import { overdueVi } from '../../client/commands/bloc-overdue';
import { handoverVi } from '../../client/commands/bloc-year-end';
import { EXPORT_HEADER, exportRows } from '../../client/export-rows';
import { csv } from '../../client/output';
import { termsOf } from '../../client/cell-wording';
import { agenda } from '../../workflows/agenda';
import * as changes from '../../workflows/changes';
import type { StageView } from '../../workflows/messages';
import { initialState } from '../../workflows/model';
import { buildHandoverMessages, buildMessage, nextRoles } from '../../workflows/outgoing';
import { planRequestOf } from '../../workflows/plan';
import { recordOutcomes } from '../../workflows/sent-log';
import { overdueAt, statusView } from '../../workflows/status';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();

const cluster = (language: 'vi' | 'en' = 'vi') =>
  smallBloc((c) => {
    c.bloc = { id: 'cum-2', name: 'Cụm thi đua số 2', province: 'Đắk Nông', kind: 'cum', language };
    c.secretariat = { name: 'Văn phòng Cụm', emails: ['thuky@cum.example.vn'] };
    for (const item of c.items ?? []) item.title = item.title.replace('Hội thao Khối', 'Hội thao').replace('Khối trưởng', 'Cụm trưởng');
  });

/** Every message the year sends up to the handover: reminders, a task, follow-ups, a digest with a failure, the handover. */
function yearOfMail(language: 'vi' | 'en') {
  const state = initialState({ config: cluster(language), year: Y }, `${Y - 1}-11-01T00:00:00.000+07:00`);
  const schedule = planYear(planRequestOf(state));
  state.pendingFailures.push({ messageKey: 'k', unitId: 'so-c', addresses: ['vanthu@so-c.example.vn'], reason: '550 5.1.1: địa chỉ không tồn tại / no such mailbox', at: `${Y}-06-07T08:00:00.000+07:00` });
  const messages = [`${Y}-06-07T08:00`, `${Y}-06-17T08:00`, `${Y}-06-24T08:00`].flatMap((local) => {
    const built = agenda(schedule, state, at(local)).messages.map((m) => buildMessage(state, schedule, m, at(local)));
    const sentAt = DateTime.fromMillis(at(local), { zone: ZONE }).toISO() ?? '';
    const delivered = built.map((m) => ({ key: m.key, status: 'delivered' as const, result: { messageId: `<${m.key}>`, accepted: m.addressee.to, rejected: [], sentAt } }));
    recordOutcomes(state, built, delivered, () => sentAt, sentAt);
    return built;
  });
  messages.push(...buildHandoverMessages(state, schedule, nextRoles(state), at(`${Y + 1}-02-01T08:00`)));
  return messages.map((m) => ({ message: m, rendered: renderMessage(m, new Date(m.asOf ?? `${Y + 1}-02-01T08:00:00+07:00`)) }));
}

describe('a cluster’s emails', () => {
  const mail = yearOfMail('vi');
  const everything = mail.map(({ rendered: r }) => `${r.subject}\n${r.text}\n${r.html}`).join('\n');

  it('send reminders, a task, follow-ups, a digest and the handover, none of them with the word Khối', () => {
    const kinds = new Set(mail.flatMap(({ message: m }) => [...(m.digest ? ['digest'] : []), ...m.notices.map((n) => n.kind)]));
    expect([...kinds].sort()).toEqual(['digest', 'followUp', 'handover', 'reminder', 'taskReminder']);
    expect(everything).not.toMatch(/khối/i);
  });

  it('name the roles as a cluster does', () => {
    expect(everything).toContain('Hồ sơ, báo cáo xin gửi về: Sở B (Cụm phó). Thư nhắc sẽ dừng khi Thư ký Cụm ghi nhận đơn vị đã nộp.');
    expect(everything).toContain('Thư tổng hợp gửi Cụm trưởng và Thư ký Cụm để theo dõi, đôn đốc.');
    expect(everything).toContain(`Cụm trưởng năm ${Y + 1}: Sở B`);
    expect(everything).toContain(`Cụm phó năm ${Y + 1}: Sở Cê`);
    expect(everything).toContain(`Cụm trưởng năm ${Y + 1} chủ trì xây dựng Giao ước thi đua năm ${Y + 1} và điều hành hoạt động của Cụm từ nay.`);
  });

  it('name the unit a reminder could not reach, not its id', () => {
    expect(everything).toContain('| Sở Cê | vanthu@so-c.example.vn | 550 5.1.1: địa chỉ không tồn tại / no such mailbox');
  });

  it('in English too: cluster leader, deputy leader, cluster secretariat', () => {
    const english = yearOfMail('en').map(({ rendered: r }) => `${r.subject}\n${r.text}`).join('\n');
    expect(english).not.toMatch(/khối|\bbloc\b/i);
    expect(english).toContain('Sở B (deputy leader)');
    expect(english).toContain('Reminders stop once the cluster secretariat records your submission.');
    expect(english).toContain(`Cluster leader for ${Y + 1}: Sở B`);
  });
});

describe('a cluster’s tables and export', () => {
  const config = cluster();
  const state = initialState({ config, year: Y }, `${Y - 1}-11-01T00:00:00.000+07:00`);
  const schedule = planYear(planRequestOf(state));
  const judged = at(`${Y}-10-02T08:00`);
  const view = statusView(schedule, state, judged);
  const stage: StageView = {
    blocName: 'Cụm thi đua số 2',
    stage: 'running',
    handoverHeld: false,
    nextYear: Y + 1,
    next: nextRoles(state),
    unitChanges: [],
    roleChanges: [],
    moves: [],
    cancelled: [],
    restored: [],
  };
  const names = new Map(config.units.map((u) => [u.id, u.name]));

  const tables = {
    plan: planVi(config, schedule),
    status: matrixVi(view, schedule),
    timeline: timelineVi({ schedule, stage }, view.at),
    overdue: overdueVi([{ blocId: 'cum-2', year: Y, at: view.at, items: overdueAt(schedule, state, judged), terms: termsOf(schedule) }]),
    handover: handoverVi(stage, names, false, termsOf(schedule)),
    csv: csv(EXPORT_HEADER, exportRows(view, schedule)),
  };

  it.each(Object.keys(tables))('%s says Cụm where a bloc would say Khối', (name) => {
    expect(tables[name as keyof typeof tables]).not.toMatch(/khối/i);
  });

  it('heads them with the cluster’s words', () => {
    expect(tables.plan).toContain('Cụm trưởng: Sở A; Cụm phó: Sở B');
    expect(tables.plan).toMatch(/bao-cao-6-thang +hạn nộp .* Cụm phó +/);
    expect(tables.status.startsWith(`Cụm thi đua số 2 (cum-2), năm ${Y}, tình hình lúc 8 giờ 00, thứ Bảy, ngày 2/10/${Y}`)).toBe(true);
    expect(tables.overdue.split('\n')[0]).toMatch(/^Cụm +Năm +Mục +Đơn vị +Hạn +Quá hạn$/);
    expect(tables.handover).toContain(`Cụm trưởng năm ${Y + 1}: Sở B; Cụm phó: Sở Cê`);
    expect(tables.csv.split('\r\n')[0]).toBe('\uFEFFMã đơn vị,Tên đơn vị,Mã mục,Tên mục,Hạn,Tình trạng,Nhận lúc,Số văn bản,Số ngày muộn/quá hạn,Tên khi nộp');
  });

  it('refuses to cancel the handover in its words', () => {
    expect(() => changes.acceptCancel(schedule, state, { itemId: 'chuyen-giao' })).toThrow('không thể hủy việc chuyển giao Cụm trưởng');
  });

  it('a window that ended without its day says so in the matrix and the export', () => {
    // The sports event has Q3 and no day; deadlines and tasks are what the matrix tracks, so give one a window.
    const withWindow = smallBloc((c) => {
      c.bloc = { id: 'cum-2', name: 'Cụm thi đua số 2', province: 'Đắk Nông', kind: 'cum' };
      c.items?.push({ id: 'dang-ky', kind: 'deadline', title: 'Hồ sơ đăng ký thi đua', from: 'all', to: ['leader'], due: { window: 'Q2' } });
    });
    const s = initialState({ config: withWindow, year: Y }, `${Y - 1}-11-01T00:00:00.000+07:00`);
    const plan = planYear(planRequestOf(s));
    const during = statusView(plan, s, at(`${Y}-06-30T08:00`));
    const after = statusView(plan, s, at(`${Y}-07-01T08:00`));
    expect(matrixVi(during, plan)).toMatch(/Sở A .*chờ ấn định ngày/);
    expect(matrixVi(after, plan)).toMatch(/Sở A .*hết Quý II\/2049 mà chưa ấn định ngày/);
    expect(exportRows(after, plan).find((r) => r[0] === 'so-a' && r[2] === 'dang-ky')?.[5]).toBe('hết Quý II/2049 mà chưa ấn định ngày');
    expect(timelineVi({ schedule: plan, stage }, after.at)).toMatch(/dang-ky .*\(hết Quý II\/2049 mà chưa ấn định ngày \/ window over, no day set\)/);
  });
});

describe('a cluster’s plan file', () => {
  it('is a Khối unless it says otherwise, and refuses a kind it does not know', () => {
    expect(smallBloc().bloc.kind).toBe('khoi');
    expect(() => smallBloc((c) => {
      (c.bloc as { kind?: string }).kind = 'to';
    })).toThrow('bloc.kind = "to": phải là khoi (Khối) hoặc cum (Cụm) / must be khoi (bloc) or cum (cluster)');
  });

  it('takes its own words for a role, one line each', () => {
    const own = parseBlocConfig({ ...cluster(), bloc: { ...cluster().bloc, terms: { leader: 'Trưởng Cụm' } } }, 'cum.yaml');
    expect(planVi(own, planYear({ config: own, year: Y }))).toContain('Trưởng Cụm: Sở A; Cụm phó: Sở B');
    expect(() => parseBlocConfig({ ...cluster(), bloc: { ...cluster().bloc, terms: { leader: 'Trưởng\nCụm' } } }, 'cum.yaml')).toThrow(
      /bloc\.terms\.leader = "Trưởng\\nCụm": chỉ được viết trên một dòng/,
    );
  });

  it('words the deputy-leader rule in its own terms', () => {
    expect(() => smallBloc((c) => {
      c.bloc = { ...c.bloc, kind: 'cum' };
      c.roles = { leader: 'so-a', deputy: 'so-a' };
    })).toThrow('Cụm phó phải khác Cụm trưởng / the deputy leader must differ from the cluster leader');
  });
});
