// Jest in ESM mode, as actions/typescript-action sets it up: ts-jest's ESM preset, and
// `node --experimental-vm-modules` in the npm script (a flag, not NODE_OPTIONS=…, so that it works in
// Windows' cmd.exe too; jest's workers inherit it) so `jest.unstable_mockModule` works.
export default {
  clearMocks: true,
  collectCoverage: true,
  collectCoverageFrom: ['./src/**/*.ts', '!./src/index.ts'],
  coverageDirectory: './coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // The unit tests cover src/; the end-to-end tests run dist/index.js in a child process, which jest cannot see.
  coverageThreshold: { global: { lines: 90, statements: 90, functions: 90, branches: 80 } },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tools/', '<rootDir>/reports/'],
  // Stryker's sandbox copy of the project (npm run mutate) lives under reports/ while it runs.
  modulePathIgnorePatterns: ['<rootDir>/reports/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }] },
  testTimeout: 60_000,
  // More workers than cores, on purpose: the end-to-end suites mostly wait (a child process, the
  // emulator's completion time, verify's 20 s re-ask), so on two cores jest's default of one worker
  // ran the suite in 9.8 min and three run it in 3.8 min (the longest suite, about 2 min, is the floor).
  // The soak that the suite must pass ten times in a row runs it so, beside another build (CONTRIBUTING).
  maxWorkers: 3,
  verbose: false
}
