import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import {
  DEFAULT_ZIPKIN_URL,
  exporterFor,
  parseTracingSettings,
  tracingDisabled,
  tracingSettingsFromEnv,
} from '../index';

describe('tracing settings', () => {
  it('defaults to Zipkin on 127.0.0.1:9411, every trace kept', () => {
    expect(tracingSettingsFromEnv({}, 'accountservice')).toEqual({
      serviceName: 'accountservice',
      exporter: 'zipkin',
      zipkinUrl: DEFAULT_ZIPKIN_URL,
      otlpUrl: 'http://127.0.0.1:4318/v1/traces',
      samplingRatio: 1,
      exportDelayMs: 1000,
    });
  });

  it('reads env and refuses bad values naming the variable', () => {
    expect(tracingSettingsFromEnv({ OTEL_SERVICE_NAME: 'vipservice', TRACING_SAMPLING_RATIO: '0.1' })).toMatchObject({
      serviceName: 'vipservice',
      samplingRatio: 0.1,
    });
    let message = '';
    try {
      tracingSettingsFromEnv(
        { TRACING_SAMPLING_RATIO: '2', TRACING_EXPORTER: 'jaeger', TRACING_ZIPKIN_URL: 'zipkin:9411' },
        'x',
      );
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/TRACING_SAMPLING_RATIO="2": a ratio from 0 to 1/);
    expect(message).toMatch(/TRACING_EXPORTER="jaeger": .*"zipkin"\|"otlp"\|"none"/);
    expect(message).toMatch(/TRACING_ZIPKIN_URL="zipkin:9411": Invalid URL/);
    expect(() =>
      parseTracingSettings({ serviceName: 'x', samplingRatio: -1 }, { samplingRatio: 'tracing.sampling-ratio' }),
    ).toThrow(/tracing\.sampling-ratio=-1/);
    expect(tracingDisabled({ OTEL_SDK_DISABLED: 'true' })).toBe(true);
    expect(tracingDisabled({})).toBe(false);
  });
});

describe('[exporter-from-config] exporterFor', () => {
  it('builds the Zipkin exporter, the OTLP/HTTP exporter, or none, and says where it sends', () => {
    const zipkin = exporterFor(tracingSettingsFromEnv({ TRACING_ZIPKIN_URL: 'http://zipkin:9411/api/v2/spans' }, 's'));
    expect(zipkin?.exporter).toBeInstanceOf(ZipkinExporter);
    expect(zipkin?.target).toBe('http://zipkin:9411/api/v2/spans');
    const otlp = exporterFor(tracingSettingsFromEnv({ TRACING_EXPORTER: 'otlp' }, 's'));
    expect(otlp?.exporter).toBeInstanceOf(OTLPTraceExporter);
    expect(otlp?.target).toBe('http://127.0.0.1:4318/v1/traces');
    expect(exporterFor(tracingSettingsFromEnv({ TRACING_EXPORTER: 'none' }, 's'))).toBeUndefined();
  });
});
