// Four layers: pure logic, workflows on the time-skipping server, the engine on the dev server, and the web console.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { hasTag } = require('./test/support/docblock-tags');
const shared = require('./jest.base');

// Under faketime (npm run test:clock) the files on the Go dev server (`@devserver`) stay out: that server keeps
// real time, and every instant they judge is read from it, so a moved clock would only set the test process
// against its own server, a state no deployment has (docs/versioning.md, "The date on the wall").
const devServerFiles = process.env.FAKETIME
  ? readdirSync(join(__dirname, 'test'), { recursive: true })
      .filter((file) => file.endsWith('.test.ts') && hasTag(join(__dirname, 'test', file), 'devserver'))
      .map((file) => `<rootDir>/test/${file}`)
  : [];

const base = { ...shared, testPathIgnorePatterns: ['/node_modules/', ...devServerFiles] };

module.exports = {
  // The build every test loads (worker processes, CLI processes, the workflow bundle), rebuilt if older than the sources.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/support/slowest-files.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The web console over HTTP and in a real browser (chromium), on the dev server but for a unit's day.
    { ...base, displayName: 'web', testMatch: ['<rootDir>/test/web/**/*.test.ts'] },
  ],
  // Three files at a time on two cores: each brings its own servers and waits on them part of the time (their start,
  // each round trip), which a third file fills: npm test took 258 s against 272 s with two, on a quiet machine. What
  // waits minutes on the wall clock is not here but in `npm run test:real-time` (jest.real-time.config.js), run once by CI.
  maxWorkers: 3,
  testTimeout: 120000,
};
