import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { nativeRepository } from './repository/native-repository';
import { serve } from './server';

const SERVICE = 'configserver';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const repository = nativeRepository(config.repoDir);
  const app = buildApp({ repository, log: (line) => console.log(`${SERVICE}: ${line}`) });

  const running = await serve(app, { port: config.port, onClosed: async () => undefined });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} serving ${config.repoDir} (started in ${startupMs} ms)`,
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
