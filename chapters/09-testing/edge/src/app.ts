import express, { type Express } from 'express';
import { type TokenVerifier, clientOf, requireToken } from '../../common/auth';
import { errorHandler, unknownRoute } from '../../common/http';
import { corsFor } from './cors';
import { cleanIncomingHeaders } from './incoming-headers';
import { type LoginSettings, loginRoutes } from './login/login-routes';
import { prepareRelay, proxyTo } from './proxy';
import { type TokenBuckets, rateLimit } from './rate-limit';
import type { ApiRoute } from './routes';
import { securityHeaders } from './security-headers';

export interface EdgeDeps {
  routes: readonly ApiRoute[];
  services: Record<string, string>;
  verify: TokenVerifier;
  isRevoked: (jti: string) => boolean;
  buckets: TokenBuckets;
  corsOrigin: string | undefined;
  tls: boolean;
  login: LoginSettings;
}

/**
 * The edge, in the order a request meets it: headers cleaned, security headers, CORS, then for
 * /api/**: the token verified (401/403), the client's rate (429), and the proxy to the service.
 */
export function buildApp(deps: EdgeDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(cleanIncomingHeaders, securityHeaders(deps.tls));
  app.get('/health', (_req, res) => res.json({ status: 'UP' }));
  app.use(loginRoutes(deps.login));
  app.use('/api', corsFor(deps.corsOrigin));
  const limit = rateLimit(deps.buckets, (req, res) => `client:${clientOf(req, res) ?? req.socket.remoteAddress}`);
  for (const route of deps.routes) {
    const auth = requireToken(deps.verify, { scope: route.scope, isRevoked: deps.isRevoked });
    app.use(route.prefix, auth, limit, prepareRelay, proxyTo(route, deps.services[route.service]!));
  }
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
