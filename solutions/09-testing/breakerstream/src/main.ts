import { ConfigError } from '../../common/config';
import { BreakerAggregator, brokerDiscovery } from '../../common/discovery';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { BrokerConnection, brokerUrl } from '../../common/messaging';
import { buildApp } from './app';
import { loadServiceConfig } from './config';

const SERVICE = 'breakerstream';

/**
 * Turbine's role (goblog P11): learns every instance from the discovery exchange, polls each one's
 * GET /breakers every second and serves one live stream of them all, plus a page that draws it.
 */
async function main(): Promise<RunningServer> {
  const config = await loadServiceConfig(process.env);
  const { server, amqp, discovery, shutdown } = config.current;
  const servedBy = instanceAddress(config.current.instance);
  const aggregator = new BreakerAggregator().start();
  // Reconnects on its own: a new exclusive queue after each reconnect, and the heartbeats refill the list.
  const broker = new BrokerConnection({ url: brokerUrl(amqp), name: `${SERVICE}@${servedBy}#${process.pid}` });
  await brokerDiscovery(broker, discovery.exchange).subscribe(aggregator.handle);
  broker.start();
  const running = await serve(buildApp(aggregator), {
    host: server.host,
    port: server.port,
    drainMs: shutdown.drainMs,
    onClosed: async () => {
      aggregator.stop();
      await broker.close();
    },
  });
  // Open streams never end on their own: end them first, so the server can close gracefully.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.prependListener(signal, () => aggregator.endStreams());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (stream /breakers/stream, page /, exchange ${discovery.exchange}, started in ${Math.round(performance.now())} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
