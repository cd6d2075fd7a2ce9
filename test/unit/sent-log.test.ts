import type { OutgoingMessage, SendOutcome } from '../../activities/types';
import { initialState } from '../../workflows/model';
import { recordOutcomes } from '../../workflows/sent-log';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';

const AT = `${Y}-06-17T08:00:00.000+07:00`;
const bloc = { id: 'thu-nghiem', name: 'Khối thi đua thử nghiệm', province: 'Đắk Nông', language: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh' };

function message(key: string, unitId?: string): OutgoingMessage {
  return {
    key,
    bloc,
    year: Y,
    addressee: { kind: unitId ? 'unit' : 'digest', unitId, name: unitId ?? 'Sở A, Thư ký Khối', to: [`vanthu@${unitId ?? 'khoi'}.example.vn`], cc: [] },
    notices: [],
    ...(unitId ? {} : { digest: { rows: [], failures: [] } }),
  };
}

const refused = (key: string): SendOutcome => ({ key, status: 'failed', permanent: true, error: '550 no such user', addresses: ['x@so-c.example.vn'], at: AT });
const delivered = (key: string): SendOutcome => ({ key, status: 'delivered', result: { messageId: `<${key}>`, accepted: ['a'], rejected: [], sentAt: AT } });

describe('the reminder log', () => {
  it('keeps a failure for the next digest, and forgets it once a digest went out', () => {
    const state = initialState({ config: smallBloc(), year: Y }, AT);
    recordOutcomes(state, [message('m1', 'so-c')], [refused('m1')], () => AT, AT);
    expect(state.log).toMatchObject([{ messageKey: 'm1', addressee: 'so-c', status: 'failed', error: '550 no such user', transient: false }]);
    expect(state.pendingFailures).toHaveLength(1);

    // A digest that itself fails has shown nothing: the failures wait for the next one.
    recordOutcomes(state, [message('d1')], [refused('d1')], () => AT, AT);
    expect(state.pendingFailures.map((f) => f.messageKey)).toEqual(['m1', 'd1']);

    recordOutcomes(state, [message('d2')], [delivered('d2')], () => AT, AT);
    expect(state.pendingFailures).toEqual([]);
    expect(state.log.map((e) => [e.messageKey, e.status])).toEqual([
      ['m1', 'failed'],
      ['d1', 'failed'],
      ['d2', 'delivered'],
    ]);
  });
});
