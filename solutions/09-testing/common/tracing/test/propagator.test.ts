import { ROOT_CONTEXT, TraceFlags, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { compositePropagator } from '../index';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const propagator = compositePropagator();

const withSpanContext = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags: TraceFlags.SAMPLED,
});

function extracted(headers: Record<string, string>) {
  return trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
}

describe('[composite-propagator] the composite propagator', () => {
  it('injects W3C trace context and B3 in both forms', () => {
    const headers: Record<string, string> = {};
    propagator.inject(withSpanContext, headers, defaultTextMapSetter);
    expect(headers).toMatchObject({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      'x-b3-traceid': TRACE_ID,
      'x-b3-spanid': SPAN_ID,
      'x-b3-sampled': '1',
      b3: `${TRACE_ID}-${SPAN_ID}-1`,
    });
  });

  it('extracts a trace from traceparent alone, B3 multi-header alone or the single b3 header alone', () => {
    const expected = { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true };
    expect(extracted({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` })).toMatchObject(expected);
    expect(extracted({ 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': SPAN_ID, 'x-b3-sampled': '1' })).toMatchObject(
      expected,
    );
    expect(extracted({ b3: `${TRACE_ID}-${SPAN_ID}-1` })).toMatchObject(expected);
    // Sleuth's 64-bit trace ids are padded to 128 bits.
    expect(
      extracted({ 'x-b3-traceid': 'a3ce929d0e0e4736', 'x-b3-spanid': SPAN_ID, 'x-b3-sampled': '1' })?.traceId,
    ).toBe('0000000000000000a3ce929d0e0e4736');
  });

  it('lets traceparent win when both W3C and B3 arrive', () => {
    const other = 'a3ce929d0e0e47364bf92f3577b34da6';
    const ctx = extracted({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, b3: `${other}-${SPAN_ID}-1` });
    expect(ctx?.traceId).toBe(TRACE_ID);
  });

  it('reports every header it may write (fields), so proxies and CORS can pass them', () => {
    expect(propagator.fields()).toEqual(
      expect.arrayContaining(['traceparent', 'tracestate', 'baggage', 'b3', 'x-b3-traceid', 'x-b3-spanid']),
    );
  });
});
