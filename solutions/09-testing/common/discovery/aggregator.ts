import { EventEmitter } from 'node:events';
import type { BreakerSnapshot } from '../resilience';
import type { Announcement, InstanceInfo } from './announcement';

export interface InstanceView extends InstanceInfo {
  /** Whether its last GET /breakers answered. */
  reachable: boolean;
  breakers: BreakerSnapshot[];
}

export interface LandscapeView {
  at: string;
  instances: InstanceView[];
}

interface Known extends InstanceView {
  lastSeen: number;
}

/**
 * Turbine's role: knows every instance from the discovery announcements, polls each one's
 * GET /breakers, and emits one view of all of them (`update`) for the Server-Sent Events stream.
 * An instance that stops announcing (crashed, no `down`) is forgotten after `forgetAfterMs`.
 */
export class BreakerAggregator extends EventEmitter<{ update: [LandscapeView]; end: [] }> {
  private readonly known = new Map<string, Known>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(private readonly options: { pollMs?: number; forgetAfterMs?: number; requestTimeoutMs?: number } = {}) {
    super();
    // One listener per open stream (dashboard tab): more than Node's default warning limit of 10.
    this.setMaxListeners(1000);
  }

  /** Feed it every announcement (from DiscoveryBus.subscribe). */
  readonly handle = (a: Announcement): void => {
    const key = `${a.service}/${a.instance}`;
    if (a.type === 'down') {
      if (this.known.delete(key)) this.emit('update', this.view());
      return;
    }
    const existing = this.known.get(key);
    this.known.set(key, {
      ...(existing ?? { reachable: false, breakers: [] }),
      service: a.service,
      instance: a.instance,
      url: a.url,
      lastSeen: Date.now(),
    });
    if (!existing) void this.pollOnce();
  };

  start(): this {
    this.timer ??= setInterval(() => void this.pollOnce(), this.options.pollMs ?? 1000);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ends every open stream (at shutdown: a stream never ends on its own, so a server would wait for it). */
  endStreams(): void {
    this.emit('end');
  }

  view(): LandscapeView {
    const instances = [...this.known.values()]
      .map(({ lastSeen: _lastSeen, ...view }) => view)
      .sort((a, b) => `${a.service}/${a.instance}`.localeCompare(`${b.service}/${b.instance}`));
    return { at: new Date().toISOString(), instances };
  }

  /** Reads every known instance's breakers once and emits the new view (one poll at a time). */
  pollOnce(): Promise<void> {
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async poll(): Promise<void> {
    const forgetBefore = Date.now() - (this.options.forgetAfterMs ?? 35_000);
    for (const [key, known] of this.known) if (known.lastSeen < forgetBefore) this.known.delete(key);
    await Promise.all(
      [...this.known.values()].map(async (known) => {
        try {
          const res = await fetch(`${known.url}/breakers`, {
            signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 1000),
          });
          if (!res.ok) throw new Error(`status ${res.status}`);
          known.breakers = ((await res.json()) as { breakers: BreakerSnapshot[] }).breakers;
          known.reachable = true;
        } catch {
          known.reachable = false;
        }
      }),
    );
    this.emit('update', this.view());
  }
}
