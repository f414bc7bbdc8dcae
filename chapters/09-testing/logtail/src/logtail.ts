import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { LogtailConfig } from './config';
import { Forwarder, type ForwarderStats } from './forwarder/forwarder';
import { GelfIntake, type IntakeCounts } from './gelf/gelf-intake';
import { bindUdp, closeUdp } from './gelf/udp-socket';
import { buildApp } from './http/app';
import { toLogLine } from './log-line';
import { LogStore } from './log-store';

export type LogtailStats = IntakeCounts & ForwarderStats;

export interface RunningLogtail {
  udpPort: number;
  httpPort: number;
  /** What the kernel granted for unread datagrams (Linux reports twice what it reserves for data). */
  receiveBufferBytes: number;
  stats(): LogtailStats;
  /** Closes the UDP socket, flushes the forwarder within SHUTDOWN_FLUSH_MS, then closes HTTP. */
  stop(): Promise<LogtailStats>;
}

function forwarderFor(config: LogtailConfig, log: Logger): Forwarder | undefined {
  if (!config.SINK_URL) return undefined;
  return new Forwarder({
    url: config.SINK_URL,
    batchSize: config.SINK_BATCH_SIZE,
    intervalMs: config.SINK_BATCH_INTERVAL_MS,
    queueLimit: config.SINK_QUEUE_LIMIT,
    timeoutMs: config.SINK_TIMEOUT_MS,
    backoff: { initialMs: config.SINK_RETRY_INITIAL_MS, maxMs: config.SINK_RETRY_MAX_MS },
    log: log.child({ logger: 'forwarder' }),
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts logtail: GELF over UDP in, the log store, the forwarder and the HTTP API. */
export async function startLogtail(config: LogtailConfig, log: Logger): Promise<RunningLogtail> {
  const store = new LogStore({ linesPerService: config.LOG_BUFFER_SIZE, maxServices: config.LOG_MAX_SERVICES });
  const forwarder = forwarderFor(config, log);
  const intake = new GelfIntake({
    maxMessageBytes: config.GELF_MAX_MESSAGE_BYTES,
    chunkTimeoutMs: config.GELF_CHUNK_TIMEOUT_MS,
    maxPendingMessages: config.GELF_MAX_PENDING_MESSAGES,
    onMessage: (message) => {
      const line = toLogLine(message, Date.now());
      store.add(line);
      forwarder?.enqueue(line);
    },
    onSkipped: (problem, reason) => log.debug({ problem }, `skipped a datagram: ${reason}`),
  });
  const stats = (): LogtailStats => ({
    ...intake.counts,
    ...(forwarder?.stats() ?? { forwarded: 0, queued: 0, dropped: 0 }),
  });
  const shutdown = new AbortController();
  const onError = (err: unknown) => log.error({ err }, 'request failed');
  const server = createServer(
    buildApp({ store, stats, shutdown: shutdown.signal, onError, traceUi: config.TRACE_UI_URL }),
  );
  const udp = { host: config.HOST, port: config.UDP_PORT, receiveBufferBytes: config.GELF_RECEIVE_BUFFER_BYTES };
  const socket = await bindUdp(
    udp,
    (datagram) => intake.receive(datagram),
    (err) => log.error({ err }, 'GELF socket error'),
  );
  const httpPort = await listen(server, config.PORT, config.HOST).catch(async (err: unknown) => {
    await closeUdp(socket);
    throw err;
  });
  let stopping: Promise<LogtailStats> | undefined;
  const stop = async (): Promise<LogtailStats> => {
    await closeUdp(socket);
    intake.close();
    if (forwarder) await forwarder.flush(config.SHUTDOWN_FLUSH_MS);
    shutdown.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    return stats();
  };
  return {
    udpPort: socket.address().port,
    httpPort,
    receiveBufferBytes: socket.getRecvBufferSize(),
    stats,
    stop: () => (stopping ??= stop()),
  };
}
