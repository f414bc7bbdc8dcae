import { z } from 'zod';

export const DEFAULT_ZIPKIN_URL = 'http://127.0.0.1:9411/api/v2/spans';
export const DEFAULT_OTLP_URL = 'http://127.0.0.1:4318/v1/traces';

const ratio = z.coerce.number().min(0, 'a ratio from 0 to 1').max(1, 'a ratio from 0 to 1');

/**
 * How a service traces: where spans go and how many are kept. The config keys (config-repo) are
 * tracing.exporter, tracing.zipkin-url, tracing.otlp-url, tracing.sampling-ratio; register.ts reads
 * the same settings from env (see tracingSettingsFromEnv) because it runs before the config client.
 */
export const TracingSettingsSchema = z.object({
  serviceName: z.string().regex(/^[\w.-]{1,64}$/, 'a service name like accountservice'),
  /** Tells replicas apart in the trace store (service.instance.id); defaults to host name + pid. */
  instanceId: z.string().min(1).optional(),
  /** zipkin (the talk's choice), otlp (OTLP/HTTP JSON, e.g. Jaeger or the OpenTelemetry Collector), or none. */
  exporter: z.enum(['zipkin', 'otlp', 'none']).default('zipkin'),
  zipkinUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_ZIPKIN_URL),
  otlpUrl: z.url({ protocol: /^https?$/ }).default(DEFAULT_OTLP_URL),
  /** Share of new traces kept (0 … 1); a request that arrives with a trace keeps its caller's decision. */
  samplingRatio: ratio.default(1),
  /** How long finished spans wait to be sent in one batch. */
  exportDelayMs: z.coerce.number().int().min(10).max(60_000).default(1000),
});

export type TracingSettings = z.output<typeof TracingSettingsSchema>;
export type TracingSettingsInput = z.input<typeof TracingSettingsSchema>;

/** A setting that cannot be used, named as the user wrote it. */
export class TracingConfigError extends Error {}

/** The env variables register.ts reads, and the setting each one sets. */
export const TRACING_ENV = {
  OTEL_SERVICE_NAME: 'serviceName',
  TRACING_INSTANCE_ID: 'instanceId',
  TRACING_EXPORTER: 'exporter',
  TRACING_ZIPKIN_URL: 'zipkinUrl',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'otlpUrl',
  TRACING_SAMPLING_RATIO: 'samplingRatio',
  TRACING_EXPORT_DELAY_MS: 'exportDelayMs',
} as const satisfies Record<string, keyof TracingSettings>;

/** Validates settings; throws TracingConfigError naming each bad one by `names` (env variable or config key). */
export function parseTracingSettings(
  input: Partial<Record<keyof TracingSettings, unknown>>,
  names: Partial<Record<keyof TracingSettings, string>> = {},
): TracingSettings {
  const parsed = TracingSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof TracingSettings;
    return `${names[key] ?? key}=${JSON.stringify(input[key])}: ${issue.message}`;
  });
  throw new TracingConfigError(`invalid tracing configuration:\n  ${lines.join('\n  ')}`);
}

/** The settings from env (OTEL_SERVICE_NAME, TRACING_*); unset or empty variables take the defaults. */
export function tracingSettingsFromEnv(env: NodeJS.ProcessEnv, fallbackServiceName?: string): TracingSettings {
  const input: Partial<Record<keyof TracingSettings, unknown>> = {};
  const names: Partial<Record<keyof TracingSettings, string>> = {};
  for (const [variable, key] of Object.entries(TRACING_ENV)) {
    names[key] = variable;
    const value = env[variable];
    if (value !== undefined && value !== '') input[key] = value;
  }
  input.serviceName ??= fallbackServiceName;
  return parseTracingSettings(input, names);
}

/** Whether env switches tracing off altogether (OpenTelemetry's own OTEL_SDK_DISABLED=true). */
export function tracingDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.OTEL_SDK_DISABLED?.toLowerCase() === 'true';
}
