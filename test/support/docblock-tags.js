/**
 * The tags a test file declares in its opening comment, which jest's configuration and test sequencer read:
 * `@wallclock`: it waits on the wall clock (a real-time server, a real process), so it starts first;
 * `@devserver`: it runs on the Go dev server, which keeps real time, so `npm run test:clock` leaves it out.
 */
const { readFileSync } = require('node:fs');

function hasTag(path, tag) {
  const opening = /^\/\*\*[\s\S]*?\*\//.exec(readFileSync(path, 'utf8'))?.[0] ?? '';
  return new RegExp(`^\\s*\\*\\s*@${tag}\\b`, 'm').test(opening);
}

module.exports = { hasTag };
