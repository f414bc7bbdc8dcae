import { LogtailConfigError, loadLogtailConfig } from '../src/config';

describe('logtail configuration', () => {
  it("has goblog's ports and safe bounds by default", () => {
    expect(loadLogtailConfig({})).toMatchObject({
      UDP_PORT: 12202,
      PORT: 12203,
      HOST: '0.0.0.0',
      SINK_QUEUE_LIMIT: 10_000,
    });
    expect(loadLogtailConfig({}).SINK_URL).toBeUndefined();
  });

  it('reads env, ignoring unrelated variables', () => {
    const config = loadLogtailConfig({ UDP_PORT: '5000', SINK_URL: 'http://loki:3100/loki/api/v1/push', HOME: '/x' });
    expect(config).toMatchObject({ UDP_PORT: 5000, SINK_URL: 'http://loki:3100/loki/api/v1/push' });
  });

  it('refuses bad values, naming every bad variable', () => {
    const bad = () =>
      loadLogtailConfig({ UDP_PORT: '70000', SINK_URL: 'ftp://x', SINK_QUEUE_LIMIT: '0', HOST: 'here' });
    expect(bad).toThrow(LogtailConfigError);
    expect(bad).toThrow(/UDP_PORT: .*SINK_URL: .*SINK_QUEUE_LIMIT: /s);
    expect(bad).toThrow(/HOST/);
  });
});
