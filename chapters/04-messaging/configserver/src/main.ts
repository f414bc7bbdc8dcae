import { BrokerConnection, busIdFor, redactUrl } from '../../common/messaging';
import { type RunningServer, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { BusPublisher } from './bus/bus-publisher';
import { busRefreshRoutes } from './bus/bus-routes';
import { ConfigError, loadConfig } from './config';
import { nativeRepository } from './repository/native-repository';

const SERVICE = 'configserver';

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const repository = nativeRepository(config.repoDir);
  // Spring Cloud Bus: POST /actuator/busrefresh[/{destination}] and /monitor publish refresh events.
  const broker = new BrokerConnection({ url: config.amqpUrl, name: `${SERVICE}#${process.pid}` }).start();
  const bus = new BusPublisher(broker, {
    originService: busIdFor(SERVICE, 'native', config.port),
    exchange: config.busExchange,
  });
  const app = buildApp({
    repository,
    log: (line) => console.log(`${SERVICE}: ${line}`),
    extraRoutes: busRefreshRoutes(bus),
  });

  const running = await serve(app, { host: config.host, port: config.port, onClosed: () => broker.close() });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} serving ${config.repoDir}, bus on ${redactUrl(config.amqpUrl)} (started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
