import { type RunningLandscape, startServices } from './fixtures/landscape';
import { uniqueName, withChannel } from '../under-test/common';
import { landscapeAuth } from './landscape-auth';

// An integration test against real dependencies the test starts itself: the same file runs the
// services in containers (a Docker engine present) or as local processes (none), through one
// fixture. accountservice's quote must come from the real quotes-service, not the breaker's fallback.
// Chapter 08's accountservice wants an access token: authserver is started too, and the test gets a
// client-credentials token from it (local mode: its keys in a folder of this run's own).
jest.setTimeout(180_000);

const name = uniqueName('ch09-fixture');
const names = { exchange: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus` };
let landscape: RunningLandscape;
const auth = landscapeAuth();

beforeAll(async () => {
  landscape = await startServices({
    services: ['configserver', 'authserver', 'quotes-service', 'accountservice'],
    env: {
      ...auth.env,
      VIP_EXCHANGE: names.exchange,
      VIP_QUEUE: names.queue,
      SPRING_CLOUD_BUS_DESTINATION: names.bus,
      // A busy machine must not turn the first quote into the fallback at the dev timeout of 1 s.
      BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: '20000',
      OTEL_SDK_DISABLED: 'true',
    },
  });
});
afterAll(async () => {
  await landscape?.stop();
  auth.remove();
  if (landscape?.mode === 'local') {
    await withChannel(async (channel) => {
      for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus])
        await channel.deleteExchange(exchange);
    });
  }
});

describe('accountservice with its real dependencies, started by the test', () => {
  it('[landscape-fixture] serves an account with a quote from the real quotes-service', async () => {
    const res = await fetch(`${landscape.url('accountservice')}/accounts/10000`, {
      headers: await auth.header(landscape),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; quote?: { ipAddress: string } };
    expect(body.id).toBe('10000');
    expect(body.quote?.ipAddress).toBeDefined();
    expect(body.quote?.ipAddress).not.toBe('circuit-breaker');
  });

  it('[landscape-fixture] quotes-service itself answers on the URL the fixture gives', async () => {
    const res = await fetch(`${landscape.url('quotes-service')}/api/quote?strength=0`);
    expect(res.status).toBe(200);
    console.log(`landscape-fixture: services ran as ${landscape.mode === 'local' ? 'local processes' : 'containers'}`);
  });
});
