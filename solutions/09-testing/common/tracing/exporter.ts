// @exercise exporter-from-config: Build the span exporter the settings ask for: Zipkin's v2 JSON to zipkinUrl, OTLP/HTTP to otlpUrl, no exporter for "none"; return it with the URL it sends to.
// @hint The settings name one of three destinations: build the matching exporter pointed at that destination's URL, or none at all when tracing is to send nothing; report the URL you used so the start-up line can say where spans go.
// @hint-api A switch on settings.exporter: new ZipkinExporter({ url: settings.zipkinUrl }) (@opentelemetry/exporter-zipkin), new OTLPTraceExporter({ url: settings.otlpUrl }) (@opentelemetry/exporter-trace-otlp-http), undefined for "none"; target is the URL used.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { TracingSettings } from './settings';

/** The exporter the settings name, and where it sends (for log lines); undefined for exporter "none". */
export function exporterFor(settings: TracingSettings): { exporter: SpanExporter; target: string } | undefined {
  switch (settings.exporter) {
    case 'zipkin':
      return { exporter: new ZipkinExporter({ url: settings.zipkinUrl }), target: settings.zipkinUrl };
    case 'otlp':
      return { exporter: new OTLPTraceExporter({ url: settings.otlpUrl }), target: settings.otlpUrl };
    case 'none':
      return undefined;
  }
}
// @starter
// import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
// import type { SpanExporter } from '@opentelemetry/sdk-trace';
// import { DEFAULT_ZIPKIN_URL, type TracingSettings } from './settings';
//
// /** The exporter the settings name, and where it sends (for log lines); undefined for exporter "none". */
// export function exporterFor(_settings: TracingSettings): { exporter: SpanExporter; target: string } | undefined {
//   // Always Zipkin at its default address, whatever the configuration says.
//   return { exporter: new ZipkinExporter({ url: DEFAULT_ZIPKIN_URL }), target: DEFAULT_ZIPKIN_URL };
// }
// @end
