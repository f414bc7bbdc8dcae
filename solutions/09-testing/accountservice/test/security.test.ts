import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';
import { buildApp } from '../src/app';
import { wireSecurity } from '../src/security';
import { FakeStore } from './fake-store';

// Defence in depth (chapter 08): accountservice checks the relayed token itself, against a stand-in
// authorization server here (its JWKS and revocation list over real HTTP), with real signed JWTs.
const ISSUER = 'http://authserver.test';
const AUDIENCE = 'urn:lean-and-mean:api';

describe('accountservice verifies the relayed access token (defence in depth)', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicJwk: JWK;
  const revoked: string[] = ['revoked-jti'];
  let server: http.Server;
  let security: ReturnType<typeof wireSecurity>;
  let app: ReturnType<typeof buildApp>;

  const token = async (overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'edge',
      client_id: 'edge',
      scope: 'accounts:read',
      jti: `jti-${Math.random().toString(36).slice(2)}`,
      iat: now,
      exp: now + 300,
      ...overrides,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })
      .sign(keys.privateKey);
  };
  const get = (path: string, bearer?: string) => {
    const req = request(app).get(path);
    return bearer ? req.set('Authorization', `Bearer ${bearer}`) : req;
  };

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/jwks') res.end(JSON.stringify({ keys: [publicJwk] }));
      else if (req.url === '/revocations') res.end(JSON.stringify({ revoked: revoked.map((jti) => ({ jti })) }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    security = wireSecurity(
      {
        issuer: ISSUER,
        jwksUrl: `${base}/jwks`,
        jwksCooldownMs: 30_000,
        revocationsUrl: `${base}/revocations`,
        revocationsPollMs: 60_000,
        audience: AUDIENCE,
        requiredScope: 'accounts:read',
        clockToleranceS: 30,
      },
      () => undefined,
    );
    await security.revocations.refresh();
    app = buildApp({
      store: new FakeStore(),
      servedBy: '10.0.0.7',
      testability: false,
      requireToken: security.requireAccountsToken,
    });
  });
  afterAll(async () => {
    security.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 401 with a JSON error and a Bearer challenge when there is no token; /health stays open', async () => {
    const res = await get('/accounts/10000');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.body.error.code).toBe('missing_token');
    expect((await get('/health')).status).toBe(200);
  });

  it('[jwt-verify] [auth-scope] serves the account to a valid token with the scope', async () => {
    const res = await get('/accounts/10000', await token());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: '10000', name: 'Person_0' });
  });

  it('[auth-scope] answers 403 insufficient_scope to a valid token without accounts:read (a prefix of it is no grant)', async () => {
    const res = await get('/accounts/10000', await token({ scope: 'openid accounts' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('insufficient_scope');
    expect(res.headers['www-authenticate']).toContain('scope="accounts:read"');
  });

  it('[jwt-verify] refuses a token meant for another API, or from another issuer', async () => {
    for (const claims of [{ aud: 'urn:other:api' }, { iss: 'http://evil.test' }]) {
      const res = await get('/accounts/10000', await token(claims));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_token');
    }
  });

  it('refuses a token on the revocation list, and one signed by a key the authserver never published', async () => {
    expect((await get('/accounts/10000', await token({ jti: 'revoked-jti' }))).status).toBe(401);
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, scope: 'accounts:read', jti: 'x' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    expect((await get('/accounts/10000', forged)).status).toBe(401);
  });
});
