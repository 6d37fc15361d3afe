// Two projects: `unit` needs nothing running; `integration` shares one lab of real components,
// started by the global setup (or reused when already up). tsconfig's isolatedModules makes ts-jest
// transpile only; `npm run check` type-checks the whole tree once.
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // One worker: integration suites share one lab and some of them stop parts of it on purpose.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/lab/jest/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/lab/jest/global-setup.ts',
      globalTeardown: '<rootDir>/test/lab/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/lab/jest/timeouts.ts'],
    },
  ],
};
