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

/**
 * What GET /accounts/:accountId answers: the account, the instance that served it and, when
 * quotes-service answered in time, a quote.
 */
export interface AccountResponse extends Account {
  servedBy: string;
  quote?: Quote;
}
