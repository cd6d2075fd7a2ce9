// `npm run test:cluster`: the engine on Temporal's own server and PostgreSQL (test/cluster/), in real time, once in CI
// after `npm test`; never part of `npm test` (jest.config.js) or of the clock runs.
const shared = require('./jest.base');

module.exports = {
  ...shared,
  // The build the worker and CLI processes run, then the server and its SQL tool (a cold build takes minutes).
  globalSetup: '<rootDir>/test/support/cluster-setup.ts',
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  // One cluster at a time: each takes both cores' worth of processes.
  maxWorkers: 1,
  testTimeout: 8 * 60_000,
};
