import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, refreshHandler } from '../../common/config';
import { loadServiceConfig } from './config';

const SERVICE = 'quotes-service';

async function main(): Promise<RunningServer> {
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
    host: config.current.server.host,
    port: config.current.server.port,
    drainMs: config.current.shutdown.drainMs,
    onClosed: async () => undefined,
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (ipAddress ${ipAddress}, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
