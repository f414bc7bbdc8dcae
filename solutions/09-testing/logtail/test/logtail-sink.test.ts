import { pollUntil } from '@workshop/testkit';
import { gelfJson, pinoLine, sendUdp } from './gelf-datagrams';
import { LokiSink } from './loki-sink';
import { getJson, startTestLogtail } from './start-logtail';

jest.setTimeout(30_000);

// Generous: the wait ends as soon as the condition holds, and a loaded machine is slow.
const WAIT = { timeoutMs: 15_000, intervalMs: 20 };

describe('logtail with a sink', () => {
  it('[gelf-lift] [forwarder-queue] forwards every line once the sink comes up, and /stats counts match', async () => {
    const sink = await LokiSink.down();
    const withSink = await startTestLogtail({
      SINK_URL: sink.url,
      SINK_BATCH_SIZE: '5',
      SINK_BATCH_INTERVAL_MS: '20',
      SINK_RETRY_INITIAL_MS: '20',
      SINK_RETRY_MAX_MS: '100',
      SINK_QUEUE_LIMIT: '8',
    });
    try {
      const lines = Array.from({ length: 12 }, (_, n) => gelfJson(pinoLine({ msg: `m${n}` })));
      await sendUdp(withSink.udpPort, lines);
      await pollUntil('12 parsed', () => (withSink.stats().parsed === 12 ? true : undefined), WAIT);
      expect((await getJson(`${withSink.url}/stats`)).body).toMatchObject({ queued: 8, dropped: 4, forwarded: 0 });
      await sink.up();
      await pollUntil('8 forwarded', () => (withSink.stats().forwarded === 8 ? true : undefined), WAIT);
      expect(withSink.stats()).toMatchObject({ parsed: 12, forwarded: 8, queued: 0, dropped: 4 });
      expect(sink.lines().map((l) => l.msg)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    } finally {
      await withSink.stop();
      await sink.close();
    }
  });
});
