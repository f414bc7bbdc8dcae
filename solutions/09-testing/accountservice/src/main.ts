import { trace } from '@opentelemetry/api';
import { buildApp } from './app';
import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { joinDiscovery } from '../../common/discovery';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { NamedLoggers, createLogger, followConfiguredLevels } from '../../common/logging';
import { createMetrics } from '../../common/metrics';
import { FALLBACK_QUOTE, breakersHandler } from '../../common/resilience';
import { wireBreakers } from './breakers';
import { currentTracing, followTracingConfig } from '../../common/tracing';
import { loadServiceConfig } from './config';
import { startMessaging } from './messaging';
import { openSqliteStore } from './store/sqlite-store';
import { wireSecurity } from './security';

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
  // Chapter 07: one breaker per dependency (quotes-service, imageservice), their settings live from
  // breakers.* (a refresh, or the bus, applies them to the running breakers); every event is a metric.
  const metrics = createMetrics({ service: SERVICE, instance: servedBy });
  // quotes.strength is read on every call: a refresh applies it to the next account.
  const breakers = wireBreakers(
    config,
    { url: config.current.quotes.serviceUrl, strength: () => config.current.quotes.strength },
    (line) => loggers.get('quotes').info(line),
  );
  metrics.observeBreakers(breakers.registry);
  // A debug line per quote: silent at info, there once logging.level.accountservice says debug.
  const fetchQuote = async () => {
    const quote = await breakers.fetchQuote();
    loggers.get('quotes').debug({ from: quote?.ipAddress }, 'quote received');
    // Chapter 06: the account goes out with the fallback quote: an event on the request's span says so.
    if (!quote || quote.ipAddress === FALLBACK_QUOTE.ipAddress)
      trace.getActiveSpan()?.addEvent('quote.fallback', { 'quote.service-url': config.current.quotes.serviceUrl });
    return quote;
  };
  // Chapter 08: the edge relays the caller's access token; it is verified here again, with its scope.
  const security = wireSecurity(config.current.security, (line) => loggers.get('security').warn(line));
  const messaging = startMessaging(config, { servedBy, logger: loggers.get('amqp'), metrics });
  const app = buildApp({
    store,
    servedBy,
    testability: accounts.testability,
    fetchQuote,
    fetchImage: breakers.fetchImage,
    vip: messaging.vip,
    refresh: refreshHandler(config),
    log,
    metrics,
    breakers: breakersHandler(breakers.registry),
    requireToken: security.requireAccountsToken,
  });

  // Joined once the port is known (below); left first at shutdown, while the broker is still there.
  const discovery: { leave?: () => Promise<void> } = {};
  const running = await serve(app, {
    host: server.host,
    port: server.port,
    drainMs: shutdown.drainMs,
    // After the last request: the VIP notifications it caused are confirmed (or reported) first.
    onClosed: async () => {
      await discovery.leave?.();
      breakers.stop();
      security.stop();
      await messaging.close();
      store.close();
      // Chapter 06: the spans still waiting for their batch go out before the process exits.
      await currentTracing()?.shutdown();
    },
  });
  messaging.listenOnBus(clientSettingsFromEnv(process.env).profile, running.port);
  // Chapter 07: tells the breaker stream (Turbine's role) where this instance's /breakers is.
  const joined = await joinDiscovery(messaging.broker, {
    service: SERVICE,
    instance: servedBy,
    app,
    host: server.host,
    port: running.port,
    exchange: config.current.discovery.exchange,
    log: (line) => loggers.get('amqp').warn(line),
  });
  discovery.leave = joined.leave;
  const startupMs = Math.round(performance.now());
  log.info(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (config from ${config.sources.length} source(s), served by ${servedBy}, started in ${startupMs} ms)`,
  );
  log.info(`${SERVICE} quotes from ${config.current.quotes.serviceUrl}, images from ${config.current.image.url}`);
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
