import type { Account } from '../src/model';
import type { AccountStore } from '../src/store/store';

/** An in-memory AccountStore for handler tests (goblog's MockBoltClient idea). */
export class FakeStore implements AccountStore {
  broken: Error | undefined;
  /** When set, findAccount waits for this promise first: lets a test hold a request in flight. */
  gate: Promise<void> | undefined;
  /** Resolves once a findAccount call has started: the request is in flight. */
  readonly reached: Promise<void>;
  private markReached!: () => void;

  constructor(private readonly accounts: Account[] = [{ id: '10000', name: 'Person_0' }]) {
    this.reached = new Promise((resolve) => (this.markReached = resolve));
  }

  async findAccount(id: string): Promise<Account | undefined> {
    this.markReached();
    await this.gate;
    if (this.broken) throw this.broken;
    return this.accounts.find((a) => a.id === id);
  }

  async check(): Promise<void> {
    if (this.broken) throw this.broken;
  }

  async close(): Promise<void> {}
}
