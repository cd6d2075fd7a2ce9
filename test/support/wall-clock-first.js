/**
 * A jest test sequencer: the files that wait on the wall clock (a `@wallclock` line in their opening comment:
 * a real-time dev server, a real process) start first, so that their waits overlap the other files' work instead
 * of trailing the run; every other file keeps jest's own order (slowest known first, else biggest).
 */
const { readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const waitsOnWallClock = (path) => /^\/\*\*[\s\S]*?^\s*\*\s*@wallclock\b[\s\S]*?\*\//m.test(readFileSync(path, 'utf8'));

class WallClockFirst extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    return [...ordered.filter((t) => waitsOnWallClock(t.path)), ...ordered.filter((t) => !waitsOnWallClock(t.path))];
  }
}

module.exports = WallClockFirst;
