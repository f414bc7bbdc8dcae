import { z } from 'zod';
import { bindHostSchema } from '../../common/http';

/** The embedded Zipkin's settings, from env only (it is a supporting server: no config server). */
const ZipkinConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(9411),
  HOST: bindHostSchema(),
  /** Traces kept in memory before the oldest is evicted. */
  ZIPKIN_MAX_TRACES: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Spans kept in memory over all traces (Zipkin's MEM_MAX_SPANS, default 500000; ours is smaller). */
  ZIPKIN_MAX_SPANS: z.coerce.number().int().min(1).max(5_000_000).default(50_000),
  /** Largest accepted POST /api/v2/spans body, after gunzip. */
  ZIPKIN_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size like 512kb or 5mb')
    .default('5mb'),
});

export type ZipkinConfig = z.output<typeof ZipkinConfigSchema>;

export class ZipkinConfigError extends Error {}

/** Reads the settings; refuses bad values naming the variable. */
export function loadZipkinConfig(env: NodeJS.ProcessEnv): ZipkinConfig {
  const parsed = ZipkinConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`,
  );
  throw new ZipkinConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
}
