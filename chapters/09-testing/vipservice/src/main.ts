import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { BrokerConnection, brokerUrl, refreshOnBus } from '../../common/messaging';
import { NamedLoggers, createLogger, followConfiguredLevels } from '../../common/logging';
import { joinDiscovery } from '../../common/discovery';
import { createMetrics } from '../../common/metrics';
import { currentTracing, followTracingConfig } from '../../common/tracing';
import { buildApp } from './app';
import { loadServiceConfig, topologyOf } from './config';
import { RecentVips } from './recent-vips';
import { consumeVipNotifications } from './vip-consumer';

const SERVICE = 'vipservice';

async function main(): Promise<RunningServer> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  // Chapter 05: JSON lines with service, instance and request id; levels from logging.level.*, live.
  const log = createLogger({ service: SERVICE, instance: instanceAddress(process.env.INSTANCE) });
  const loggers = new NamedLoggers(log, SERVICE);
  const config = await loadServiceConfig(process.env, loggers.get('config'));
  followConfiguredLevels(loggers, config);
  // Chapter 06: tracing.sampling-ratio applies now and after every refresh, over the bus too.
  followTracingConfig(config, loggers.get('tracing'));
  const { server, vip, shutdown, instance } = config.current;
  const { profile } = clientSettingsFromEnv(process.env);
  const topology = topologyOf(vip);
  const servedBy = instanceAddress(instance);
  // Read on every call: a refresh of vip.recent-limit applies at once.
  const recent = new RecentVips(() => config.current.vip.recentLimit);

  // The broker may not be up yet: the service starts anyway, reports DOWN on /health and keeps trying.
  const broker = new BrokerConnection({
    url: brokerUrl(config.current.amqp),
    name: `${SERVICE}@${servedBy}#${process.pid}`,
    logger: loggers.get('amqp'),
  });
  // Chapter 07: GET /metrics, with a count of the notifications handled.
  const metrics = createMetrics({ service: SERVICE, instance: servedBy });
  consumeVipNotifications(broker, {
    topology,
    prefetch: vip.prefetch,
    recent,
    servedBy,
    logger: log,
    onHandled: () => metrics.amqpConsumed(topology.queue, 'ack'),
  });
  broker.start();

  const app = buildApp({ recent, broker, refresh: refreshHandler(config), log, metrics });
  // Joined once the port is known (below); left first at shutdown, while the broker is still there.
  const discovery: { leave?: () => Promise<void> } = {};
  // On shutdown: stop taking requests, then close the broker connection, which stops consuming,
  // lets in-flight messages finish and ack, and detaches the bus listener.
  const running = await serve(app, {
    host: server.host,
    port: server.port,
    drainMs: shutdown.drainMs,
    // Chapter 06: the spans still waiting for their batch go out before the process exits.
    onClosed: async () => {
      await discovery.leave?.();
      await broker.close();
      await currentTracing()?.shutdown();
    },
  });
  // Spring Cloud Bus: a refresh event for vipservice does what POST /actuator/refresh does.
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
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${profile}, queue ${topology.queue}, served by ${servedBy}, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, {
  isConfigError: (err) => err instanceof ConfigError,
  finishing: 'in-flight requests and messages',
});
