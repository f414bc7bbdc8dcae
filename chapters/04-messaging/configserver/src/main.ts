import { BrokerConnection, BusPublisher, busIdFor, busRefreshRoutes, redactUrl } from '../../common/messaging';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { nativeRepository } from './repository/native-repository';
import { serve } from './server';

const SERVICE = 'configserver';

async function main(): Promise<void> {
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

  const running = await serve(app, { port: config.port, onClosed: () => broker.close() });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} serving ${config.repoDir}, bus on ${redactUrl(config.amqpUrl)} (started in ${startupMs} ms)`,
  );

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
    console.error(`${SERVICE}: port ${process.env.PORT ?? 8888} is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
