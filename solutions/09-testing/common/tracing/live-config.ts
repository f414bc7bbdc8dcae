import { z } from 'zod';
import { DEFAULT_OTLP_URL, DEFAULT_ZIPKIN_URL } from './settings';
import { type Tracing, currentTracing } from './start-tracing';

/**
 * `tracing.*` in the config repository, as a service's schema declares it (`tracing:
 * TracingConfigSchema`). A bad value stops the service naming the key (tracing.sampling-ratio …).
 * Only the sampling ratio is live: the exporter and its URL are fixed when register.ts starts
 * OpenTelemetry, before the config client runs, so they come from env (TRACING_EXPORTER,
 * TRACING_ZIPKIN_URL …, the same names the config client's env overrides use) and the keys here
 * document them and are checked against what is running.
 */
export const TracingConfigSchema = z
  .object({
    exporter: z.enum(['zipkin', 'otlp', 'none']).default('zipkin'),
    zipkinUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_ZIPKIN_URL),
    otlpUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_OTLP_URL),
    samplingRatio: z.coerce.number().min(0, 'a ratio from 0 to 1').max(1, 'a ratio from 0 to 1').default(1),
  })
  .prefault({});

export type TracingConfig = z.output<typeof TracingConfigSchema>;

/** The live key to add to a service's LIVE_KEYS: a refresh (over the bus too) changes the ratio at once. */
export const TRACING_LIVE_KEY = 'tracing.sampling-ratio';

interface LiveTracingConfig {
  readonly current: { readonly tracing: TracingConfig };
  onChange(listener: (config: { readonly tracing: TracingConfig }) => void): unknown;
}

interface TracingLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Applies tracing.sampling-ratio now and after every refresh, and says once at start when the
 * configured exporter or URL differ from the ones tracing started with (they need a restart with env).
 * Does nothing when tracing is off (OTEL_SDK_DISABLED=true, or no preload).
 */
export function followTracingConfig(
  config: LiveTracingConfig,
  log: TracingLogger,
  tracing: Tracing | undefined = currentTracing(),
): void {
  if (!tracing) return;
  const { exporter, zipkinUrl, otlpUrl } = config.current.tracing;
  const running = tracing.settings;
  const url = (s: { exporter: string; zipkinUrl: string; otlpUrl: string }) =>
    s.exporter === 'zipkin' ? s.zipkinUrl : s.exporter === 'otlp' ? s.otlpUrl : '';
  if (exporter !== running.exporter || url(config.current.tracing) !== url(running)) {
    log.warn(
      `tracing: config says ${exporter} ${url({ exporter, zipkinUrl, otlpUrl })}, but tracing started with ` +
        `${running.exporter} ${url(running)} (from env); the exporter changes only on a restart with TRACING_* env`,
    );
  }
  const apply = (ratio: number) => {
    if (ratio === tracing.samplingRatio) return;
    const from = tracing.samplingRatio;
    tracing.setSamplingRatio(ratio);
    log.warn(`tracing: sampling ratio changed: ${from} → ${ratio}`);
  };
  apply(config.current.tracing.samplingRatio);
  config.onChange((next) => apply(next.tracing.samplingRatio));
}
