/**
 * Mail that does not go through: a refused address fails alone, a refused cc is a partial success,
 * a passing 4xx is retried without doubling anyone's mail, and every failure reaches the reminder
 * log and the next escalation digest.
 */
import * as msg from '../../workflows/messages';
import { FIXTURE_YEAR as Y, smallBloc } from '../support/fixtures';
import { useTimeSkippingEngine } from '../support/time-skipping-engine';

const engine = useTimeSkippingEngine();

test('a 550 for one unit leaves the others delivered and shows in the log and the digest', async () => {
  const { env, smtp, advanceTo, received } = engine();
  smtp.refuse('vanthu@so-c.example.vn', 550);
  smtp.refuse('giamdoc@so-b.example.vn', 550);
  smtp.failNext(1, 451);
  const { workflowId } = await engine().startYear(smallBloc(), Y);
  const handle = env.client.workflow.getHandle(workflowId);

  await advanceTo(`${Y}-06-07T08:05`);
  await smtp.waitFor(2);
  const subject = `[Khối thi đua thử nghiệm] Nhắc hạn: Báo cáo sơ kết 6 tháng (hạn 14/6/${Y})`;
  // Once each, although the first attempt met a 451: the retried batch resent only what was still owed.
  expect(received()).toEqual([`vanthu@so-a.example.vn: ${subject}`, `vanthu@so-b.example.vn: ${subject}`]);

  const log = await handle.query(msg.logQuery);
  const entry = (unit: string) => log.find((e) => e.addressee === unit);
  expect(entry('so-a')?.status).toBe('delivered');
  expect(entry('so-b')).toMatchObject({ status: 'partial', rejected: ['giamdoc@so-b.example.vn'] });
  expect(entry('so-c')).toMatchObject({ status: 'failed', to: ['vanthu@so-c.example.vn'] });
  expect(entry('so-c')?.error).toMatch(/550/);
  expect(entry('so-c')?.transient).toBeFalsy();

  // A permanent failure is not retried: so-c's next reminder is the next one planned, on 11/6.
  await advanceTo(`${Y}-06-17T08:05`);
  await smtp.waitFor(3);
  const digest = smtp.messages.find((m) => m.envelope.to.includes('thuky@khoi.example.vn'));
  expect(digest?.text).toMatch(/vanthu@so-c\.example\.vn/);
  expect(digest?.text).toMatch(/giamdoc@so-b\.example\.vn/);
  expect(digest?.html).toMatch(/vanthu@so-c\.example\.vn/);
  await handle.terminate('test over');
});
