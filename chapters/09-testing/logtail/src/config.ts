import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positive = (max: number) => z.coerce.number().int().min(1).max(max);

/** logtail's settings, all from env (it starts before the config server and must never depend on it). */
export const LogtailConfigSchema = z.object({
  /** GELF in (goblog's gelftail and Docker's gelf driver: 12202). */
  UDP_PORT: port.default(12202),
  /** GET /logs, /logs/stream, /stats, /health. */
  PORT: port.default(12203),
  /** 0.0.0.0 in a container; the local runner sets 127.0.0.1. */
  HOST: z.union([z.ipv4(), z.ipv6()]).default('0.0.0.0'),
  /** Lines kept per service for GET /logs. */
  LOG_BUFFER_SIZE: positive(100_000).default(1000),
  LOG_MAX_SERVICES: positive(10_000).default(100),
  /** The largest datagram, decompressed message or reassembled chunked message. */
  GELF_MAX_MESSAGE_BYTES: positive(16 * 1024 * 1024).default(1024 * 1024),
  /** The GELF spec: a chunked message not complete within 5 s is dropped. */
  GELF_CHUNK_TIMEOUT_MS: positive(60_000).default(5000),
  /** The kernel's buffer for unread datagrams (bursts); Linux caps it at net.core.rmem_max. */
  GELF_RECEIVE_BUFFER_BYTES: positive(256 * 1024 * 1024).default(4 * 1024 * 1024),
  GELF_MAX_PENDING_MESSAGES: positive(100_000).default(1000),
  /** Chapter 06: the trace store's page; a line written in a trace links to `<TRACE_UI_URL>#<trace id>`. */
  TRACE_UI_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:9411/zipkin/'),
  /** Where batches go, in the Loki push API shape; unset: no forwarding. */
  SINK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SINK_BATCH_SIZE: positive(10_000).default(100),
  SINK_BATCH_INTERVAL_MS: positive(60_000).default(1000),
  SINK_QUEUE_LIMIT: positive(1_000_000).default(10_000),
  SINK_TIMEOUT_MS: positive(60_000).default(5000),
  SINK_RETRY_INITIAL_MS: positive(60_000).default(250),
  SINK_RETRY_MAX_MS: positive(300_000).default(10_000),
  /** At SIGTERM, how long the forwarder may keep trying to empty its queue. */
  SHUTDOWN_FLUSH_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
});

export type LogtailConfig = z.output<typeof LogtailConfigSchema>;

export class LogtailConfigError extends Error {}

/** The settings from env, or an error naming every bad variable (logtail then refuses to start). */
export function loadLogtailConfig(env: NodeJS.ProcessEnv): LogtailConfig {
  const known = Object.fromEntries(
    Object.keys(LogtailConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = LogtailConfigSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new LogtailConfigError(`invalid configuration: ${problems.join('; ')}`);
}
