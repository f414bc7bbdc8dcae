import { type RunningServer, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ZipkinConfigError, loadZipkinConfig } from './config';
import { SpanStore } from './span-store';

const SERVICE = 'zipkin';

async function main(): Promise<RunningServer> {
  const config = loadZipkinConfig(process.env);
  const store = new SpanStore({ maxTraces: config.ZIPKIN_MAX_TRACES, maxSpans: config.ZIPKIN_MAX_SPANS });
  const app = buildApp({ store, bodyLimit: config.ZIPKIN_BODY_LIMIT });
  const running = await serve(app, { host: config.HOST, port: config.PORT, onClosed: async () => {} });
  const startupMs = Math.round(performance.now());
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (Zipkin v2 API at /api/v2, traces at /zipkin/, keeps ${config.ZIPKIN_MAX_TRACES} traces / ${config.ZIPKIN_MAX_SPANS} spans, started in ${startupMs} ms)`,
  );
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ZipkinConfigError });
