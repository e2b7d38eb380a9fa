/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsc type-checks the whole project in `npm test`; ts-jest only transpiles (tsconfig's isolatedModules), which keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 20000,
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/console.ts'],
};
