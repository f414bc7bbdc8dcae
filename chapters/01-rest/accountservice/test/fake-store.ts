import type { Account } from '../src/model';
import type { AccountStore } from '../src/store/store';

/** An in-memory AccountStore for handler tests (goblog's MockBoltClient idea). */
export class FakeStore implements AccountStore {
  broken: Error | undefined;
  /** When set, findAccount waits for this promise first: lets a test hold a request in flight. */
  gate: Promise<void> | undefined;

  constructor(private readonly accounts: Account[] = [{ id: '10000', name: 'Person_0' }]) {}

  async findAccount(id: string): Promise<Account | undefined> {
    await this.gate;
    if (this.broken) throw this.broken;
    return this.accounts.find((a) => a.id === id);
  }

  async check(): Promise<void> {
    if (this.broken) throw this.broken;
  }

  async close(): Promise<void> {}
}
