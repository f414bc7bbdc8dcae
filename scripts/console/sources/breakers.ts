import type { BreakerView } from '../snapshot';

interface InstanceView {
  service: string;
  instance: string;
  reachable: boolean;
  breakers: {
    name: string;
    state: BreakerView['state'];
    window: { successes: number; failures: number; timeouts: number; fallbacks: number };
  }[];
}

/** Every instance's breakers, from breakerstream's GET /breakers (chapter 07: the aggregated view its stream sends). */
export async function readBreakers(breakerstreamUrl: string): Promise<BreakerView[]> {
  const res = await fetch(`${breakerstreamUrl}/breakers`, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`breakerstream answered ${res.status}`);
  const { instances } = (await res.json()) as { instances: InstanceView[] };
  return instances.flatMap((i) =>
    i.breakers.map((b) => ({
      service: i.service,
      instance: i.instance,
      name: b.name,
      state: b.state,
      reachable: i.reachable,
      successes: b.window.successes,
      failures: b.window.failures + b.window.timeouts,
      fallbacks: b.window.fallbacks,
    })),
  );
}
