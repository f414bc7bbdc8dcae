import { buildApp } from './app';
import { ConfigError, refreshHandler } from '../../common/config';
import { loadServiceConfig } from './config';
import { instanceAddress } from './instance';
import { serve } from './server';

const SERVICE = 'quotes-service';

async function main(): Promise<void> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  const config = await loadServiceConfig(process.env);
  const ipAddress = instanceAddress(config.current.instance);
  const app = buildApp({
    ipAddress,
    // Read on every answer: a refresh of quotes.language shows in the next quote.
    language: () => config.current.quotes.language,
    refresh: refreshHandler(config),
  });
  const running = await serve(app, {
    port: config.current.server.port,
    drainMs: config.current.shutdown.drainMs,
    onClosed: async () => undefined,
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
