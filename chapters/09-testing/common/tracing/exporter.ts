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
