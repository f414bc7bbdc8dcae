import type { Announcement, InstanceInfo } from './announcement';

export interface Announcer {
  /** Announces `up` now (after a reconnect), besides the heartbeat. */
  announce(): Promise<void>;
  /** Announces `down` and stops the heartbeat (call at graceful shutdown, before closing the broker). */
  stop(): Promise<void>;
}

/**
 * Announces this instance `up` now and every `heartbeatMs`, and `down` at stop. A failed publish
 * (broker away) is logged and retried by the next heartbeat; it never stops the service.
 */
export async function announceInstance(
  publish: (announcement: Announcement) => Promise<void>,
  info: InstanceInfo,
  { heartbeatMs = 10_000, log = console.warn }: { heartbeatMs?: number; log?: (line: string) => void } = {},
): Promise<Announcer> {
  const say = (type: Announcement['type']) =>
    publish({ type, ...info, at: new Date().toISOString() }).catch((err: unknown) =>
      log(`discovery: could not announce ${info.service} ${info.instance} ${type}: ${(err as Error).message}`),
    );
  await say('up');
  const timer = setInterval(() => void say('up'), heartbeatMs);
  timer.unref();
  return {
    announce: () => say('up'),
    async stop() {
      clearInterval(timer);
      await say('down');
    },
  };
}
