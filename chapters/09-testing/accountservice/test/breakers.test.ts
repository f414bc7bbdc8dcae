import { fallbackImage } from '../../common/resilience';
import { BreakersConfigSchema, type BreakersConfig, wireBreakers } from '../src/breakers';
import { startDependencyServer } from '../../common/resilience/test/helpers/dependency-server';

/** A LiveConfig stand-in: `refresh(next, changed)` does what a config refresh does. */
function liveConfig(initial: BreakersConfig) {
  const listeners: Array<(c: BreakersConfig, changed: string[]) => void> = [];
  const source = {
    current: initial,
    onChange(listener: (c: BreakersConfig, changed: string[]) => void) {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    },
    refresh(next: BreakersConfig, changed: string[]) {
      source.current = next;
      for (const listener of listeners) listener(next, changed);
    },
  };
  return source;
}

it('[bulkhead] reads breaker settings from config keys and applies a refresh to the running breaker', async () => {
  const server = await startDependencyServer(() => ({ id: '10000', url: 'http://img/1.png', servedBy: 'img-1' }));
  const initial = BreakersConfigSchema.parse({
    breakers: { imageservice: { timeoutMs: '2000' } },
    retries: { maxAttempts: 1 },
    image: { url: server.url },
  });
  expect(initial.breakers.imageservice.timeoutMs).toBe(2000);
  expect(() =>
    BreakersConfigSchema.parse({ breakers: { quotesService: { capacity: 0 } }, retries: {}, image: {} }),
  ).toThrow(/capacity/);
  const config = liveConfig(initial);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const wired = wireBreakers(config, { url: 'http://127.0.0.1:1' });
  try {
    server.mode = { kind: 'slow', delayMs: 400 };
    await expect(wired.fetchImage('10000')).resolves.toMatchObject({ servedBy: 'img-1' }); // inside 2000 ms
    const next = {
      ...initial,
      breakers: { ...initial.breakers, imageservice: { ...initial.breakers.imageservice, timeoutMs: 100 } },
    };
    config.refresh(next, ['breakers.imageservice.timeout-ms']);
    // The server still takes 400 ms: only the new 100 ms timeout gives the placeholder.
    await expect(wired.fetchImage('10000')).resolves.toEqual(fallbackImage('10000'));
  } finally {
    wired.stop();
    await server.close();
  }
});
