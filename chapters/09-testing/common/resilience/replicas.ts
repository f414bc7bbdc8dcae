import dns from 'node:dns/promises';

/** Where the replicas behind a URL answer: one base URL each ("http://10.0.1.7:8080"). */
export type Resolve = (target: URL) => Promise<string[]>;

/** Every IPv4 address of the URL's name: in Swarm, `tasks.quotes-service` has one per healthy replica. */
export const resolveByDns: Resolve = async ({ hostname, port }) =>
  (await dns.lookup(hostname, { all: true, family: 4 })).map(({ address }) => `http://${address}:${port || 80}`);

export interface ReplicaSetOptions {
  /** e.g. http://tasks.quotes-service:8080; an IP address instead of a name is one replica. */
  url: string;
  resolve?: Resolve;
  /** How often the name is looked up again, to follow replicas that come and go. */
  refreshMs?: number;
}

/**
 * Client-side balancing for fetch (chapter 02's ReplicaSet, without its agents): fetch keeps a pool
 * of kept-alive connections per origin, and each replica is an origin of its own, so choosing the
 * replica per call spreads the calls without paying a connection per call. A replica whose
 * connection fails leaves the set until the name is looked up again.
 */
export class ReplicaSet {
  readonly target: URL;
  private readonly resolve: Resolve;
  private readonly refreshMs: number;
  private replicas: string[] = [];
  private lookedUpAt = -Infinity;
  private lookup: Promise<void> | undefined;
  private turn = 0;

  constructor({ url, resolve = resolveByDns, refreshMs = 2000 }: ReplicaSetOptions) {
    this.target = new URL(url);
    if (this.target.protocol !== 'http:') throw new Error(`${url}: only http:// targets can be balanced`);
    this.resolve = resolve;
    this.refreshMs = refreshMs;
  }

  /** The base URL for the next call, in turn; undefined when no replica is known. */
  async next(): Promise<string | undefined> {
    if (this.replicas.length === 0 || performance.now() - this.lookedUpAt > this.refreshMs) await this.refresh();
    if (this.replicas.length === 0) return undefined;
    return this.replicas[this.turn++ % this.replicas.length];
  }

  /** A connection to `baseUrl` failed: stop calling it until a lookup finds it again. */
  drop(baseUrl: string): void {
    this.replicas = this.replicas.filter((url) => url !== baseUrl);
  }

  /** The base URLs in use, for logs and tests. */
  get urls(): string[] {
    return [...this.replicas];
  }

  private refresh(): Promise<void> {
    // Concurrent calls share one lookup.
    this.lookup ??= this.lookUp().finally(() => (this.lookup = undefined));
    return this.lookup;
  }

  private async lookUp(): Promise<void> {
    try {
      this.replicas = [...new Set(await this.resolve(this.target))];
    } catch (err) {
      // A failed lookup keeps the replicas known so far (a DNS hiccup is not an outage).
      if (this.replicas.length > 0) return;
      throw new Error(`cannot resolve ${this.target.hostname}: ${(err as Error).message}`, { cause: err });
    } finally {
      this.lookedUpAt = performance.now();
    }
  }
}
