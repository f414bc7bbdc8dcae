import { createLogger } from '../../common/logging';
import { LogtailConfigError, loadLogtailConfig } from './config';
import { startLogtail } from './logtail';

const SERVICE = 'logtail';

async function main(): Promise<void> {
  // Env only: logtail comes up first and must not depend on the config server it would log for.
  const config = loadLogtailConfig(process.env);
  const log = createLogger({ service: SERVICE });
  const running = await startLogtail(config, log);
  log.info(
    {
      udpPort: running.udpPort,
      httpPort: running.httpPort,
      receiveBufferBytes: running.receiveBufferBytes,
      sink: config.SINK_URL ?? null,
    },
    `${SERVICE} receiving GELF on udp://${config.HOST}:${running.udpPort}, answering on http://${config.HOST}:${running.httpPort} (started in ${Math.round(performance.now())} ms)`,
  );

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      log.info(`${SERVICE} received ${signal}: closing the GELF socket, flushing the forwarder`);
      const stats = await running.stop();
      log.info({ stats }, `${SERVICE} stopped`);
      process.exit(0);
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof LogtailConfigError) {
    console.error(`${SERVICE}: ${err.message}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`${SERVICE}: its port is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
