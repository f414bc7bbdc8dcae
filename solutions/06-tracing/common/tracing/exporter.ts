import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { TracingSettings } from './settings';

/** The exporter the settings name, and where it sends (for log lines); undefined for exporter "none". */
export function exporterFor(settings: TracingSettings): { exporter: SpanExporter; target: string } | undefined {
  // @exercise exporter-from-config: Build the span exporter the settings ask for: Zipkin's v2 JSON to zipkinUrl, OTLP/HTTP to otlpUrl, none for "none", and say where it sends.
  // @hint new ZipkinExporter({ url }) from @opentelemetry/exporter-zipkin, new OTLPTraceExporter({ url }) from @opentelemetry/exporter-trace-otlp-http; a switch on settings.exporter; target is the URL.
  switch (settings.exporter) {
    case 'zipkin':
      return { exporter: new ZipkinExporter({ url: settings.zipkinUrl }), target: settings.zipkinUrl };
    case 'otlp':
      return { exporter: new OTLPTraceExporter({ url: settings.otlpUrl }), target: settings.otlpUrl };
    case 'none':
      return undefined;
  }
  // @end
}
