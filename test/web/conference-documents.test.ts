/**
 * The conference's minutes and proposal downloaded from the console, as `bloc documents` writes them: before the
 * conference has its day the link says why in the reader's language; once it has, the secretariat gets the
 * two DOCX drafts with the year's units and figures. On the time-skipping server, in the fixture year.
 */
import { startBlocYear } from '../../client/start-year';
import * as msg from '../../workflows/messages';
import { workflowIdFor } from '../../workflows/model';
import { readDocx } from '../support/docx-text';
import { FIXTURE_YEAR as Y, scoredBloc, seedPoints } from '../support/fixtures';
import { PROVISION_TIMEOUT_MS } from '../support/temporal';
import { ACCOUNTS, startTimeSkippingConsole, WebAgent, type TimeSkippingConsole } from '../support/web';

let fx: TimeSkippingConsole;

beforeAll(async () => {
  fx = await startTimeSkippingConsole();
  await fx.engine.advanceTo(`${Y}-12-01T09:00`);
  await startBlocYear(fx.engine.env.client, scoredBloc(), Y, { taskQueue: fx.engine.taskQueue, now: new Date(await fx.engine.env.currentTimeMs()) });
}, PROVISION_TIMEOUT_MS);

afterAll(async () => {
  await fx?.teardown();
});

test('the matrix links both drafts; without the conference’s day they are refused in the reader’s words, with it they download', async () => {
  const handle = fx.engine.env.client.workflow.getHandle(workflowIdFor('thu-nghiem', Y));
  const agent = new WebAgent(fx.web.url);
  await agent.signIn(ACCOUNTS.secretariat.name);
  const year = `/khoi/thu-nghiem/${Y}`;
  const matrix = await (await agent.request(year)).text();
  expect(matrix).toContain(`<a href="${year}/bien-ban.docx">Biên bản hội nghị (.docx)</a>`);
  expect(matrix).toContain(`<a href="${year}/to-trinh.docx">Tờ trình khen thưởng (.docx)</a>`);

  await handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-a', points: seedPoints(0) }] });
  await handle.executeUpdate(msg.submitScore, { args: [{ unitId: 'so-b', points: seedPoints(1) }] });
  const early = await agent.request(`${year}/bien-ban.docx`);
  expect(early.status).toBe(422);
  const refusal = await early.text();
  expect(/role="alert">([^<]*)/.exec(refusal)?.[1]).toBe('Hội nghị tổng kết (mục &quot;hoi-nghi-tong-ket&quot;) chưa có ngày (tháng 1/2050)');
  expect(refusal).toContain(`<a href="${year}/muc/hoi-nghi-tong-ket">Ấn định ngày Hội nghị</a>`);
  await agent.request(`/ngon-ngu?lang=en&next=${encodeURIComponent(year)}`);
  expect(/role="alert">([^<]*)/.exec(await (await agent.request(`${year}/to-trinh.docx`)).text())?.[1]).toBe('the conference has no day yet');
  await agent.request(`/ngon-ngu?lang=vi&next=${encodeURIComponent(year)}`);

  await handle.executeUpdate(msg.reschedule, { args: [{ itemId: 'hoi-nghi-tong-ket', date: `${Y + 1}-01-14`, time: '08:30' }] });
  const minutes = await agent.request(`${year}/bien-ban.docx`);
  expect([minutes.status, minutes.headers.get('content-disposition')]).toEqual([200, `attachment; filename="bien-ban-hoi-nghi-thu-nghiem-${Y}.docx"`]);
  const read = await readDocx(Buffer.from(await minutes.arrayBuffer()));
  expect(read.paragraphs).toContain(`Thời gian: 8 giờ 30, thứ Sáu, ngày 14/1/${Y + 1}.`);
  expect(read.tables[1]?.slice(1).map((row) => row.slice(0, 2))).toEqual([
    ['1', 'Sở A'],
    ['2', 'Sở B'],
    ['—', 'Sở Cê (chưa gửi bảng tự chấm điểm)'],
  ]);
  const proposal = await agent.request(`${year}/to-trinh.docx`);
  expect(proposal.headers.get('content-disposition')).toBe(`attachment; filename="to-trinh-khen-thuong-thu-nghiem-${Y}.docx"`);
  expect((await readDocx(Buffer.from(await proposal.arrayBuffer()))).paragraphs).toContain('Kính gửi: Ban Thi đua - Khen thưởng tỉnh.');
});
