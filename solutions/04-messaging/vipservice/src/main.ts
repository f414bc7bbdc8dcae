import { BrokerConnection } from '../../common/messaging/broker-connection';
import { consoleLogger } from '../../common/messaging/logger';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { instanceAddress } from './instance';
import { RecentVips } from './recent-vips';
import { serve } from './server';
import { consumeVipNotifications } from './vip-consumer';

const SERVICE = 'vipservice';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const servedBy = instanceAddress(config.instance);
  const recent = new RecentVips(config.recentLimit);

  // The broker may not be up yet: the service starts anyway, reports DOWN on /health and keeps trying.
  const broker = new BrokerConnection({ url: config.amqpUrl, name: `${SERVICE}@${servedBy}#${process.pid}` });
  consumeVipNotifications(broker, {
    topology: config.topology,
    prefetch: config.prefetch,
    recent,
    servedBy,
    logger: consoleLogger,
  });
  broker.start();

  const app = buildApp({ recent, broker });
  // On shutdown: stop taking requests, then stop consuming, let in-flight messages finish and ack, close.
  const running = await serve(app, { port: config.port, onClosed: () => broker.close() });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${config.profile}, queue ${config.topology.queue}, served by ${servedBy}, started in ${startupMs} ms)`,
  );

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      console.log(`${SERVICE} received ${signal}: finishing in-flight requests and messages`);
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
    console.error(`${SERVICE}: port ${process.env.PORT ?? 6868} is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
