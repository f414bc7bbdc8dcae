import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { instanceAddress } from './instance';
import { serve } from './server';
import { openSqliteStore } from './store/sqlite-store';

const SERVICE = 'accountservice';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const store = openSqliteStore(config.dbPath);
  const servedBy = instanceAddress();
  const app = buildApp({ store, servedBy, testability: config.profile !== 'prod' });

  const running = await serve(app, { host: config.host, port: config.port, onClosed: () => store.close() });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${config.profile}, served by ${servedBy}, started in ${startupMs} ms)`,
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
    console.error(`${SERVICE}: port ${process.env.PORT ?? 6767} is already in use (run "npm run doctor")`);
  } else {
    console.error(`${SERVICE} failed to start:`, err);
  }
  process.exit(1);
});
