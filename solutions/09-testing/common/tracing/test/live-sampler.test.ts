import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { LiveRatioSampler, liveParentBasedSampler, traceIdFraction } from '../index';

const ids = Array.from(
  { length: 2000 },
  (_, i) => `${'0'.repeat(24)}${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
);
const keptShare = (sampler: { shouldSample: LiveRatioSampler['shouldSample'] }) =>
  ids.filter(
    (id) =>
      sampler.shouldSample(ROOT_CONTEXT, id, 'GET', SpanKind.SERVER, {}, []).decision ===
      SamplingDecision.RECORD_AND_SAMPLED,
  ).length / ids.length;

describe('LiveRatioSampler', () => {
  it('keeps about the ratio of new traces, and changes ratio live', () => {
    const sampler = new LiveRatioSampler(0.25);
    expect(keptShare(sampler)).toBeCloseTo(0.25, 1);
    sampler.setRatio(0);
    expect(keptShare(sampler)).toBe(0);
    sampler.setRatio(1);
    expect(keptShare(sampler)).toBe(1);
    sampler.setRatio(0.75);
    expect(sampler.ratio).toBe(0.75);
    expect(keptShare(sampler)).toBeCloseTo(0.75, 1);
  });

  it('decides the same way for the same trace id (every service agrees)', () => {
    const a = new LiveRatioSampler(0.5);
    const b = new LiveRatioSampler(0.5);
    for (const id of ids.slice(0, 50)) {
      expect(a.shouldSample(ROOT_CONTEXT, id, 'x', SpanKind.INTERNAL, {}, []).decision).toBe(
        b.shouldSample(ROOT_CONTEXT, id, 'y', SpanKind.SERVER, {}, []).decision,
      );
    }
    expect(traceIdFraction('0000000000000000000000000000000')).toBe(0);
    expect(traceIdFraction('ffffffffffffffffffffffffffffffff')).toBeLessThan(1);
  });

  it('refuses a ratio outside 0 … 1 naming the config key', () => {
    expect(() => new LiveRatioSampler(1.5)).toThrow(/tracing\.sampling-ratio must be a number from 0 to 1, got 1\.5/);
    expect(() => new LiveRatioSampler(0.5).setRatio(Number.NaN)).toThrow(RangeError);
  });

  it('parent-based: a sampled caller is followed even at ratio 0, an unsampled one even at ratio 1', () => {
    const root = new LiveRatioSampler(0);
    const sampler = liveParentBasedSampler(root);
    const parent = (flags: TraceFlags) =>
      trace.setSpanContext(ROOT_CONTEXT, {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: flags,
        isRemote: true,
      });
    const decide = (ctx = ROOT_CONTEXT) =>
      sampler.shouldSample(ctx, '4bf92f3577b34da6a3ce929d0e0e4736', 'GET', SpanKind.SERVER, {}, []).decision;
    expect(decide(parent(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide()).toBe(SamplingDecision.NOT_RECORD);
    root.setRatio(1);
    expect(decide(parent(TraceFlags.NONE))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide()).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});
