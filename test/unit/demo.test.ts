/**
 * The demonstration bloc's times, filled in from one instant: its schedule as the engine will plan it.
 * The instants are fixed ones of the fixture year; only `npm start` times it from the real present.
 */
import { planYear } from '../../calendar/schedule';
import { buildDemonstration, DEMO_FILE } from '../../config/demo';
import { ConfigError, formatProblem, loadBlocConfig } from '../../config/load';
import { FIXTURE_YEAR } from '../support/fixtures';

const Y = FIXTURE_YEAR;
const at = (local: string) => new Date(`${local}+07:00`);
const instants = (now: Date, stepMinutes?: number) => {
  const demo = buildDemonstration(now, { stepMinutes });
  const schedule = planYear({ config: demo.config, year: demo.year });
  return { demo, items: Object.fromEntries(schedule.items.map((i) => [i.id, { at: i.at, reminders: i.reminders, followUps: i.followUps }])) };
};

describe('the demonstration bloc', () => {
  it('counts its steps of three minutes from the first whole minute at least half a minute after the start', () => {
    const { demo, items } = instants(at(`${Y}-06-10T09:30:29`));
    expect(demo.config.bloc).toMatchObject({ id: `trinh-dien-${Y}0610-0931`, name: 'Khối thi đua trình diễn' });
    expect(demo.year).toBe(Y);
    expect(items['bao-cao-nhanh']).toEqual({
      at: `${Y}-06-10T09:34:00.000+07:00`,
      reminders: [`${Y}-06-10T09:31:00.000+07:00`],
      followUps: [`${Y}-06-10T09:37:00.000+07:00`],
    });
    expect(items['hoi-nghi-truc-tuyen']).toEqual({ at: `${Y}-06-10T09:40:00.000+07:00`, reminders: [`${Y}-06-10T09:34:00.000+07:00`], followUps: [] });
    expect(demo.submissions).toEqual([
      { unitId: 'so-giao-duc', itemId: 'bao-cao-nhanh', reference: '12/BC-SGDĐT', at: at(`${Y}-06-10T09:32:30`) },
      { unitId: 'so-y-te', itemId: 'bao-cao-nhanh', reference: '08/BC-SYT', at: at(`${Y}-06-10T09:32:30`) },
    ]);
    expect(demo.lastMessageAt).toEqual(at(`${Y}-06-10T09:37:00`));
    // With a real mailbox, Sở Y tế answers its reminder by mail a quarter of a step in, instead of being recorded.
    expect(demo.replyByMail).toEqual({ unitId: 'so-y-te', itemId: 'bao-cao-nhanh', at: at(`${Y}-06-10T09:31:45`) });
    // No moment of the demonstration is at the daily sending hour, where it would wait for a day's message.
    expect(demo.config.reminders.at).toBe('21:31');
  });

  it('keeps its exact minutes on a Saturday', () => {
    // 12 June 2049 is a Saturday.
    expect(instants(at(`${Y}-06-12T14:00:00`)).items['bao-cao-nhanh']?.at).toBe(`${Y}-06-12T14:04:00.000+07:00`);
  });

  it('runs in minutes when a test shortens its steps', () => {
    const { demo, items } = instants(at(`${Y}-06-10T09:30:00`), 1);
    expect(items['bao-cao-nhanh']).toEqual({
      at: `${Y}-06-10T09:32:00.000+07:00`,
      reminders: [`${Y}-06-10T09:31:00.000+07:00`],
      followUps: [`${Y}-06-10T09:33:00.000+07:00`],
    });
    expect(items['hoi-nghi-truc-tuyen']?.reminders).toEqual([`${Y}-06-10T09:32:00.000+07:00`]);
    expect(demo.submissions.map((s) => s.at)).toEqual([at(`${Y}-06-10T09:31:30`), at(`${Y}-06-10T09:31:30`)]);
  });

  it('begun in the last minutes of a year, places what falls after midnight in the next', () => {
    const { demo, items } = instants(at(`${Y}-12-31T23:55:00`));
    expect(demo.year).toBe(Y);
    expect(items['bao-cao-nhanh']?.at).toBe(`${Y}-12-31T23:59:00.000+07:00`);
    expect(items['hoi-nghi-truc-tuyen']?.at).toBe(`${Y + 1}-01-01T00:05:00.000+07:00`);
  });

  it('is a template: loaded as it stands it says so, in one line', () => {
    let err: unknown;
    try {
      loadBlocConfig(DEMO_FILE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).problems.map(formatProblem);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${DEMO_FILE}:\\d+:1: demonstration: đây là bản mẫu: npm start điền các mốc`))]);
  });
});
