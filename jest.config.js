// Two projects: `unit` needs nothing running; `integration` shares one lab of real
// components, started by the global setup (or reused when already up).
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/lab/jest/global-setup.ts',
      globalTeardown: '<rootDir>/test/lab/jest/global-teardown.ts',
      testTimeout: 180000,
      maxWorkers: 1,
    },
  ],
};
