import { context, trace } from '@opentelemetry/api';
import { inMemoryTracing } from '../../tracing/test/helpers/in-memory-tracing';
import { drain, eventually, testTopology, uniqueName } from './helpers/broker';
import { brokerFixtures, notification, vipPublisher } from './helpers/fixtures';
import { proxyPerTest } from './helpers/tcp-proxy';

// Chapter 06: a notification that waits in the publisher's buffer through a broker outage still
// belongs to the request that caused it: its trace context travels in the message headers.
jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());
const theProxy = proxyPerTest();
let tracing: ReturnType<typeof inMemoryTracing>;
beforeEach(() => {
  tracing = inMemoryTracing();
});
afterEach(() => tracing.close());

it('[amqp-propagation] sends a message buffered during an outage with the trace of the request that published it', async () => {
  const proxy = theProxy();
  proxy.setAvailable(false);
  const topology = fixtures.track(testTopology('traced'));
  const { connection } = fixtures.connect(uniqueName('publisher'), proxy.url);
  const publisher = vipPublisher(connection, topology);

  const request = tracing.tracer.startSpan('GET /accounts/10000');
  const confirmed = context.with(trace.setSpan(context.active(), request), () =>
    publisher.publish(topology.routingKey, notification(10000), { headers: { 'x-request-id': 'r-1' } }),
  );
  request.end();
  await eventually(() => publisher.stats.buffered === 1, 'the notification buffered');

  // The buffer is flushed by the reconnect, outside any request: the headers carry the trace.
  proxy.setAvailable(true);
  await confirmed;
  const [message] = await drain(topology.queue);
  const { traceId, spanId } = request.spanContext();
  expect(message.properties.headers).toMatchObject({
    'x-request-id': 'r-1',
    traceparent: `00-${traceId}-${spanId}-01`,
  });
});
