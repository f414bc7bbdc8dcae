import { RetryBudget, ReplicaSet, balancedGetJson, isRetryable, withRetry } from '..';
import { type DependencyServer, startDependencyServer } from './helpers/dependency-server';

// Chapter 02's client-side balancing, for fetch: kept-alive connections, one pool per replica,
// the replica chosen per call, replicas following the DNS answer and dropped when they fail.
let replicas: DependencyServer[];
/** What the injected DNS answers: the base URLs of the replicas "alive" now. */
let answer: string[];
const resolve = async () => answer;

beforeEach(async () => {
  replicas = await Promise.all([0, 1, 2].map((n) => startDependencyServer(() => ({ replica: n }))));
  answer = replicas.map((r) => r.url);
});
afterEach(() => Promise.all(replicas.map((r) => r.close())));

const signal = () => AbortSignal.timeout(5000);

describe('balancedGetJson over a ReplicaSet', () => {
  it('keeps its connections alive: 20 successive calls to one replica share one or two connections', async () => {
    answer = [replicas[0].url];
    const get = balancedGetJson(new ReplicaSet({ url: 'http://tasks.dependency:8080', resolve }));
    for (let i = 0; i < 20; i++) expect(await get('/x', signal())).toEqual({ replica: 0 });
    expect(replicas[0].received).toBe(20);
    // fetch may open a second connection while it hands the first back to its pool; never one per call.
    expect(replicas[0].connections).toBeLessThanOrEqual(2);
  });

  it('spreads calls over every replica in turn, each over its own kept-alive connections', async () => {
    const get = balancedGetJson(new ReplicaSet({ url: 'http://tasks.dependency:8080', resolve }));
    const seen: unknown[] = [];
    for (let i = 0; i < 30; i++) seen.push(await get('/x', signal()));
    expect(seen.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2].map((replica) => ({ replica })));
    expect(replicas.map((r) => r.received)).toEqual([10, 10, 10]);
    for (const replica of replicas) expect(replica.connections).toBeLessThanOrEqual(2);
  });

  it('follows the DNS answer: a replica that left gets no more calls, a new one gets them', async () => {
    const set = new ReplicaSet({ url: 'http://tasks.dependency:8080', resolve, refreshMs: 0 });
    const get = balancedGetJson(set);
    answer = [replicas[0].url];
    await get('/x', signal());
    answer = [replicas[1].url, replicas[2].url];
    for (let i = 0; i < 4; i++) await get('/x', signal());
    expect(replicas.map((r) => r.received)).toEqual([1, 2, 2]);
    expect(set.urls).toEqual([replicas[1].url, replicas[2].url]);
  });

  it('[retry-policy] loses no call when a replica goes away: its connection fails, it is dropped, and the retry asks another', async () => {
    const set = new ReplicaSet({ url: 'http://tasks.dependency:8080', resolve, refreshMs: 60_000 });
    const get = balancedGetJson(set);
    for (let i = 0; i < 3; i++) await get('/x', signal());
    await replicas[1].close();
    const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, budget: new RetryBudget(), retryable: isRetryable };
    const answers: unknown[] = [];
    for (let i = 0; i < 6; i++) answers.push(await withRetry((s) => get('/x', s), policy, signal()));
    expect(answers).toHaveLength(6);
    expect(answers).not.toContainEqual({ replica: 1 });
    expect(set.urls).toEqual([replicas[0].url, replicas[2].url]);
  });

  it('says which service has no replica when the name resolves to none', async () => {
    answer = [];
    const get = balancedGetJson(new ReplicaSet({ url: 'http://tasks.dependency:8080', resolve }));
    await expect(get('/x', signal())).rejects.toThrow('no replica of tasks.dependency:8080 is known');
  });
});
