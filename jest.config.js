/**
 * Two groups of test files, run one after the other by `npm test`:
 * - unit: nock stands in for Trustpilot and Salesforce;
 * - end-to-end: real HTTP on loopback against the sandbox (`test/e2e/`, `test/sandbox/`, and `*.e2e.test.ts` beside
 *   the feature they test).
 * nock patches Node's shared http and fetch; within one jest worker, a file that switched it off for real HTTP could
 * leave the next nock-based file talking to the network. Separate runs keep the two apart.
 */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // tsc type-checks the whole project in `npm test`; ts-jest only transpiles (tsconfig's isolatedModules), which keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/console.ts'],
};
const endToEnd = ['<rootDir>/test/e2e/', '<rootDir>/test/sandbox/', '\\.e2e\\.test\\.ts$'];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 20000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: endToEnd,
      setupFilesAfterEnv: [...shared.setupFilesAfterEnv, '<rootDir>/test/support/virtual-waits.ts'],
    },
    { ...shared, displayName: 'end-to-end', testMatch: endToEnd.map((p) => (p.startsWith('<rootDir>') ? `${p}**/*.test.ts` : '**/*.e2e.test.ts')) },
  ],
};
