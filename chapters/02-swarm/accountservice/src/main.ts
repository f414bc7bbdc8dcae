import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { instanceAddress } from './instance';
import { httpQuoteClient, noQuotes } from './quotes/quote-client';
import { serve } from './server';
import { openSqliteStore } from './store/sqlite-store';

const SERVICE = 'accountservice';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const store = openSqliteStore(config.dbPath);
  const servedBy = instanceAddress(config.instance);
  const quotes = config.quotesServiceUrl
    ? httpQuoteClient({
        baseUrl: config.quotesServiceUrl,
        timeoutMs: config.quotesTimeoutMs,
        strength: config.quotesStrength,
      })
    : noQuotes;
  const app = buildApp({ store, servedBy, testability: config.profile !== 'prod', quotes });

  const running = await serve(app, {
    port: config.port,
    drainMs: config.shutdownDrainMs,
    onClosed: () => store.close(),
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${config.profile}, served by ${servedBy}, started in ${startupMs} ms)`,
  );
  console.log(`${SERVICE} quotes from ${config.quotesServiceUrl ?? 'nowhere (QUOTES_SERVICE_URL is not set)'}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      console.log(`${SERVICE} received ${signal}: finishing in-flight requests`);
      const code = await running.shutdown();
      console.log(`${SERVICE} stopped`);
      process.exit(code);
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`${SERVICE}: ${err.message}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`${SERVICE}: port ${process.env.PORT ?? 6767} is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
