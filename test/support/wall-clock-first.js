/**
 * A jest test sequencer: the files that wait on the wall clock (`@wallclock`, support/docblock-tags.js) start
 * first, so that their waits overlap the other files' work instead of trailing the run; every other file keeps
 * jest's own order (slowest known first, else biggest).
 */
const Sequencer = require('@jest/test-sequencer').default;
const { hasTag } = require('./docblock-tags');

class WallClockFirst extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    const waits = (t) => hasTag(t.path, 'wallclock');
    return [...ordered.filter(waits), ...ordered.filter((t) => !waits(t))];
  }
}

module.exports = WallClockFirst;
