import request from 'supertest';
import { BreakerAggregator } from '../../common/discovery';
import { buildApp } from '../src/app';

function announced(...instances: Array<{ service: string; instance: string; url: string }>) {
  const aggregator = new BreakerAggregator({ requestTimeoutMs: 200 });
  for (const i of instances) aggregator.handle({ type: 'up', ...i, at: new Date().toISOString() });
  return aggregator;
}

describe('breakerstream', () => {
  const aggregator = announced(
    { service: 'accountservice', instance: '127.0.0.1#1', url: 'http://127.0.0.1:1' },
    { service: 'accountservice', instance: '127.0.0.1#2', url: 'http://127.0.0.1:2' },
    { service: 'quotes-service', instance: '10.0.0.5', url: 'http://10.0.0.5:8080' },
  );
  const app = buildApp(aggregator);

  it('lists every announced instance in its JSON view', async () => {
    const res = await request(app).get('/breakers').expect(200);
    expect(res.body.instances.map((i: { instance: string }) => i.instance)).toEqual([
      '127.0.0.1#1',
      '127.0.0.1#2',
      '10.0.0.5',
    ]);
  });

  it("answers Prometheus' HTTP service discovery: one target per instance, labelled with its service", async () => {
    const all = await request(app).get('/targets').expect(200);
    expect(all.body).toHaveLength(3);
    const res = await request(app).get('/targets?service=accountservice').expect(200);
    expect(res.body).toEqual([
      { targets: ['127.0.0.1:1'], labels: { service: 'accountservice' } },
      { targets: ['127.0.0.1:2'], labels: { service: 'accountservice' } },
    ]);
    expect((await request(app).get('/targets?service=nobody').expect(200)).body).toEqual([]);
  });

  it('serves the page that draws the stream, and a JSON 404 elsewhere', async () => {
    const page = await request(app).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain("new EventSource('breakers/stream')");
    expect((await request(app).get('/nope')).status).toBe(404);
  });

  it('forgets an instance that says it is going down', async () => {
    aggregator.handle({
      type: 'down',
      service: 'quotes-service',
      instance: '10.0.0.5',
      url: 'http://10.0.0.5:8080',
      at: new Date().toISOString(),
    });
    const res = await request(app).get('/breakers').expect(200);
    expect(res.body.instances).toHaveLength(2);
  });
});
