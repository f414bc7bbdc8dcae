/** One public API prefix, the service behind it (by name), and the scope a token needs for it. */
export interface ApiRoute {
  prefix: string;
  service: string;
  /** The path the service sees instead of the prefix (/api/accounts/10000 → /accounts/10000). */
  upstreamPrefix: string;
  scope: string;
}

/** The edge's routes table: `/api/**` by service name, like Zuul's routes in the talk. */
export const ROUTES: readonly ApiRoute[] = [
  { prefix: '/api/accounts', service: 'accountservice', upstreamPrefix: '/accounts', scope: 'accounts:read' },
];
