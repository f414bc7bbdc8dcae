import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

const SERVICE = 'quotes-service';

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const ipAddress = instanceAddress(config.instance);
  const running = await serve(buildApp({ ipAddress }), {
    host: config.host,
    port: config.port,
    drainMs: config.shutdownDrainMs,
    onClosed: async () => undefined,
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (ipAddress ${ipAddress}, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
