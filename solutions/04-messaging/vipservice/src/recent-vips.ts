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

/** The latest `limit` notifications, newest first; older ones are forgotten. */
export class RecentVips {
  private readonly items: RecentVip[] = [];

  constructor(private readonly limit: number) {}

  add(item: RecentVip): void {
    this.items.unshift(item);
    if (this.items.length > this.limit) this.items.length = this.limit;
  }

  list(): RecentVip[] {
    return [...this.items];
  }
}
