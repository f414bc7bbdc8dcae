import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ZipkinSpan } from '../../lib/waterfall';
import { Collector } from '../collector';
import { configEvent, messageOf } from '../sources/logs';
import { Rate, counterTotal } from '../sources/queues';
import { parseSwarm } from '../sources/swarm';
import { edgesOf, isRequest, requestOf } from '../sources/traces';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

describe('swarm mode: the Docker engine API (GET /services, GET /tasks), parsed from JSON in the shape the engine answers (hand-trimmed: no engine runs here)', () => {
  it("lists the stack's services without the stack prefix, with desired and running tasks and the published port", () => {
    expect(parseSwarm(fixture('engine-services.json'), fixture('engine-tasks.json'), 'ch07')).toEqual([
      { name: 'accountservice', desired: 1, running: 1 },
      { name: 'quotes-service', desired: 3, running: 2, publishedPort: 8080 },
    ]);
  });

  it('without a stack name takes every service; a global service wants one task per running task wanted', () => {
    const all = parseSwarm(fixture('engine-services.json'), fixture('engine-tasks.json'));
    expect(all.map((s) => s.name)).toEqual(['ch07_accountservice', 'ch07_quotes-service', 'other_web']);
    expect(all.find((s) => s.name === 'other_web')).toEqual({ name: 'other_web', desired: 1, running: 1 });
  });
});

const span = (id: string, service: string, extra: Partial<ZipkinSpan> = {}): ZipkinSpan => ({
  traceId: 'a'.repeat(32),
  id,
  localEndpoint: { serviceName: service },
  timestamp: 1_000_000,
  duration: 1000,
  ...extra,
});

describe('calls between services, from traces', () => {
  const trace = [
    span('1', 'accountservice', {
      kind: 'SERVER',
      duration: 20_000,
      tags: { 'http.method': 'GET', 'http.target': '/accounts/10000' },
    }),
    span('2', 'accountservice', { parentId: '1', kind: 'CLIENT' }),
    span('3', 'quotes-service', { parentId: '2', kind: 'SERVER', timestamp: 1_002_000 }),
    span('4', 'accountservice', { parentId: '1', kind: 'PRODUCER' }),
    span('5', 'vipservice', { parentId: '4', kind: 'CONSUMER', timestamp: 1_030_000, duration: 500 }),
    span('6', 'accountservice', { parentId: '1', name: 'accounts.find' }),
  ];

  it('counts a client (or producer) span whose child runs in another service as one call, HTTP or AMQP', () => {
    expect(edgesOf([trace, trace.slice(0, 3)])).toEqual([
      { from: 'accountservice', to: 'quotes-service', kind: 'http', count: 2 },
      { from: 'accountservice', to: 'vipservice', kind: 'amqp', count: 1 },
    ]);
  });

  it('names a trace by the request that started it, and says how long it took and where it went', () => {
    expect(requestOf(trace)).toEqual({
      traceId: 'a'.repeat(32),
      service: 'accountservice',
      name: 'GET /accounts/10000',
      durationMs: 30.5,
      at: 1000,
      services: ['accountservice', 'quotes-service', 'vipservice'],
      error: false,
    });
    expect(requestOf([span('9', 'quotes-service', { tags: { 'http.status_code': '503' } })])?.error).toBe(true);
    expect(requestOf([])).toBeUndefined();
  });

  it('leaves out what is not a request: a message nobody traced receiving, a poll of /health, /metrics or /breakers', () => {
    const heartbeat = [span('7', 'vipservice', { kind: 'PRODUCER', name: 'publish discovery' })];
    const poll = [
      span('8', 'accountservice', { kind: 'SERVER', tags: { 'http.method': 'GET', 'http.target': '/breakers' } }),
    ];
    const configFetch = [
      span('9', 'quotes-service', {
        kind: 'CLIENT',
        name: 'GET',
        tags: { 'http.request.method': 'GET', 'url.full': 'http://127.0.0.1:8888/quotes-service/dev' },
      }),
    ];
    const listed = (t: ZipkinSpan[]) => isRequest(t, requestOf(t) as NonNullable<ReturnType<typeof requestOf>>);
    expect([trace, heartbeat, poll, configFetch].map(listed)).toEqual([true, false, false, true]);
    expect(requestOf(configFetch)?.name).toBe('GET /quotes-service/dev');
  });
});

describe('config events, from the lines the config client logs', () => {
  it('reads a load, with the version when the config server gives one', () => {
    expect(
      configEvent(
        'vipservice',
        't',
        'config: loaded http://127.0.0.1:8888/vipservice/dev (version 4f2a9c1) from 2 source(s): a.yml, b.yml',
      ),
    ).toEqual({
      service: 'vipservice',
      event: 'loaded',
      version: '4f2a9c1',
      time: 't',
      detail: '2 source(s): a.yml, b.yml',
    });
    expect(
      configEvent('vipservice', 't', 'config: loaded http://h/vipservice/dev from 0 source(s): none')?.version,
    ).toBeNull();
    expect(
      configEvent(
        'vipservice',
        't',
        'config: loaded http://h/vipservice/dev from 2 source(s): file:/r/vipservice.yml, file:/r/application.yml; overridden: server.port ← env PORT',
      )?.detail,
    ).toBe('2 source(s): vipservice.yml, application.yml');
  });

  it('reads a refresh and what it changed', () => {
    expect(
      configEvent(
        'accountservice',
        't',
        'config: refreshed from http://h/accountservice/dev: changed [accounts.vip-ids]',
      ),
    ).toEqual({
      service: 'accountservice',
      event: 'refreshed',
      version: null,
      time: 't',
      detail: 'changed [accounts.vip-ids]',
    });
  });

  it('ignores every other line', () => {
    expect(configEvent('x', 't', 'config: fetching http://h/x/dev')).toBeUndefined();
    expect(configEvent('x', 't', 'request completed')).toBeUndefined();
  });

  it("takes pino's msg (chapter 05+) or the plain text a service printed (chapters 03, 04)", () => {
    expect(messageOf('{"level":30,"time":0,"msg":"config: loaded u from 1 source(s): a"}')).toEqual({
      msg: 'config: loaded u from 1 source(s): a',
      time: '1970-01-01T00:00:00.000Z',
    });
    expect(messageOf('config: loaded u from 1 source(s): a')).toEqual({ msg: 'config: loaded u from 1 source(s): a' });
  });
});

describe('message rates from the services counters', () => {
  const metrics = [
    '# HELP amqp_messages_published_total Messages published',
    '# TYPE amqp_messages_published_total counter',
    'amqp_messages_published_total{exchange="vip.events"} 7',
    'amqp_messages_published_total{exchange="bus"} 2',
    'amqp_messages_published_total_other 100',
  ].join('\n');

  it('sums a counter over its series, and knows when it is missing', () => {
    expect(counterTotal(metrics, 'amqp_messages_published_total')).toBe(9);
    expect(counterTotal(metrics, 'amqp_messages_consumed_total')).toBeUndefined();
  });

  it('works a per-second rate out of two readings', () => {
    const rate = new Rate();
    expect(rate.update(10, 1000)).toBeUndefined();
    expect(rate.update(15, 3000)).toBe(2.5);
    expect(rate.update(undefined, 4000)).toBeUndefined();
  });
});

describe('swarm mode end to end over a unix socket (a stand-in engine answering the same JSON)', () => {
  it("makes the stack's services the console's services: healthy when every desired task runs", async () => {
    const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'engine-')), 'docker.sock');
    const answers: Record<string, unknown> = {
      '/services': fixture('engine-services.json'),
      '/tasks': fixture('engine-tasks.json'),
    };
    const engine = http.createServer((req, res) => {
      const body = answers[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { message: 'page not found' }));
    });
    await new Promise<void>((resolve) => engine.listen(socketPath, resolve));
    const collector = new Collector(
      { chapter: 7, title: 't', mode: 'swarm', services: [], env: {}, pid: process.pid },
      { swarm: { stack: 'ch07', socketPath } },
    );
    try {
      const snapshot = await collector.collect();
      expect(snapshot.services).toEqual([
        { name: 'accountservice', url: '', healthy: true, status: 0, replicas: 1, running: 1 },
        { name: 'quotes-service', url: 'http://127.0.0.1:8080', healthy: false, status: 0, replicas: 3, running: 2 },
      ]);
      expect(snapshot.notes).toEqual([]);
    } finally {
      await collector.stop();
      engine.close();
      fs.rmSync(path.dirname(socketPath), { recursive: true, force: true });
    }
  });
});
