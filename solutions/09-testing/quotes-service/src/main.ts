import { buildApp } from './app';
import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { BrokerConnection, brokerUrl, refreshOnBus } from '../../common/messaging';
import { loadServiceConfig } from './config';
import { NamedLoggers, createLogger, followConfiguredLevels } from '../../common/logging';
import { Chaos, chaosAllowed } from '../../common/chaos';
import { joinDiscovery } from '../../common/discovery';
import { createMetrics } from '../../common/metrics';
import { currentTracing, followTracingConfig } from '../../common/tracing';

const SERVICE = 'quotes-service';

async function main(): Promise<RunningServer> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  // Chapter 05: JSON lines with service, instance and request id; levels from logging.level.*, live.
  const log = createLogger({ service: SERVICE, instance: instanceAddress(process.env.INSTANCE) });
  const loggers = new NamedLoggers(log, SERVICE);
  const config = await loadServiceConfig(process.env, loggers.get('config'));
  followConfiguredLevels(loggers, config);
  // Chapter 06: tracing.sampling-ratio applies now and after every refresh, over the bus too.
  followTracingConfig(config, loggers.get('tracing'));
  const ipAddress = instanceAddress(config.current.instance);
  // Reconnects on its own; the service answers quotes while the broker is away.
  const broker = new BrokerConnection({
    url: brokerUrl(config.current.amqp),
    name: `${SERVICE}@${ipAddress}#${process.pid}`,
    logger: loggers.get('amqp'),
  }).start();
  const { profile } = clientSettingsFromEnv(process.env);
  const app = buildApp({
    ipAddress,
    // Read on every answer: a refresh of quotes.language shows in the next quote.
    language: () => config.current.quotes.language,
    refresh: refreshHandler(config),
    log,
    // Chapter 07: GET /metrics, and POST /chaos (slow or failing quotes) outside the prod profile.
    metrics: createMetrics({ service: SERVICE, instance: ipAddress }),
    chaos: new Chaos(chaosAllowed(config.current.chaos.enabled, profile)),
  });
  // Joined once the port is known (below); left first at shutdown, while the broker is still there.
  const discovery: { leave?: () => Promise<void> } = {};
  const running = await serve(app, {
    host: config.current.server.host,
    port: config.current.server.port,
    drainMs: config.current.shutdown.drainMs,
    // Chapter 06: the spans still waiting for their batch go out before the process exits.
    onClosed: async () => {
      await discovery.leave?.();
      await broker.close();
      await currentTracing()?.shutdown();
    },
  });
  // Spring Cloud Bus: a refresh event for quotes-service does what POST /actuator/refresh does.
  refreshOnBus(broker, config, {
    application: SERVICE,
    profile,
    port: running.port,
    exchange: config.current.spring.cloud.bus.destination,
    logger: loggers.get('amqp'),
  });
  // Chapter 07: announces this instance (Prometheus' targets, the breaker stream).
  const joined = await joinDiscovery(broker, {
    service: SERVICE,
    instance: ipAddress,
    app,
    host: config.current.server.host,
    port: running.port,
    exchange: config.current.discovery.exchange,
    log: (line) => loggers.get('amqp').warn(line),
  });
  discovery.leave = joined.leave;
  const startupMs = Math.round(performance.now());
  log.info(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (ipAddress ${ipAddress}, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
