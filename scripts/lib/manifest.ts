import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { UsageError, relative } from './paths';

export const MANIFEST_FILE = 'landscape.yml';

const ServiceSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The TypeScript entry point, relative to the chapter folder. */
  entry: z.string(),
  port: z.number().int().min(1).max(65535),
  health: z.string().startsWith('/'),
  /**
   * A module loaded before the entry (chapter 06: common/tracing/register.ts, so OpenTelemetry patches
   * http, express, amqplib and pino before the service requires them), relative to the chapter folder.
   */
  preload: z.string().optional(),
  /**
   * The service serves HTTPS on `port` (chapter 08's edge, with a certificate it makes itself), and
   * plain HTTP on `httpPort` (given to it as HTTP_PORT) that only redirects to HTTPS.
   */
  https: z
    .object({
      httpPort: z.number().int().min(1).max(65535),
      /** Where the service writes its self-signed certificate, relative to the chapter folder: what a client trusts (curl --cacert). */
      cert: z.string().optional(),
    })
    .strict()
    .optional(),
  /** A UDP port the service receives on (logtail's GELF), given to it as UDP_PORT. */
  udp: z.number().int().min(1).max(65535).optional(),
  /** Extra environment; `{{port:NAME}}` stands for the port service NAME runs on. */
  env: z.record(z.string(), z.string()).default({}),
  /** Where the service serves Prometheus metrics (chapter 07): it becomes a scrape target. */
  metrics: z.string().startsWith('/').optional(),
  /** A first URL path worth a curl, printed once the landscape is up. */
  try: z.string().startsWith('/').optional(),
  /** How `npm run footprint` loads the service: the request (default: `try`) and extra env. */
  bench: z
    .object({
      path: z.string().startsWith('/').optional(),
      env: z.record(z.string(), z.string()).default({}),
    })
    .optional(),
});

/**
 * What `npm run footprint` compares a chapter with in the same run, to state the cost of its concern:
 * the previous chapter's landscape (chapter 05 vs 04: logging) and/or this chapter with other env
 * (chapter 06 with OTEL_SDK_DISABLED=true: tracing).
 */
const BenchSchema = z
  .object({
    compareWith: z
      .object({ chapter: z.number().int().min(1) })
      .strict()
      .optional(),
    variants: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z0-9][a-z0-9 .-]*$/, 'a short lower-case name, e.g. "tracing off"'),
            env: z
              .record(z.string(), z.string())
              .refine((env) => Object.keys(env).length > 0, 'give at least one variable'),
          })
          .strict(),
      )
      .default([]),
    /**
     * How the measured services run: production bundles (default), or from source as the runner
     * starts them, for a chapter whose preload must patch modules a bundle would inline (chapter 06).
     */
    run: z.enum(['bundle', 'source']).default('bundle'),
    /**
     * Why `npm run footprint` does not measure this chapter, and what measures its cost instead
     * (chapter 08: its API needs a token the footprint's load does not carry).
     */
    instead: z.string().optional(),
  })
  .strict();

const ManifestSchema = z
  .object({
    chapter: z.number().int(),
    title: z.string(),
    services: z.array(ServiceSchema).min(1),
    bench: BenchSchema.optional(),
    /**
     * Supporting servers the chapter uses: rabbitmq is required (checked before start); prometheus
     * (chapter 07) is optional, started when installed.
     */
    servers: z.array(z.enum(['rabbitmq', 'prometheus'])).default([]),
    /** The service answering Prometheus' HTTP service discovery (GET /targets): replicas' own addresses. */
    scrapeDiscovery: z.string().optional(),
    /**
     * The service that receives every other service's output lines as GELF on its `udp` port (chapter
     * 05: logtail): local mode's stand-in for Docker's gelf log driver.
     */
    gelf: z.string().optional(),
  })
  .refine((m) => m.gelf === undefined || m.services.some((s) => s.name === m.gelf && s.udp !== undefined), {
    message: 'gelf must name a service that has a udp port',
    path: ['gelf'],
  })
  .refine((m) => m.scrapeDiscovery === undefined || m.services.some((s) => s.name === m.scrapeDiscovery), {
    message: 'scrapeDiscovery must name a service of the landscape',
    path: ['scrapeDiscovery'],
  })
  .refine((m) => (m.bench?.compareWith?.chapter ?? 0) < m.chapter, {
    message: 'compareWith must name an earlier chapter',
    path: ['bench', 'compareWith', 'chapter'],
  })
  .refine((m) => new Set(m.bench?.variants.map((v) => v.name)).size === (m.bench?.variants.length ?? 0), {
    message: 'variant names must differ',
    path: ['bench', 'variants'],
  });

export type ServiceSpec = z.infer<typeof ServiceSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

export type BenchSpec = z.infer<typeof BenchSchema>;

export function readManifest(chapterDir: string): Manifest {
  const file = path.join(chapterDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new UsageError(`${relative(file)} is missing.`);
  return parseManifest(YAML.parse(fs.readFileSync(file, 'utf8')), relative(file));
}

/** Checks a parsed landscape.yml against the schema; `where` names the file in the error. */
export function parseManifest(data: unknown, where: string): Manifest {
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UsageError(`${where} is invalid: ${problems}`);
  }
  return parsed.data;
}

/** Replaces `{{port:NAME}}` in a service's env with the port NAME was given. */
export function resolveEnv(env: Record<string, string>, ports: Map<string, number>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\{\{port:([a-z0-9-]+)\}\}/g, (_, name: string) => {
        const port = ports.get(name);
        if (port === undefined) throw new UsageError(`env ${key} refers to unknown service "${name}"`);
        return String(port);
      }),
    ]),
  );
}

const MAX_LOCAL_REPLICAS = 8;

/**
 * Parses `--replicas` values such as "quotes-service=3" against the manifest: the service must
 * exist and N be a whole number from 1 to MAX_LOCAL_REPLICAS.
 */
export function parseReplicas(values: string[], manifest: Manifest): Record<string, number> {
  const replicas: Record<string, number> = {};
  for (const value of values) {
    const match = /^([a-z][a-z0-9-]*)=(\d+)$/.exec(value);
    if (!match) throw new UsageError(`--replicas takes NAME=N, e.g. --replicas quotes-service=3 (got "${value}")`);
    const [, name, count] = match;
    if (!manifest.services.some((s) => s.name === name)) {
      const names = manifest.services.map((s) => s.name).join(', ');
      throw new UsageError(`--replicas: chapter ${manifest.chapter} has no service "${name}" (it has ${names})`);
    }
    const n = Number(count);
    if (n < 1 || n > MAX_LOCAL_REPLICAS) {
      throw new UsageError(`--replicas ${name}=${n}: choose 1 to ${MAX_LOCAL_REPLICAS} replicas`);
    }
    replicas[name] = n;
  }
  return replicas;
}
