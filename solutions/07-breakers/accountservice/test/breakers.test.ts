import { FALLBACK_QUOTE } from '../../common/resilience';
import { BreakersConfigSchema, type BreakersConfig, wireBreakers } from '../src/breakers';
import { startDependencyServer } from './helpers/dependency-server';

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

it('reads breaker settings from config keys and applies a refresh to the running breaker', async () => {
  const server = await startDependencyServer(() => ({ quote: 'q', ipAddress: 'x', language: 'en' }));
  const initial = BreakersConfigSchema.parse({
    breakers: { quotesService: { timeoutMs: '2000' } },
    retries: { maxAttempts: 1 },
    image: {},
  });
  expect(initial.breakers.quotesService.timeoutMs).toBe(2000);
  expect(() =>
    BreakersConfigSchema.parse({ breakers: { quotesService: { capacity: 0 } }, retries: {}, image: {} }),
  ).toThrow(/capacity/);
  const config = liveConfig(initial);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const wired = wireBreakers(config, server.url);
  try {
    server.mode = { kind: 'slow', delayMs: 400 };
    await expect(wired.fetchQuote()).resolves.toMatchObject({ quote: 'q' }); // inside 2000 ms
    const next = {
      ...initial,
      breakers: { ...initial.breakers, quotesService: { ...initial.breakers.quotesService, timeoutMs: 100 } },
    };
    config.refresh(next, ['breakers.quotes-service.timeout-ms']);
    const started = Date.now();
    await expect(wired.fetchQuote()).resolves.toEqual(FALLBACK_QUOTE); // the new 100 ms timeout
    expect(Date.now() - started).toBeLessThan(350);
  } finally {
    wired.stop();
    await server.close();
  }
});
