/**
 * The bloc changes shape mid-year: a unit renamed keeps its history, a merged unit's submission and open
 * items pass to the unit it joined, a unit that leaves stops getting reminders and keeps its record, and
 * nobody is reminded twice. The matrix and the CSV say the names of then and now.
 */
import { EXPORT_HEADER, exportRows } from '../../client/export-rows';
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const engine = useTimeSkippingEngine();

test('a rename, a merge and a unit leaving, mid-year', async () => {
  const { env, smtp, advanceTo, startYear } = engine();
  const config = smallBloc((c) => {
    c.units.push({ id: 'so-d', name: 'Sở Đê', emails: ['vanthu@so-d.example.vn'] });
    // A report only Sở Cê owes, due before 20/6: after the merge it is Sở A's.
    c.items.push({ id: 'bao-cao-rieng', kind: 'deadline', title: 'Báo cáo chuyên đề', from: ['so-c'], to: ['leader'], due: { before: '20/6' } });
  });
  const { workflowId } = await startYear(config, Y);
  const handle = env.client.workflow.getHandle(workflowId);
  const update = handle.executeUpdate.bind(handle);

  await advanceTo(`${Y}-06-01T10:00`);
  await update(msg.recordSubmission, { args: [{ unitId: 'so-c', itemId: 'bao-cao-6-thang', reference: '7/BC-SC' }] });
  await update(msg.renameUnit, { args: [{ unitId: 'so-c', name: 'Sở Cê và Đê', reason: 'Quyết định 12/QĐ-UBND' }] });
  await update(msg.mergeUnits, { args: [{ unitId: 'so-c', into: 'so-a', reason: 'Quyết định 13/QĐ-UBND' }] });
  await update(msg.retireUnit, { args: [{ unitId: 'so-d', reason: 'Giải thể' }] });
  expect(await refusal(update(msg.retireUnit, { args: [{ unitId: 'so-b' }] }))).toMatch(/^unitId: đơn vị "so-b" đang là Khối trưởng\/Khối phó; đổi vai trò trước/);
  expect(await refusal(update(msg.recordSubmission, { args: [{ unitId: 'so-c', itemId: 'bao-cao-6-thang' }] }))).toMatch(/^unitId: đơn vị "so-c" đã thôi tham gia Khối từ \d+ giờ \d\d, thứ [^,]+, ngày \d+\/\d+\/\d{4}; ghi nhận cho Sở A \//);

  // 7/6: only Sở B is reminded of the 6-month report: Sở A has Sở Cê's, Sở Cê and Sở Đê are gone.
  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(1);
  // 11/6: Sở B's last reminder of the report (Sunday 13/6 moved to Friday). Monday 14/6: Sở A's first of the
  // report it took over (due before 20/6: Saturday 19/6 rolls to Monday 21/6, a week later).
  await advanceTo(`${Y}-06-11T08:05`);
  await smtp.waitFor(2);
  await advanceTo(`${Y}-06-14T08:05`);
  await smtp.waitFor(3);
  await advanceTo(`${Y}-06-14T12:00`);
  const told = smtp.messages.map((m) => `${m.envelope.to.filter((a) => a.startsWith('vanthu@')).join()}: ${m.subject}`);
  expect(told).toEqual([
    `vanthu@so-b.example.vn: [Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`,
    `vanthu@so-b.example.vn: [Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`,
    `vanthu@so-a.example.vn: [Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo chuyên đề (hạn 21/6/${Y})`,
  ]);

  const status = await handle.query(msg.statusQuery, { at: `${Y}-06-12T09:00:00+07:00` });
  const cell = (item: string, unit: string) => status.cells.find((c) => c.itemId === item && c.unitId === unit);
  expect(cell('bao-cao-6-thang', 'so-a')).toMatchObject({ state: 'submitted-on-time', via: 'so-c', reference: '7/BC-SC' });
  expect(cell('bao-cao-6-thang', 'so-c')).toMatchObject({ state: 'submitted-on-time', nameThen: 'Sở Cê' });
  expect(cell('bao-cao-6-thang', 'so-d')).toMatchObject({ state: 'retired' });
  expect(status.units.find((u) => u.id === 'so-c')?.name).toBe('Sở Cê và Đê');

  const rows = exportRows(status, await handle.query(msg.timelineQuery)).filter((r) => r[2] === 'bao-cao-6-thang').map((r) => [r[0], r[1], r[5], r[EXPORT_HEADER.indexOf('Tên khi nộp')]]);
  expect(rows).toEqual([
    ['so-a', 'Sở A', 'đúng hạn', 'Sở Cê và Đê (sáp nhập)'],
    ['so-b', 'Sở B', 'chưa đến hạn', ''],
    ['so-c', 'Sở Cê và Đê', 'đúng hạn', 'Sở Cê'],
    ['so-d', 'Sở Đê', 'đã thôi tham gia', ''],
  ]);
  const stage = await handle.query(msg.stageQuery);
  expect(stage.unitChanges.map((c) => [c.kind, c.unitId, c.name, c.newName ?? c.into ?? ''])).toEqual([
    ['renamed', 'so-c', 'Sở Cê', 'Sở Cê và Đê'],
    ['merged', 'so-c', 'Sở Cê và Đê', 'so-a'],
    ['retired', 'so-d', 'Sở Đê', ''],
  ]);
  await handle.terminate('test over');
});

test('a new deputy mid-year, with its reason: the deputy\'s task passes to it, and the record keeps who held the seat', async () => {
  const { env, advanceTo, startYear } = engine();
  const { workflowId } = await startYear(smallBloc((c) => void (c.bloc.id = 'thu-nghiem-vai-tro')), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  await advanceTo(`${Y}-06-15T10:00`);

  expect(await refusal(handle.executeUpdate(msg.changeRoles, { args: [{ deputy: 'so-c', reason: '' }] }))).toMatch(/^reason: cần nêu lý do/);
  expect(await refusal(handle.executeUpdate(msg.changeRoles, { args: [{ deputy: 'so-a', reason: 'Nhầm' }] }))).toMatch(/^deputy: Khối phó phải khác Khối trưởng/);
  const roles = await handle.executeUpdate(msg.changeRoles, { args: [{ deputy: 'so-c', reason: 'Quyết định 20/QĐ-UBND' }] });
  expect(roles).toEqual({ leader: 'so-a', deputy: 'so-c' });

  const timeline = await handle.query(msg.timelineQuery);
  expect(timeline.roles).toEqual({ leader: 'so-a', deputy: 'so-c' });
  expect(timeline.items.find((i) => i.id === 'tong-hop-6-thang')?.units).toEqual(['so-c']);
  const stage = await handle.query(msg.stageQuery);
  expect(stage.roleChanges).toEqual([
    { at: expect.stringMatching(new RegExp(`^${Y}-06-15T10:00`)), from: { leader: 'so-a', deputy: 'so-b' }, to: { leader: 'so-a', deputy: 'so-c' }, reason: 'Quyết định 20/QĐ-UBND' },
  ]);
  // The next year's leader is the deputy of the day: Sở Cê.
  expect(stage.next.leader).toBe('so-c');
  await handle.terminate('test over');
});
