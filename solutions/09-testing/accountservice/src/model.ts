/** An account as the store keeps it (goblog's model.Account). */
export interface Account {
  id: string;
  name: string;
}

/** A quote from quotes-service (goblog P7's model.Quote). */
export interface Quote {
  quote: string;
  /** The quotes-service instance that answered: shows the load balancing at work. */
  ipAddress: string;
  language: string;
}

/** The account's image from imageservice (goblog P11's AccountImage), or the breaker's placeholder. */
export interface ImageData {
  id: string;
  url: string;
  servedBy: string;
}

/**
 * What GET /accounts/:accountId answers: the account, the instance that served it, a quote and the
 * account's image. Chapter 07: both come through a circuit breaker, so they are always there; when
 * a dependency cannot answer, its fallback stands in (servedBy / ipAddress "circuit-breaker").
 */
export interface AccountResponse extends Account {
  servedBy: string;
  quote?: Quote;
  imageData?: ImageData;
}
