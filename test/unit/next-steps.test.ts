/** What the matrix points the secretariat to next, on the Đắk Nông plan for 2027, at dates written down. */
import { instantiate } from '../../calendar/instantiate';
import { loadBlocConfig } from '../../config/load';
import { nextSteps } from '../../client/next-steps';
import type { StageView } from '../../workflows/messages';

const plan = instantiate(loadBlocConfig('config/blocs/dak-nong-khoi-4.yaml'), 2027);
const running: StageView = {
  blocName: 'Khối thi đua số 4',
  stage: 'running',
  handoverHeld: false,
  nextYear: 2028,
  next: { leader: 'so-tu-phap', deputy: 'so-y-te' },
  moves: [],
  cancelled: [],
  restored: [],
  unitChanges: [],
  roleChanges: [],
};
const at = (day: string) => `${day}T09:00:00.000+07:00`;

test('nothing to do while no window is within thirty days', () => {
  expect(nextSteps(plan, running, at('2027-02-20'))).toEqual([]);
});

test('the items of a window opening within thirty days, or open, that have no day yet', () => {
  const q2 = ['dang-ky-thi-dua', 'giao-luu-ngay-le', 'giao-luu-dien-hinh', 'hoi-nghi-so-ket'].map((itemId) => ({ kind: 'set-day', itemId, windowOver: false }));
  expect(nextSteps(plan, running, at('2027-03-05'))).toEqual(q2);
  // A cancelled item asks for nothing.
  const cancelled = { ...running, cancelled: [{ itemId: 'giao-luu-ngay-le', at: at('2027-03-01') }] };
  expect(nextSteps(plan, cancelled, at('2027-03-05')).map((s) => 'itemId' in s && s.itemId)).toEqual(['dang-ky-thi-dua', 'giao-luu-dien-hinh', 'hoi-nghi-so-ket']);
});

test('in December: windows gone by without a day come first, then the January conference', () => {
  const steps = nextSteps(plan, running, at('2027-12-10'));
  expect(steps.filter((s) => s.kind === 'set-day' && s.windowOver).map((s) => 'itemId' in s && s.itemId)).toEqual([
    'dang-ky-thi-dua', 'giao-luu-ngay-le', 'giao-luu-dien-hinh', 'hoi-nghi-so-ket', 'hoi-thao', 'giao-luu-toa-dam',
  ]);
  expect(steps.slice(-2)).toEqual([
    { kind: 'set-day', itemId: 'tong-hop-cuoi-nam', windowOver: false },
    { kind: 'set-day', itemId: 'hoi-nghi-tong-ket', windowOver: false },
  ]);
});

test('a handover held waits to be confirmed, before anything else; once done, only the next year', () => {
  const held = { ...running, stage: 'awaiting-handover' as const, handoverHeld: true };
  expect(nextSteps(plan, held, at('2028-02-10'))[0]).toEqual({ kind: 'hand-over', itemId: 'ban-giao' });
  const done = { ...running, stage: 'handed-over' as const, handover: { at: at('2028-02-02'), nextYearStarted: true } } as StageView;
  expect(nextSteps(plan, done, at('2028-02-10'))).toEqual([{ kind: 'handed-over', at: at('2028-02-02'), nextYear: 2028 }]);
});
