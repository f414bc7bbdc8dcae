import type { Account } from '../model';

/**
 * The seam between handlers and storage (goblog's IBoltClient). Handlers only see this
 * interface, so tests can hand them a fake store.
 */
export interface AccountStore {
  /** The account with this id, or undefined when there is none. */
  findAccount(id: string): Promise<Account | undefined>;
  /** Resolves when the store can answer queries; rejects with the reason when it cannot. */
  check(): Promise<void>;
  close(): Promise<void>;
}
