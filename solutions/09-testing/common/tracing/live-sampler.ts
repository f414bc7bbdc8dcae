import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { ParentBasedSampler, type Sampler, SamplingDecision, type SamplingResult } from '@opentelemetry/sdk-trace';

/**
 * Keeps a share of new traces, decided from the trace id (so every service that sees the same
 * root decides alike), with a ratio that can change while the service runs: a config refresh over
 * the bus calls setRatio and the next trace already follows it. OpenTelemetry's own
 * TraceIdRatioBasedSampler fixes its ratio at construction.
 */
export class LiveRatioSampler implements Sampler {
  private current: number;

  constructor(ratio: number) {
    this.current = checkRatio(ratio);
  }

  get ratio(): number {
    return this.current;
  }

  setRatio(ratio: number): void {
    this.current = checkRatio(ratio);
  }

  shouldSample(
    _context: Context,
    traceId: string,
    _spanName: string,
    _spanKind: SpanKind,
    _attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    const keep = this.current >= 1 || (this.current > 0 && traceIdFraction(traceId) < this.current);
    return { decision: keep ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return `LiveRatioSampler{${this.current}}`;
  }
}

/** The sampler a service installs: a caller's decision is kept; new traces follow the live ratio. */
export function liveParentBasedSampler(root: LiveRatioSampler): Sampler {
  return new ParentBasedSampler({ root });
}

/** The trace id's last 8 hex digits as a fraction in [0, 1): uniform for random ids. */
export function traceIdFraction(traceId: string): number {
  return parseInt(traceId.slice(-8), 16) / 0x1_0000_0000;
}

function checkRatio(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new RangeError(`tracing.sampling-ratio must be a number from 0 to 1, got ${ratio}`);
  }
  return ratio;
}
