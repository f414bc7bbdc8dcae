import dns from 'node:dns/promises';
import http from 'node:http';

/** Where the replicas behind a URL answer: one base URL each ("http://10.0.1.7:8080"). */
export type Resolve = (target: URL) => Promise<string[]>;

/** Every IPv4 address of the URL's name: in Swarm, `tasks.quotes-service` has one per healthy replica. */
export const resolveByDns: Resolve = async ({ hostname, port }) =>
  (await dns.lookup(hostname, { all: true, family: 4 })).map(({ address }) => `http://${address}:${port || 80}`);

/** One replica of the target: its base URL and the pool of kept-alive connections to it. */
export interface Replica {
  baseUrl: string;
  agent: http.Agent;
}

export interface ReplicaSetOptions {
  /** e.g. http://tasks.quotes-service:8080; an IP address instead of a name is one replica. */
  url: string;
  resolve?: Resolve;
  /** How often the name is looked up again, to follow replicas that come and go. */
  refreshMs?: number;
}

/**
 * Client-side balancing: the replicas behind one name, a keep-alive connection pool for each, and
 * the next one to call. A replica that fails a connection leaves the set until the name is looked
 * up again; a new lookup adds the replicas that appeared and closes the pools of those that left.
 */
export class ReplicaSet {
  private readonly target: URL;
  private readonly resolve: Resolve;
  private readonly refreshMs: number;
  private replicas: Replica[] = [];
  private lookedUpAt = -Infinity;
  private lookup: Promise<void> | undefined;
  private turn = 0;

  constructor({ url, resolve = resolveByDns, refreshMs = 2000 }: ReplicaSetOptions) {
    this.target = new URL(url);
    if (this.target.protocol !== 'http:') throw new Error(`${url}: only http:// targets can be balanced`);
    this.resolve = resolve;
    this.refreshMs = refreshMs;
  }

  // @exercise spread-calls: Choose the replica for each call: look the name up again when no replica is known or the last lookup is older than refreshMs, leave out `avoid`, and take the others in turn; a replica whose connection failed leaves the turn and its connections close.
  // @hint Kept-alive connections stick to the replica they reached, so the client itself chooses a replica for every call. Know the replicas first (ask DNS again when you know none, or what you know is getting old), leave out the one the caller has just seen fail, and go round the others in turn as the set grows and shrinks.
  // @hint A replica that refused or reset a connection is gone or going: it leaves the set at once (close its pooled connections) and comes back only if a later lookup finds it.
  // @hint-api this.refresh() looks the name up and updates this.replicas; performance.now() - this.lookedUpAt is the lookup's age; this.replicas.filter(...); this.turn++ % candidates.length indexes the candidates; replica.agent.destroy() closes a pool.
  /** The replica for the next call (another than `avoid` when there is one); undefined when none is known. */
  async next(avoid?: Replica): Promise<Replica | undefined> {
    if (this.replicas.length === 0 || performance.now() - this.lookedUpAt > this.refreshMs) await this.refresh();
    const candidates = this.replicas.filter((replica) => replica !== avoid);
    if (candidates.length === 0) return undefined;
    return candidates[this.turn++ % candidates.length];
  }

  /** A connection to `replica` failed: stop calling it until a lookup finds it again. */
  drop(replica: Replica): void {
    this.replicas = this.replicas.filter((r) => r !== replica);
    replica.agent.destroy();
  }
  // @starter
  // /** The replica for the next call (another than `avoid` when there is one); undefined when none is known. */
  // async next(_avoid?: Replica): Promise<Replica | undefined> {
  //   // For now: the name is looked up only while no replica is known, and every call goes to the first one.
  //   if (this.replicas.length === 0 && performance.now() - this.lookedUpAt > this.refreshMs) await this.refresh();
  //   return this.replicas[this.turn];
  // }
  //
  // /** A connection to `replica` failed: stop calling it until a lookup finds it again. */
  // drop(_replica: Replica): void {}
  // @end

  /** The base URLs of the replicas in use, for logs and tests. */
  get urls(): string[] {
    return this.replicas.map((replica) => replica.baseUrl);
  }

  close(): void {
    for (const replica of this.replicas) replica.agent.destroy();
    this.replicas = [];
  }

  private refresh(): Promise<void> {
    // Concurrent calls share one lookup.
    this.lookup ??= this.lookUp().finally(() => (this.lookup = undefined));
    return this.lookup;
  }

  private async lookUp(): Promise<void> {
    let found: string[];
    try {
      found = await this.resolve(this.target);
    } catch (err) {
      // A failed lookup keeps the replicas known so far (a DNS hiccup is not an outage).
      if (this.replicas.length > 0) return;
      throw new Error(`cannot resolve ${this.target.hostname}: ${(err as Error).message}`, { cause: err });
    } finally {
      this.lookedUpAt = performance.now();
    }
    const known = new Map(this.replicas.map((replica) => [replica.baseUrl, replica]));
    this.replicas = [...new Set(found)].map(
      (baseUrl) => known.get(baseUrl) ?? { baseUrl, agent: new http.Agent({ keepAlive: true }) },
    );
    for (const [baseUrl, replica] of known) if (!this.urls.includes(baseUrl)) replica.agent.destroy();
  }
}
