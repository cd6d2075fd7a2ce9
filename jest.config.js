// Four layers: pure logic, workflows on the time-skipping server, the engine on the dev server, and the web console.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const base = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // The build every test loads (worker processes, CLI processes, the workflow bundle), rebuilt if older than the sources.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/support/slowest-files.js'],
  testSequencer: '<rootDir>/test/support/wall-clock-first.js',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The web console over HTTP and in a real browser (chromium), on the dev server.
    { ...base, displayName: 'web', testMatch: ['<rootDir>/test/web/**/*.test.ts'] },
  ],
  // Two files at a time on two cores: each brings its own servers. Three would finish sooner, but load the
  // relay-rate test's own process enough to bunch its arrivals (test/integration/smtp-rate.test.ts).
  maxWorkers: 2,
  testTimeout: 120000,
};
