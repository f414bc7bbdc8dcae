import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { httpQuoteClient, noQuotes } from './quotes/quote-client';
import { openSqliteStore } from './store/sqlite-store';

const SERVICE = 'accountservice';

async function main(): Promise<RunningServer> {
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
    host: config.host,
    port: config.port,
    drainMs: config.shutdownDrainMs,
    onClosed: () => store.close(),
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${config.profile}, served by ${servedBy}, started in ${startupMs} ms)`,
  );
  console.log(`${SERVICE} quotes from ${config.quotesServiceUrl ?? 'nowhere (QUOTES_SERVICE_URL is not set)'}`);
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
