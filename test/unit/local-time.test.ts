/** The workflow's remembered local times read exactly as luxon writes them, whatever was asked before. */
import { DateTime } from 'luxon';
import { isoInZone, localText } from '../../workflows/local-time';

describe('local times in the workflow', () => {
  const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York'];
  const instants = ['2026-06-15T01:00:00.000Z', '2026-10-25T00:59:00.000Z', '2026-10-25T01:00:00.000Z', '2027-01-01T16:59:00.000Z'].map(Date.parse);

  it.each(zones)('in %s, asked twice in any order, as luxon writes it', (zone) => {
    for (const round of [1, 2]) {
      for (const ms of round === 1 ? instants : [...instants].reverse()) {
        const at = DateTime.fromMillis(ms, { zone });
        expect(isoInZone(ms, zone)).toBe(at.toISO());
        expect(localText(ms, zone, 'HH:mm')).toBe(at.toFormat('HH:mm'));
        expect(localText(ms, zone, 'HHmm')).toBe(at.toFormat('HHmm'));
        expect(localText(ms, zone, 'yyyy-MM-dd')).toBe(at.toISODate());
      }
    }
  });

  it('keeps one zone’s answer from another’s', () => {
    const ms = Date.parse('2027-01-01T16:59:00.000Z');
    expect(localText(ms, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd')).toBe('2027-01-01');
    expect(localText(ms, 'Pacific/Auckland', 'yyyy-MM-dd')).toBe('2027-01-02');
  });
});
