import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export interface DropLogger {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * Wraps the real exporter so a trace store that is down costs nothing but the spans: each failed
 * batch is counted as dropped, the first failure of an outage is logged once (not once per batch),
 * and the first success after it says the store is back. Requests never wait for any of this: the
 * batch processor exports in the background.
 */
export class CountingExporter implements SpanExporter {
  private droppedSpans = 0;
  private exportedSpans = 0;
  private failing = false;

  constructor(
    private readonly inner: SpanExporter,
    private readonly target: string,
    private readonly logger: DropLogger = console,
  ) {}

  get dropped(): number {
    return this.droppedSpans;
  }

  get exported(): number {
    return this.exportedSpans;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.exportedSpans += spans.length;
        if (this.failing) {
          this.failing = false;
          this.logger.info(
            `tracing: trace store at ${this.target} is back (${this.droppedSpans} span(s) dropped so far)`,
          );
        }
      } else {
        this.droppedSpans += spans.length;
        if (!this.failing) {
          this.failing = true;
          const why = result.error?.message ?? 'export failed';
          this.logger.warn(
            `tracing: cannot send spans to ${this.target} (${why}); dropping them until it answers (requests are not affected)`,
          );
        }
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
