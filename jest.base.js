// What every jest configuration of the project shares: Node, TypeScript through swc.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The benchmarks' build carries a copy of package.json, which jest's module map would take for a second package.
  modulePathIgnorePatterns: ['<rootDir>/dist-bench/'],
};
