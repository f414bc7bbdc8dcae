// Imported FIRST by every pact test: no Pact Broker, no usage tracking. jest.config.mjs sets the
// same in the real environment, which is where Pact's native core reads it (a test file's
// process.env is jest's copy); this line covers a run from a script (tsx).
process.env.PACT_DO_NOT_TRACK = 'true';
