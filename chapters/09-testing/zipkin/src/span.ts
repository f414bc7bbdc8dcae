import { z } from 'zod';

const hex = (min: number, max: number) =>
  z
    .string()
    .regex(
      new RegExp(`^[a-f0-9]{${min},${max}}$`),
      `must be ${min === max ? min : `${min} to ${max}`} lowercase hex characters`,
    );

const EndpointSchema = z.object({
  serviceName: z.string().optional(),
  ipv4: z.string().optional(),
  ipv6: z.string().optional(),
  port: z.number().int().optional(),
});

const AnnotationSchema = z.object({ timestamp: z.number().int(), value: z.string() });

/**
 * One span in Zipkin's v2 model (zipkin2-api.yaml, definitions/Span): ids as lowercase hex,
 * timestamp and duration in epoch MICROseconds, tags as string → string.
 */
export const SpanSchema = z.object({
  traceId: hex(16, 32),
  id: hex(16, 16),
  parentId: hex(16, 16).optional(),
  name: z.string().optional(),
  kind: z.enum(['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']).optional(),
  timestamp: z.number().int().nonnegative().optional(),
  duration: z.number().int().nonnegative().optional(),
  debug: z.boolean().optional(),
  shared: z.boolean().optional(),
  localEndpoint: EndpointSchema.optional(),
  remoteEndpoint: EndpointSchema.optional(),
  annotations: z.array(AnnotationSchema).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** The body of POST /api/v2/spans: a list of spans with possibly different trace ids. */
export const ListOfSpansSchema = z.array(SpanSchema);

export type Span = z.output<typeof SpanSchema>;

/** Zipkin stores names lower-case (its lookups are case-insensitive). */
export function normalize(span: Span): Span {
  const local = span.localEndpoint?.serviceName;
  const remote = span.remoteEndpoint?.serviceName;
  return {
    ...span,
    ...(span.name !== undefined && { name: span.name.toLowerCase() }),
    ...(local !== undefined && { localEndpoint: { ...span.localEndpoint, serviceName: local.toLowerCase() } }),
    ...(remote !== undefined && { remoteEndpoint: { ...span.remoteEndpoint, serviceName: remote.toLowerCase() } }),
  };
}

/** Describes the first problem zod found, with where it is ("[0].traceId: must be …"). */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid spans';
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${where ? `${where.replace(/^\./, '')}: ` : ''}${issue.message}`;
}
