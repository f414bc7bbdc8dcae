/** A sign-in on its way: the PKCE verifier that will redeem its code, by `state`. */
interface Pending {
  verifier: string;
  startedAt: number;
}

/**
 * Sign-ins started at /login and not yet back at /callback. Each is used once and lives a few
 * minutes; the map is bounded, so a flood of /login cannot grow it without limit.
 */
export class PendingLogins {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly max = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  add(state: string, verifier: string): void {
    this.dropExpired();
    if (this.pending.size >= this.max) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(state, { verifier, startedAt: this.now() });
  }

  /** The verifier for `state`, once: a replayed callback finds nothing. */
  take(state: string): string | undefined {
    const found = this.pending.get(state);
    this.pending.delete(state);
    return found && this.now() - found.startedAt < this.ttlMs ? found.verifier : undefined;
  }

  private dropExpired(): void {
    for (const [state, { startedAt }] of this.pending) {
      if (this.now() - startedAt < this.ttlMs) break;
      this.pending.delete(state);
    }
  }
}
