// One jest config for both trees. `npm test` judges solutions/; `npm run verify:N` sets
// WORKSHOP_TREE=chapters and names the chapter folder, so the same tests judge the learner's code.
const tree = process.env.WORKSHOP_TREE === 'chapters' ? 'chapters' : 'solutions';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: tree === 'chapters' ? ['<rootDir>/chapters'] : ['<rootDir>/solutions', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  modulePathIgnorePatterns: ['<rootDir>/site/'],
};
