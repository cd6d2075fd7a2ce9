/**
 * The tags a test file declares in its opening comment, which jest's configuration reads:
 * `@devserver`: it runs on the Go dev server, which keeps real time, so `npm run test:clock` leaves it out.
 */
const { readFileSync } = require('node:fs');

function hasTag(path, tag) {
  const opening = /^\/\*\*[\s\S]*?\*\//.exec(readFileSync(path, 'utf8'))?.[0] ?? '';
  return new RegExp(`^\\s*\\*\\s*@${tag}\\b`, 'm').test(opening);
}

module.exports = { hasTag };
