// npm test only (the solutions tree): a failed test runs once more, its first failure printed.
// Hundreds of real processes share two cores there, and a starved one can miss what it is
// waiting for; a test that fails twice fails the run. The learner's `verify` and the exercise
// checks never retry: there a failure must show at once.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
