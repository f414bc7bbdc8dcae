/**
 * A retry budget (the idea of Finagle's and Envoy's): every first attempt deposits `ratio` of a
 * token, every retry withdraws a whole one. Over any stretch of time retries therefore stay below
 * `ratio` × first attempts (+ a small reserve so a quiet service can still retry), so under a
 * failing dependency retries add at most that share of load instead of multiplying it.
 */
export interface RetryBudgetOptions {
  /** Retries allowed per first attempt, e.g. 0.2: at most one retry for every five calls. */
  ratio: number;
  /** Tokens available at the start and the most that can be saved up. */
  reserve: number;
}

export class RetryBudget {
  private tokens: number;

  constructor(private readonly options: RetryBudgetOptions = { ratio: 0.2, reserve: 10 }) {
    if (!(options.ratio >= 0 && options.ratio <= 1)) throw new RangeError('retry budget ratio must be from 0 to 1');
    if (!(options.reserve >= 0)) throw new RangeError('retry budget reserve must be 0 or more');
    this.tokens = options.reserve;
  }

  /** A first attempt is made. */
  deposit(): void {
    this.tokens = Math.min(this.options.reserve + 1, this.tokens + this.options.ratio);
  }

  /** Asks for one retry: true (and the token is spent) if the budget allows it. */
  tryWithdraw(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  get available(): number {
    return Math.floor(this.tokens);
  }
}
