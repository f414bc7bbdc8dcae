import { buildApp } from './app';
import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { BrokerConnection, brokerUrl, refreshOnBus } from '../../common/messaging';
import { loadServiceConfig } from './config';
import { instanceAddress } from './instance';
import { serve } from './server';

const SERVICE = 'quotes-service';

async function main(): Promise<void> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  const config = await loadServiceConfig(process.env);
  const ipAddress = instanceAddress(config.current.instance);
  // Reconnects on its own; the service answers quotes while the broker is away.
  const broker = new BrokerConnection({
    url: brokerUrl(config.current.amqp),
    name: `${SERVICE}@${ipAddress}#${process.pid}`,
  }).start();
  const app = buildApp({
    ipAddress,
    // Read on every answer: a refresh of quotes.language shows in the next quote.
    language: () => config.current.quotes.language,
    refresh: refreshHandler(config),
  });
  const running = await serve(app, {
    port: config.current.server.port,
    drainMs: config.current.shutdown.drainMs,
    onClosed: () => broker.close(),
  });
  // Spring Cloud Bus: a refresh event for quotes-service does what POST /actuator/refresh does.
  refreshOnBus(broker, config, {
    application: SERVICE,
    profile: clientSettingsFromEnv(process.env).profile,
    port: running.port,
    exchange: config.current.spring.cloud.bus.destination,
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (ipAddress ${ipAddress}, started in ${startupMs} ms)`,
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
    console.error(`${SERVICE}: its port is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
