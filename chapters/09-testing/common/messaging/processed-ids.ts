/**
 * The ids of messages this instance has handled, newest last, at most `limit` of them (the oldest
 * are forgotten first). A redelivery of a message whose ack got lost is recognised here and acked
 * without running the handler again. Per instance and in memory: a replica that never saw the
 * first delivery cannot know it, and a restart forgets — a shared store (a database table with the
 * id as key) would be the next step where a duplicate does real harm.
 */
export class ProcessedIds {
  private readonly ids = new Set<string>();
  /** Handlers running now, by message id: a redelivery that arrives meanwhile waits for its first delivery. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly limit = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Runs `work` for an id not handled yet and resolves true; resolves false, without running it, for a handled id. */
  async once(id: string, work: () => Promise<void> | void): Promise<boolean> {
    while (this.running.has(id)) await this.running.get(id)?.catch(() => undefined);
    if (this.has(id)) return false;
    const run = Promise.resolve().then(work);
    this.running.set(id, run);
    try {
      await run;
    } finally {
      this.running.delete(id);
    }
    this.add(id);
    return true;
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
