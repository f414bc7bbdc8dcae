import express from 'express';
import request from 'supertest';
import { BreakerRegistry, DEFAULT_BREAKER_SETTINGS } from '../../resilience';
import { createMetrics } from '..';

function appWith(metrics: ReturnType<typeof createMetrics>) {
  const app = express();
  app.use(metrics.httpMiddleware);
  const accounts = express.Router();
  accounts.get('/:accountId', (req, res) => {
    res.json({ id: req.params.accountId });
  });
  app.use('/accounts', accounts);
  app.get('/metrics', metrics.handler);
  return app;
}

async function valueOf(metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string>) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return found?.value;
}

describe('HTTP metrics', () => {
  it('label requests by the matched route pattern, never the raw URL', async () => {
    const metrics = createMetrics({ service: 'accountservice', instance: 'test#1', processMetrics: false });
    const app = appWith(metrics);
    await request(app).get('/accounts/10001').expect(200);
    await request(app).get('/accounts/10002').expect(200);
    await request(app).get('/no/such/path').expect(404);
    const text = (
      await request(app)
        .get('/metrics')
        .expect(200)
        .expect('content-type', /text\/plain/)
    ).text;
    expect(text).toContain(
      'http_request_duration_seconds_count{service="accountservice",instance_id="test#1",method="GET",route="/accounts/:accountId",status="200"} 2',
    );
    expect(text).toContain('route="unmatched",status="404"');
    expect(text).not.toContain('10001');
  });

  it('serve process metrics when asked', async () => {
    const metrics = createMetrics({ service: 's', instance: 'i' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('breaker metrics', () => {
  it('[breaker-metrics] count every breaker event and track the state as it opens', async () => {
    const metrics = createMetrics({ service: 'accountservice', instance: 'test#1', processMetrics: false });
    const registry = new BreakerRegistry(() => ({
      ...DEFAULT_BREAKER_SETTINGS,
      volumeThreshold: 2,
      resetTimeoutMs: 60_000,
    }));
    metrics.observeBreakers(registry);
    const breaker = registry.breaker('quotes-service');
    const ok = () =>
      breaker.call(
        async () => 'ok',
        () => 'fallback',
      );
    const fail = () =>
      breaker.call(
        () => Promise.reject(new Error('down')),
        () => 'fallback',
      );
    await ok();
    expect(await valueOf(metrics, 'circuit_breaker_state', { breaker: 'quotes-service', state: 'closed' })).toBe(1);
    await fail();
    await fail();
    await fail();
    expect(breaker.state).toBe('open');
    expect(await valueOf(metrics, 'circuit_breaker_state', { breaker: 'quotes-service', state: 'open' })).toBe(1);
    expect(await valueOf(metrics, 'circuit_breaker_state', { breaker: 'quotes-service', state: 'closed' })).toBe(0);
    const count = (event: string) =>
      valueOf(metrics, 'circuit_breaker_events_total', { breaker: 'quotes-service', event });
    expect(await count('success')).toBe(1);
    expect(await count('failure')).toBe(2);
    expect(await count('open')).toBe(1);
    expect(await count('reject')).toBe(1);
    expect(await count('fallback')).toBe(3);
    registry.shutdown();
  });

  it('show breakers made before the metrics were wired', async () => {
    const metrics = createMetrics({ service: 'a', instance: 'b', processMetrics: false });
    const registry = new BreakerRegistry();
    registry.breaker('imageservice');
    metrics.observeBreakers(registry);
    expect(await valueOf(metrics, 'circuit_breaker_state', { breaker: 'imageservice', state: 'closed' })).toBe(1);
    registry.shutdown();
  });
});

describe('AMQP metrics', () => {
  it('count publishes and consumes by outcome', async () => {
    const metrics = createMetrics({ service: 'a', instance: 'b', processMetrics: false });
    metrics.amqpPublished('vip.events', 'vip.account.read');
    metrics.amqpPublished('vip.events', 'vip.account.read', 'failed');
    metrics.amqpConsumed('vip_queue');
    metrics.amqpConsumed('vip_queue');
    expect(
      await valueOf(metrics, 'amqp_messages_published_total', { exchange: 'vip.events', outcome: 'confirmed' }),
    ).toBe(1);
    expect(await valueOf(metrics, 'amqp_messages_published_total', { outcome: 'failed' })).toBe(1);
    expect(await valueOf(metrics, 'amqp_messages_consumed_total', { queue: 'vip_queue', outcome: 'ack' })).toBe(2);
  });
});
