/**
 * Every Update acts on exactly what its validator accepted, and a refusal fails the Update, never the
 * workflow task: a year cannot be wedged by a change the secretariat sends.
 */
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';
import { refusal } from '../support/updates';

const engine = useTimeSkippingEngine();

test('replaceCalendar: a decision without its optional fields works, a day outside its year is refused by name', async () => {
  const { env, advanceTo } = engine();
  const { workflowId } = await engine().startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);
  await advanceTo(`${Y}-03-01T09:00`);

  // Only year and daysOff: no source, no workingDays, no replaces. Monday 14/6, the report's last day, becomes
  // a day off, so the report rolls to the end of Tuesday 15/6.
  const decisions = [{ year: Y, daysOff: [{ date: `${Y}-06-14`, name: 'Nghỉ theo quyết định của tỉnh' }] }];
  const calendar = (apply: boolean, d: unknown = decisions) => handle.executeUpdate(msg.replaceCalendar, { args: [{ blocId: 'thu-nghiem', decisions: d, apply } as never] });
  // Asked first without applying: it says what would move, and nothing moves.
  const preview = await calendar(false);
  expect(preview).toMatchObject({ applied: false, moved: ['bao-cao-6-thang'] });
  expect((await handle.query(msg.timelineQuery)).items.find((i) => i.id === 'bao-cao-6-thang')?.at).toBe(`${Y}-06-14T23:59:59.999+07:00`);
  const applied = await calendar(true);
  expect(applied).toMatchObject({ applied: true, moved: ['bao-cao-6-thang'] });
  expect(applied.changes.find((c) => c.itemId === 'bao-cao-6-thang' && c.field === 'at')).toEqual({
    itemId: 'bao-cao-6-thang',
    field: 'at',
    before: [`${Y}-06-14T23:59:59.999+07:00`],
    after: [`${Y}-06-15T23:59:59.999+07:00`],
  });
  const timeline = await handle.query(msg.timelineQuery);
  expect(timeline.items.find((i) => i.id === 'bao-cao-6-thang')).toMatchObject({
    at: `${Y}-06-15T23:59:59.999+07:00`,
    rolled: true,
    reminders: [`${Y}-06-08T08:00:00.000+07:00`, `${Y}-06-11T08:00:00.000+07:00`],
  });

  const outside = await refusal(calendar(true, [{ year: Y, daysOff: [{ date: `${Y + 1}-01-02`, name: 'Nghỉ' }] }]));
  expect(outside).toBe(`decisions[0].daysOff[0].date: ngày 2/1/${Y + 1} nằm ngoài năm ${Y} / 2 January ${Y + 1} is outside ${Y}`);
  expect(await refusal(calendar(true, [{ year: Y + 5, daysOff: [] }]))).toMatch(/^decisions\[0\]\.year: /);
  expect(await refusal(calendar(true, 'none'))).toMatch(/^decisions: /);
  const foreign = await refusal(handle.executeUpdate(msg.replaceCalendar, { args: [{ blocId: 'khoi-khac', decisions: [], apply: true }] }));
  expect(foreign).toMatch(/^blocId: lịch này của Khối "khoi-khac", không phải "thu-nghiem"/);

  // The refused calendars changed nothing: the accepted one still stands.
  expect((await handle.query(msg.timelineQuery)).items.find((i) => i.id === 'bao-cao-6-thang')?.at).toBe(`${Y}-06-15T23:59:59.999+07:00`);

  // A query judged at a malformed instant is refused, not answered at NaN.
  await expect(handle.query(msg.overdueQuery, { at: 'hôm qua' })).rejects.toThrow(/^at: "hôm qua" không phải thời điểm ISO-8601/);

  const history = await handle.fetchHistory();
  expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  await handle.terminate('test over');
});
