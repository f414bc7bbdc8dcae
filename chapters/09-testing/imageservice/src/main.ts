import { ConfigError, clientSettingsFromEnv, refreshHandler } from '../../common/config';
import { type RunningServer, instanceAddress, runService, serve } from '../../common/http';
import { createMetrics } from '../../common/metrics';
import { buildApp } from './app';
import { Chaos, chaosAllowed } from '../../common/chaos';
import { currentTracing, followTracingConfig } from '../../common/tracing';
import { loadServiceConfig } from './config';

const SERVICE = 'imageservice';

async function main(): Promise<RunningServer> {
  // From the config server (CONFIG_SERVER_URL, PROFILE), env overriding; refuses to start if invalid.
  const config = await loadServiceConfig(process.env);
  // Chapter 06: traced like the others; tracing.sampling-ratio applies now and after every refresh.
  followTracingConfig(config, console);
  const { profile } = clientSettingsFromEnv(process.env);
  const servedBy = instanceAddress(config.current.instance);
  const chaos = new Chaos(chaosAllowed(config.current.chaos.enabled, profile));
  const metrics = createMetrics({ service: SERVICE, instance: servedBy });
  const app = buildApp({
    servedBy,
    // Read on every answer: a refresh of image.base-url shows in the next URL.
    baseUrl: () => config.current.image.baseUrl,
    chaos,
    metrics,
    refresh: refreshHandler(config),
  });
  const running = await serve(app, {
    host: config.current.server.host,
    port: config.current.server.port,
    drainMs: config.current.shutdown.drainMs,
    // The spans still waiting for their batch go out before the process exits.
    onClosed: async () => {
      await currentTracing()?.shutdown();
    },
  });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (profile ${profile}, chaos ${chaos.allowed ? 'on' : 'off'}, served by ${servedBy}, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
