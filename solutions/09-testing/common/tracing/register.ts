/**
 * Starts tracing before anything else loads: `node --require tsx/cjs --require
 * <chapter>/common/tracing/register.ts src/main.ts` (a bundle: `node --require ./register.js
 * main.js`). Settings from env (OTEL_SERVICE_NAME, TRACING_*; see settings.ts and the chapter write-up);
 * OTEL_SDK_DISABLED=true leaves tracing off. A bad setting stops the process naming the variable.
 */
import path from 'node:path';
import { TracingConfigError, tracingDisabled, tracingSettingsFromEnv } from './settings';
import { startTracing } from './start-tracing';

function register(): void {
  if (tracingDisabled(process.env)) return;
  // The service's folder name (accountservice/src/main.ts → accountservice) when OTEL_SERVICE_NAME is unset.
  const entry = process.argv[1];
  const fallback = entry ? path.basename(path.resolve(path.dirname(entry), '..')) : undefined;
  try {
    const tracing = startTracing(tracingSettingsFromEnv(process.env, fallback));
    const { serviceName, exporter, samplingRatio } = tracing.settings;
    const target =
      exporter === 'zipkin' ? tracing.settings.zipkinUrl : exporter === 'otlp' ? tracing.settings.otlpUrl : 'nowhere';
    console.log(`tracing ${serviceName}: ${exporter} → ${target}, sampling ${samplingRatio}`);
  } catch (err) {
    if (!(err instanceof TracingConfigError)) throw err;
    console.error(`${fallback ?? 'service'}: ${err.message}`);
    process.exit(1);
  }
}

register();
