// TODO(exercise exporter-from-config): Build the span exporter the settings ask for: Zipkin's v2 JSON to zipkinUrl, OTLP/HTTP to otlpUrl, no exporter for "none"; return it with the URL it sends to.
// Check it with `npm run verify:6`; a hint: `npm run verify:6 -- --hint exporter-from-config`.
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { DEFAULT_ZIPKIN_URL, type TracingSettings } from './settings';

/** The exporter the settings name, and where it sends (for log lines); undefined for exporter "none". */
export function exporterFor(_settings: TracingSettings): { exporter: SpanExporter; target: string } | undefined {
  // Always Zipkin at its default address, whatever the configuration says.
  return { exporter: new ZipkinExporter({ url: DEFAULT_ZIPKIN_URL }), target: DEFAULT_ZIPKIN_URL };
}
