import express, { type Express } from 'express';
import { errorHandler, sendError } from '../../common/http';
import { jwtTokenEndpoints } from './jwt-token-endpoints';
import { loginRoutes } from './login-routes';
import type { ProviderHost } from './provider-host';
import type { RevocationList } from './revocation-list';

export interface AppDeps {
  host: ProviderHost;
  issuer: string;
  revoked: RevocationList;
  checkPassword: (username: string, password: string) => string | undefined;
  redirectUris: string[];
  /** Local mode only: POST /admin/rotate-key adds a signing key (404 when off). */
  keyRotation: boolean;
}

export function buildApp({ host, issuer, revoked, checkPassword, redirectUris, keyRotation }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const provider = () => host.current;

  app.get('/health', (_req, res) => {
    res.json({ status: 'UP', issuer, signingKey: host.publicJwks()[0]?.kid });
  });
  if (keyRotation) {
    app.post('/admin/rotate-key', (_req, res) => {
      const kid = host.rotate();
      res.json({ signingKey: kid, published: host.publicJwks().map((key) => key.kid) });
    });
  }
  app.use(loginRoutes({ provider, checkPassword, redirectUris }));
  app.use(jwtTokenEndpoints({ provider, issuer, publicJwks: () => host.publicJwks(), revoked }));
  // Everything else is oidc-provider: discovery, /jwks, /auth, /token, /token/introspection, …
  app.use((req, res) => {
    void host.current.callback()(req, res);
  });
  app.use((_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such route'));
  app.use(errorHandler);
  return app;
}
