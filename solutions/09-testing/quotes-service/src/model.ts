/** What GET /api/quote answers (the shape of goblog's Spring Boot quotes-service). */
export interface Quote {
  quote: string;
  /** The instance that served it: its container IP in Swarm, so load balancing can be seen. */
  ipAddress: string;
  language: string;
}
