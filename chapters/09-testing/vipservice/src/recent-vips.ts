/** One VIP notification as GET /vips/recent shows it. */
export interface RecentVip {
  accountId: string;
  /** When accountservice read the account (from the message). */
  readAt: string;
  /** When this instance handled the message. */
  receivedAt: string;
  /** The instance that handled it: with two replicas, the competing consumers show here. */
  servedBy: string;
}

/**
 * The latest notifications, newest first; beyond the limit, older ones are forgotten. The limit is
 * read on every call, so a refreshed vip.recent-limit applies at once.
 */
export class RecentVips {
  private readonly items: RecentVip[] = [];

  constructor(private readonly limit: () => number) {}

  add(item: RecentVip): void {
    this.items.unshift(item);
    this.forgetBeyondLimit();
  }

  list(): RecentVip[] {
    this.forgetBeyondLimit();
    return [...this.items];
  }

  private forgetBeyondLimit(): void {
    const limit = this.limit();
    if (this.items.length > limit) this.items.length = limit;
  }
}
