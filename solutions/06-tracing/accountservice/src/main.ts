import { trace } from '@opentelemetry/api';
import { buildApp } from './app';
import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { NamedLoggers, createLogger, followConfiguredLevels } from '../../common/logging';
import { currentTracing, followTracingConfig } from '../../common/tracing';
import { loadServiceConfig } from './config';
import { startMessaging } from './messaging';
import { liveQuoteClient } from './quotes/live-quote-client';
import { openSqliteStore } from './store/sqlite-store';

const SERVICE = 'accountservice';

async function main(): Promise<RunningServer> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  // Chapter 05: JSON lines with service, instance and request id; levels from logging.level.*, live.
  const log = createLogger({ service: SERVICE, instance: instanceAddress(process.env.INSTANCE) });
  const loggers = new NamedLoggers(log, SERVICE);
  const config = await loadServiceConfig(process.env, loggers.get('config'));
  followConfiguredLevels(loggers, config);
  // Chapter 06: tracing.sampling-ratio applies now and after every refresh, over the bus too.
  followTracingConfig(config, loggers.get('tracing'));
  const { server, db, accounts, instance, shutdown } = config.current;
  const store = openSqliteStore(db.path);
  const servedBy = instanceAddress(instance);
  log.debug({ db: db.path, vipIds: accounts.vipIds }, 'configuration in effect');
  const quotesLog = (message: string) => loggers.get('quotes').warn(message);
  // Read config.current on every call: a refresh of quotes.timeout-ms or quotes.strength applies to the next account.
  const liveQuotes = liveQuoteClient(() => ({
    baseUrl: config.current.quotes.serviceUrl,
    timeoutMs: config.current.quotes.timeoutMs,
    strength: config.current.quotes.strength,
    log: quotesLog,
  }));
  // A debug line per quote: silent at info, there once logging.level.accountservice says debug.
  const quotes = {
    async getQuote() {
      const quote = await liveQuotes.getQuote();
      loggers.get('quotes').debug({ from: quote?.ipAddress }, quote ? 'quote received' : 'no quote');
      // Chapter 06: the account goes out without a quote: an event on the request's span says so.
      if (!quote)
        trace.getActiveSpan()?.addEvent('quote.fallback', { 'quote.service-url': config.current.quotes.serviceUrl });
      return quote;
    },
  };
  const messaging = startMessaging(config, { servedBy, logger: loggers.get('amqp') });
  const app = buildApp({
    store,
    servedBy,
    testability: accounts.testability,
    quotes,
    vip: messaging.vip,
    refresh: refreshHandler(config),
    log,
  });

  const running = await serve(app, {
    host: server.host,
    port: server.port,
    drainMs: shutdown.drainMs,
    // After the last request: the VIP notifications it caused are confirmed (or reported) first.
    onClosed: async () => {
      await messaging.close();
      store.close();
      // Chapter 06: the spans still waiting for their batch go out before the process exits.
      await currentTracing()?.shutdown();
    },
  });
  messaging.listenOnBus(clientSettingsFromEnv(process.env).profile, running.port);
  const startupMs = Math.round(performance.now());
  log.info(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (config from ${config.sources.length} source(s), served by ${servedBy}, started in ${startupMs} ms)`,
  );
  log.info(`${SERVICE} quotes from ${config.current.quotes.serviceUrl}`);
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
