import express from 'express';
import request from 'supertest';
import {
  AMQP_URL,
  eventually,
  publishRaw,
  recordingLogger,
  uniqueName,
  withChannel,
} from '../../common/messaging/test/helpers/broker';
import { recordingListener } from '../../common/messaging/test/helpers/bus';
import { brokerFixtures } from '../../common/messaging/test/helpers/fixtures';
import { startTcpProxy } from '../../common/messaging/test/helpers/tcp-proxy';
import { BusPublisher } from '../src/bus/bus-publisher';
import { busRefreshRoutes } from '../src/bus/bus-routes';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
let exchange: string;
beforeEach(() => (exchange = uniqueName('springCloudBus')));
afterEach(async () => {
  await fixtures.cleanup();
  await withChannel((channel) => channel.deleteExchange(exchange));
});

/** Two accountservice instances and one quotes-service, each on its own connection, and a configserver publishing. */
async function landscape() {
  const instance = (application: string) =>
    recordingListener(fixtures.connect(uniqueName(application)).connection, application, exchange);
  const accounts = [instance('accountservice'), instance('accountservice')];
  const quotes = instance('quotes-service');
  const { connection } = fixtures.connect(uniqueName('configserver'));
  const bus = new BusPublisher(connection, {
    originService: 'configserver:native:8888:a1',
    exchange,
    logger: recordingLogger(),
  });
  const all = [...accounts, quotes];
  await eventually(() => all.every(({ listener }) => listener.listening) && connection.connected, 'all listening');
  return { accounts, quotes, bus };
}

describe('config refresh over the Spring Cloud Bus', () => {
  it('a refresh for accountservice reaches both accountservice instances and not quotes-service', async () => {
    const { accounts, quotes, bus } = await landscape();

    const forAccounts = await bus.publishRefresh('accountservice');
    expect(forAccounts.destinationService).toBe('accountservice:**');
    await eventually(() => accounts.every((a) => a.refreshes.length === 1), 'both accountservice instances refreshed');
    expect(accounts.map((a) => a.refreshes[0].id)).toEqual([forAccounts.id, forAccounts.id]);

    // Each instance takes events in order: once quotes-service has the next one, it has passed over the first.
    const forAll = await bus.publishRefresh();
    await eventually(() => quotes.refreshes.length === 1, 'quotes-service refreshed for **');
    expect(quotes.refreshes[0]).toMatchObject({ id: forAll.id, destinationService: '**' });
    expect(quotes.listener.stats).toMatchObject({ received: 2, ignored: 1, refreshed: 1 });
    await eventually(() => accounts.every((a) => a.refreshes.length === 2), 'accountservice refreshed for ** too');
    console.log('bus: 2 events published; accountservice instances 2 refreshes each, quotes-service 1 (1 ignored)');
  });

  it('[delivery-fate] passes over other events, its own, and garbage (dropped, not redelivered forever)', async () => {
    const { accounts, bus } = await landscape();
    const [a] = accounts;
    await publishRaw(exchange, exchange, '{"type":"RefreshRemoteApplicationEvent",');
    await publishRaw(
      exchange,
      exchange,
      JSON.stringify({ type: 'AckRemoteApplicationEvent', id: 'ack-1', ackId: 'x' }),
    );
    const own = {
      type: 'RefreshRemoteApplicationEvent',
      id: 'own-1',
      originService: a.busId,
      destinationService: '**',
    };
    await publishRaw(exchange, exchange, JSON.stringify(own));
    const last = await bus.publishRefresh('accountservice:test:**');

    await eventually(() => a.refreshes.length === 1, 'the real refresh arrived');
    expect(a.refreshes[0].id).toBe(last.id);
    expect(a.listener.stats).toMatchObject({ received: 4, deadLettered: 1, ignored: 2, refreshed: 1 });
  });

  it('serves Spring’s endpoints: POST /actuator/busrefresh[/{destination}] → 204, /monitor → the services refreshed', async () => {
    const { accounts, quotes, bus } = await landscape();
    const app = express().use(express.json());
    for (const route of busRefreshRoutes(bus)) app.post(route.pattern, route.handler);

    await request(app).post('/actuator/busrefresh/accountservice:**').expect(204);
    await eventually(() => accounts.every((a) => a.refreshes.length === 1), 'accountservice refreshed');
    expect(accounts[0].refreshes[0].destinationService).toBe('accountservice:**');

    const monitor = await request(app).post('/monitor').type('form').send('path=quotes-service.yml').expect(200);
    expect(monitor.body).toEqual(['quotes:service', 'quotes-service']);
    await eventually(() => quotes.refreshes.length === 1, 'quotes-service refreshed via /monitor');

    await request(app).post('/actuator/busrefresh').expect(204);
    await eventually(() => [...accounts, quotes].every((i) => i.refreshes.length === 2), 'everyone refreshed');
  });

  it('answers 503 BROKER_UNAVAILABLE when the broker is away, sending nothing', async () => {
    const proxy = await startTcpProxy(AMQP_URL);
    try {
      proxy.setAvailable(false);
      const { connection } = fixtures.connect(uniqueName('configserver'), proxy.url);
      const bus = new BusPublisher(connection, {
        originService: 'configserver:native:8888:a1',
        exchange,
        logger: recordingLogger(),
      });
      const app = express();
      for (const route of busRefreshRoutes(bus)) app.post(route.pattern, route.handler);

      const response = await request(app).post('/actuator/busrefresh/accountservice').expect(503);
      expect(response.body.error).toMatchObject({
        code: 'BROKER_UNAVAILABLE',
        message: expect.stringMatching(/not sent: broker amqp/),
      });
    } finally {
      await proxy.close();
    }
  });
});
