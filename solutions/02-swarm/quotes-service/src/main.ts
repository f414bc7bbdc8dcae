import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { instanceAddress } from './instance';
import { serve } from './server';

const SERVICE = 'quotes-service';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const ipAddress = instanceAddress(config.instance);
  const running = await serve(buildApp({ ipAddress }), {
    port: config.port,
    drainMs: config.shutdownDrainMs,
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
    console.error(`${SERVICE}: port ${process.env.PORT ?? 8080} is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
