// `npm run test:real-time`: what only minutes of the wall clock show, on the dev server (test/real-time/): the
// relay's rate held across two workers, a worker process killed between two reminders. Once in CI after the clock
// runs; never part of `npm test`, whose files wait on simulated time, or of the clock runs (the dev server keeps
// real time). One file at a time: a loaded machine bunches the relay's arrivals.
const shared = require('./jest.base');

module.exports = {
  ...shared,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testMatch: ['<rootDir>/test/real-time/**/*.test.ts'],
  maxWorkers: 1,
  testTimeout: 5 * 60_000,
};
