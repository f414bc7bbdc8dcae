import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, refreshHandler } from '../../common/config';
import { loadServiceConfig } from './config';
import { liveQuoteClient } from './quotes/live-quote-client';
import { openSqliteStore } from './store/sqlite-store';

const SERVICE = 'accountservice';

async function main(): Promise<RunningServer> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  const config = await loadServiceConfig(process.env);
  const { server, db, accounts, instance, shutdown } = config.current;
  const store = openSqliteStore(db.path);
  const servedBy = instanceAddress(instance);
  // Read config.current on every call: a refresh of quotes.timeout-ms applies to the next account.
  const quotes = liveQuoteClient(() => ({
    baseUrl: config.current.quotes.serviceUrl,
    timeoutMs: config.current.quotes.timeoutMs,
    strength: config.current.quotes.strength,
  }));
  const app = buildApp({
    store,
    servedBy,
    testability: accounts.testability,
    quotes,
    refresh: refreshHandler(config),
  });

  const running = await serve(app, {
    host: server.host,
    port: server.port,
    drainMs: shutdown.drainMs,
    onClosed: () => store.close(),
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (config from ${config.sources.length} source(s), served by ${servedBy}, started in ${startupMs} ms)`,
  );
  console.log(`${SERVICE} quotes from ${config.current.quotes.serviceUrl}`);
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
