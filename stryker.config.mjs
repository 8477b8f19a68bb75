// Mutation testing (`npm run mutate`, scripts/mutate.ts): Stryker edits the modules that turn users'
// input into requests one small change at a time and counts the changes no unit test notices.
// One file while working: `npm run mutate -- --mutate src/paths/normalize.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // Jest in ESM mode needs the flag in the process that hosts it, as in `npm test`.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      collectCoverage: false,
      // Unit tests only: the end-to-end tests run dist/index.js in a child process (which holds no mutant),
      // the AWS CLI conformance tests drive the emulator, and the scripts' tests do not reach src/.
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '/tools/',
        '/__tests__/e2e',
        '/__tests__/aws-cli(-sync-recipe)?\\.test\\.ts$',
        '/__tests__/(licenses|local-action|move-major-tag|readme|release|run-action|workflows|emulator-edge)\\.test\\.ts$'
      ]
    }
  },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/paths/**/*.ts',
    'src/requests/**/*.ts',
    'src/inputs.ts',
    'src/cloudfront/explain.ts',
    // The distribution-configuration mapping's pure parts (route-targets.ts makes the calls).
    'src/distribution/s3-endpoint.ts',
    'src/routing/path-pattern.ts',
    'src/distribution/origins.ts',
    'src/routing/map-keys.ts'
  ],
  // The sandbox copy needs the sources, tests and fixtures; not the bundle, Node 24 or the benchmark.
  ignorePatterns: ['dist', 'tools', 'bench', 'coverage', 'reports', '.ci', '.github'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // Two cores are common on CI runners and shared machines; more workers only contend.
  concurrency: 2,
  tempDirName: 'reports/.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 85, break: null }
}
