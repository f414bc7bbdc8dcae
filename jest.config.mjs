import os from 'node:os';

// One jest config for both trees. `npm test` judges solutions/; `npm run verify:N` sets
// WORKSHOP_TREE=chapters and names the chapter folder, so the same tests judge the learner's code.
const tree = process.env.WORKSHOP_TREE === 'chapters' ? 'chapters' : 'solutions';

// Most tests wait (on RabbitMQ, a reconnect, a server starting, a timeout) rather than compute, so
// more workers than cores overlap those waits: on 2 cores jest's default (1 worker) takes 2m24 for
// the whole suite, 4 workers 1m23.
// Chapter 09's contract tests: Pact's native core reads this from the real environment (a test
// file's process.env is jest's copy), so it is set here, where the workers inherit it.
process.env.PACT_DO_NOT_TRACK ??= 'true';

const workers = Math.max(4, os.availableParallelism() - 1);

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  maxWorkers: workers,
  roots:
    tree === 'chapters' ? ['<rootDir>/chapters'] : ['<rootDir>/solutions', '<rootDir>/scripts', '<rootDir>/site/tools'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // The site's own install and build output stay out of jest's haste map (its node_modules would
  // report duplicate packages); the site's tools (site/tools) are tested like scripts/.
  modulePathIgnorePatterns: ['<rootDir>/site/node_modules/', '<rootDir>/site/build/', '<rootDir>/site/.docusaurus/'],
  setupFilesAfterEnv: tree === 'solutions' ? ['<rootDir>/scripts/testkit/retry-once.ts'] : [],
};
