/** An account as the store keeps it (goblog's model.Account). */
export interface Account {
  id: string;
  name: string;
}

/** What GET /accounts/:accountId answers: the account plus the instance that served it. */
export interface AccountResponse extends Account {
  servedBy: string;
}
