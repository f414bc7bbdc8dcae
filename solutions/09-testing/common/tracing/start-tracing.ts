import os from 'node:os';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { CountingExporter, type DropLogger } from './counting-exporter';
import { exporterFor } from './exporter';
import { LiveRatioSampler, liveParentBasedSampler } from './live-sampler';
import { compositePropagator } from './propagator';
import type { TracingSettings } from './settings';

/** service.instance.id (stable semantic convention; spelled out: it is still "incubating" in the package). */
const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';

/** Requests that come all the time and say nothing about the work: not traced. */
const UNTRACED_PATHS = new Set(['/health', '/metrics', '/breakers']);

/** What a running service can do with its tracing. */
export interface Tracing {
  readonly settings: TracingSettings;
  /** The share of new traces kept now. */
  readonly samplingRatio: number;
  /** tracing.sampling-ratio changed by a refresh over the bus: applies to the next new trace. */
  setSamplingRatio(ratio: number): void;
  /** Spans the trace store did not take (it was down or refused them). */
  readonly droppedSpans: number;
  readonly exportedSpans: number;
  /** Sends the spans still waiting, then stops (call it in the service's onClosed). */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The tracing register.ts started in this process, if any. */
export function currentTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts OpenTelemetry for this process. Call it before express, http, amqplib or pino are
 * required (register.ts does, through node --require): instrumentations patch modules as they load.
 */
export function startTracing(settings: TracingSettings, logger: DropLogger = console): Tracing {
  if (active) throw new Error('tracing is already started in this process');
  const sampler = new LiveRatioSampler(settings.samplingRatio);
  const exporting = exporterFor(settings);
  const counting = exporting && new CountingExporter(exporting.exporter, exporting.target, logger);
  const spanProcessors: SpanProcessor[] = counting
    ? [
        new BatchSpanProcessor({
          exporter: counting,
          scheduledDelayMillis: settings.exportDelayMs,
          exportTimeoutMillis: 10_000,
        }),
      ]
    : [];
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: settings.serviceName,
      [ATTR_SERVICE_INSTANCE_ID]: settings.instanceId ?? `${os.hostname()}#${process.pid}`,
    }),
    autoDetectResources: false,
    spanProcessors,
    sampler: liveParentBasedSampler(sampler),
    textMapPropagator: compositePropagator(),
    instrumentations: [
      // Health checks, Prometheus' scrapes and the breaker stream's polls would fill the store with noise.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has(req.url ?? '') }),
      // Chapter 07: the quote and image clients call with fetch (undici), which the http one does not see.
      // Chapter 08: only inside a request's trace; a background poll (the revocation list every few
      // seconds) would otherwise start a trace of its own each time.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new ExpressInstrumentation(),
      new AmqplibInstrumentation(),
      // Adds trace_id, span_id and trace_flags to every log line written inside a span.
      new PinoInstrumentation(),
    ],
    // Traces only: without these NodeSDK sets up OTLP metrics and logs, and shutdown() hangs ~8 s.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  active = {
    settings,
    get samplingRatio() {
      return sampler.ratio;
    },
    setSamplingRatio: (ratio) => sampler.setRatio(ratio),
    get droppedSpans() {
      return counting?.dropped ?? 0;
    },
    get exportedSpans() {
      return counting?.exported ?? 0;
    },
    // The store may be down at exit: the last spans are then lost with a warning, never a failed exit.
    shutdown: () =>
      (stopped ??= sdk.shutdown().catch((err: unknown) => {
        const why = err instanceof Error ? err.message : String(err);
        logger.warn(`tracing: the spans still waiting at shutdown were not sent (${why})`);
      })),
  };
  return active;
}
