import express, { type Request, type RequestHandler, type Router } from 'express';
import { type JWK, type JWTPayload, createLocalJWKSet, jwtVerify } from 'jose';
import type Provider from 'oidc-provider';
import { sendError } from '../../common/http';
import { sameSecret } from './constant-time';
import type { RevocationList } from './revocation-list';

export interface JwtEndpointDeps {
  provider: () => Provider;
  issuer: string;
  publicJwks: () => JWK[];
  revoked: RevocationList;
}

/**
 * oidc-provider refuses to introspect or revoke the JWT access tokens it issues (they are not
 * stored). These routes, mounted before it on the same paths, do both for JWTs (RFC 7662, RFC
 * 7009): the token is checked against our own keys, revocation puts its `jti` on the list that
 * resource servers fetch. Any other token falls through to oidc-provider.
 */
export function jwtTokenEndpoints(deps: JwtEndpointDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  router.post('/token/introspection', form, jwtOnly, handle(deps, introspect));
  router.post('/token/revocation', form, jwtOnly, handle(deps, revoke));
  router.get('/revocations', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ revoked: deps.revoked.entries() });
  });
  return router;
}

const jwtOnly: RequestHandler = (req, _res, next) => {
  const token = (req.body as Record<string, unknown> | undefined)?.token;
  next(typeof token === 'string' && token.split('.').length === 3 ? undefined : 'route');
};

type Action = (deps: JwtEndpointDeps, clientId: string, payload: JWTPayload | undefined) => object | undefined;

function handle(deps: JwtEndpointDeps, action: Action): RequestHandler {
  return async (req, res) => {
    const clientId = await authenticatedClient(deps.provider(), req);
    if (!clientId) {
      res.set('WWW-Authenticate', 'Basic realm="authserver"');
      sendError(res, 401, 'invalid_client', 'client authentication failed');
      return;
    }
    const payload = await verified(deps, (req.body as { token: string }).token);
    res.set('Cache-Control', 'no-store').json(action(deps, clientId, payload) ?? {});
  };
}

function introspect(deps: JwtEndpointDeps, _clientId: string, payload: JWTPayload | undefined) {
  if (!payload?.jti || deps.revoked.has(payload.jti)) return { active: false };
  const { iss, sub, aud, exp, iat, nbf, jti, scope, client_id } = payload as JWTPayload & Record<string, unknown>;
  return { active: true, token_type: 'Bearer', iss, sub, aud, exp, iat, nbf, jti, scope, client_id };
}

/** RFC 7009: answers 200 for an unknown or invalid token too; a client revokes only its own tokens. */
function revoke(deps: JwtEndpointDeps, clientId: string, payload: JWTPayload | undefined) {
  if (payload?.jti && payload.exp && payload.client_id === clientId) deps.revoked.add(payload.jti, payload.exp);
  return undefined;
}

async function verified(deps: JwtEndpointDeps, token: string): Promise<JWTPayload | undefined> {
  try {
    const keys = createLocalJWKSet({ keys: deps.publicJwks() });
    const { payload } = await jwtVerify(token, keys, { issuer: deps.issuer, typ: 'at+jwt', algorithms: ['RS256'] });
    return payload;
  } catch {
    return undefined;
  }
}

/** client_secret_basic, client_secret_post, or a public client naming itself (token_endpoint_auth_method none). */
async function authenticatedClient(provider: Provider, req: Request): Promise<string | undefined> {
  const body = req.body as Record<string, string | undefined>;
  let [id, secret] = [body.client_id, body.client_secret];
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    [id, secret] = [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
  }
  if (!id) return undefined;
  const client = await provider.Client.find(id);
  if (!client) return undefined;
  if (client.tokenEndpointAuthMethod === 'none') return secret === undefined ? id : undefined;
  return client.clientSecret && secret !== undefined && sameSecret(secret, client.clientSecret) ? id : undefined;
}
