/**
 * The jest settings every workspace shares; each package's jest.config.js adds only what differs.
 * Test files start their own server and database, so two at a time suits a 2-core machine.
 * @param {import('jest').Config} overrides
 * @returns {import('jest').Config}
 */
module.exports = (overrides = {}) => ({
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  maxWorkers: 2,
  testTimeout: 30_000,
  ...overrides,
});
