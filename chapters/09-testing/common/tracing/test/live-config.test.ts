import { ConfigError } from '../../config';
import { loadServiceConfig as accountConfig } from '../../../accountservice/src/config';
import { loadServiceConfig as quotesConfig } from '../../../quotes-service/src/config';
import { loadServiceConfig as vipConfig } from '../../../vipservice/src/config';
import { startLocalConfigServer } from '../../../test/local-configserver';
import { type TracingConfig, followTracingConfig } from '../live-config';
import { DEFAULT_OTLP_URL, DEFAULT_ZIPKIN_URL, type TracingSettings } from '../settings';
import type { Tracing } from '../start-tracing';

describe('tracing.* in the config repository', () => {
  let server: Awaited<ReturnType<typeof startLocalConfigServer>>;
  beforeAll(async () => {
    server = await startLocalConfigServer();
  });
  afterAll(() => server.stop());
  const env = (extra: NodeJS.ProcessEnv = {}) => ({
    CONFIG_SERVER_URL: server.url,
    CONFIG_WAIT_MS: '0',
    PROFILE: 'dev',
    ...extra,
  });
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

  it.each([
    ['accountservice', accountConfig],
    ['quotes-service', quotesConfig],
    ['vipservice', vipConfig],
  ])('%s reads the exporter, its URL and the sampling ratio, env overriding', async (_name, load) => {
    const config = await load(env({ TRACING_SAMPLING_RATIO: '0.25' }));
    expect(config.current.tracing).toEqual({
      exporter: 'zipkin',
      zipkinUrl: 'http://zipkin:9411/api/v2/spans',
      otlpUrl: 'http://otel-collector:4318/v1/traces',
      samplingRatio: 0.25,
    });
  });

  it.each([
    [
      'TRACING_SAMPLING_RATIO',
      '2',
      /tracing\.sampling-ratio = "2" \(from env TRACING_SAMPLING_RATIO\): a ratio from 0 to 1/,
    ],
    ['TRACING_EXPORTER', 'jaeger', /tracing\.exporter = "jaeger" \(from env TRACING_EXPORTER\)/],
    ['TRACING_ZIPKIN_URL', 'zipkin:9411', /tracing\.zipkin-url = "zipkin:9411" \(from env TRACING_ZIPKIN_URL\)/],
  ])('[schema-errors] refuses %s=%s, naming the key and where it came from', async (variable, value, message) => {
    await expect(accountConfig(env({ [variable]: value }))).rejects.toThrow(ConfigError);
    await expect(accountConfig(env({ [variable]: value }))).rejects.toThrow(message);
  });
});

describe('followTracingConfig', () => {
  const settings: TracingSettings = {
    serviceName: 'accountservice',
    exporter: 'zipkin',
    zipkinUrl: DEFAULT_ZIPKIN_URL,
    otlpUrl: DEFAULT_OTLP_URL,
    samplingRatio: 1,
    exportDelayMs: 1000,
  };
  function fakeTracing(): Tracing {
    let ratio = settings.samplingRatio;
    return {
      settings,
      get samplingRatio() {
        return ratio;
      },
      setSamplingRatio: (next) => (ratio = next),
      droppedSpans: 0,
      exportedSpans: 0,
      shutdown: async () => undefined,
    };
  }
  function liveConfig(tracing: Partial<TracingConfig>) {
    const listeners: ((config: { tracing: TracingConfig }) => void)[] = [];
    const current = { tracing: { ...settings, ...tracing } };
    return {
      current,
      onChange: (listener: (config: { tracing: TracingConfig }) => void) => listeners.push(listener),
      refresh(next: Partial<TracingConfig>) {
        current.tracing = { ...current.tracing, ...next };
        for (const listener of listeners) listener(current);
      },
    };
  }
  const recording = () => {
    const lines: string[] = [];
    return { lines, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  };

  it('applies the configured ratio at start and again after each refresh, saying what changed', () => {
    const tracing = fakeTracing();
    const config = liveConfig({ samplingRatio: 0.5 });
    const log = recording();
    followTracingConfig(config, log, tracing);
    expect(tracing.samplingRatio).toBe(0.5);
    config.refresh({ samplingRatio: 0 });
    expect(tracing.samplingRatio).toBe(0);
    config.refresh({ samplingRatio: 0 });
    expect(log.lines).toEqual(['tracing: sampling ratio changed: 1 → 0.5', 'tracing: sampling ratio changed: 0.5 → 0']);
  });

  it('says once when the configured exporter is not the one tracing started with (it needs a restart)', () => {
    const log = recording();
    followTracingConfig(liveConfig({ zipkinUrl: 'http://zipkin:9411/api/v2/spans' }), log, fakeTracing());
    expect(log.lines).toEqual([
      expect.stringMatching(
        /config says zipkin http:\/\/zipkin:9411\/api\/v2\/spans, but tracing started with zipkin http:\/\/127\.0\.0\.1:9411/,
      ),
    ]);
  });

  it('does nothing when tracing is off (OTEL_SDK_DISABLED=true)', () => {
    const log = recording();
    followTracingConfig(liveConfig({ samplingRatio: 0 }), log, undefined);
    expect(log.lines).toEqual([]);
  });
});
