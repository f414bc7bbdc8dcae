import { BrokerConnection, busIdFor, redactUrl } from '../../common/messaging';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { createLogger } from '../../common/logging';
import { buildApp } from './app';
import { BusPublisher } from './bus/bus-publisher';
import { busRefreshRoutes } from './bus/bus-routes';
import { ConfigError, loadConfig } from './config';
import { nativeRepository } from './repository/native-repository';

const SERVICE = 'configserver';

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  // Chapter 05: JSON lines like every service's (its level: LOG_LEVEL; it has no config server to ask).
  const log = createLogger({ service: SERVICE, instance: instanceAddress(process.env.INSTANCE) });
  const repository = nativeRepository(config.repoDir);
  // Spring Cloud Bus: POST /actuator/busrefresh[/{destination}] and /monitor publish refresh events.
  const broker = new BrokerConnection({ url: config.amqpUrl, name: `${SERVICE}#${process.pid}`, logger: log }).start();
  const bus = new BusPublisher(broker, {
    originService: busIdFor(SERVICE, 'native', config.port),
    exchange: config.busExchange,
    logger: log,
  });
  const app = buildApp({
    repository,
    log: (line) => log.info(`${SERVICE}: ${line}`),
    logger: log,
    extraRoutes: busRefreshRoutes(bus),
  });

  const running = await serve(app, { host: config.host, port: config.port, onClosed: () => broker.close() });
  const startupMs = Math.round(performance.now());
  log.info(
    `${SERVICE} listening on http://127.0.0.1:${running.port} serving ${config.repoDir}, bus on ${redactUrl(config.amqpUrl)} (started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
