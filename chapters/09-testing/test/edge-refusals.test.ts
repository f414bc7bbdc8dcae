import { type Forge, forge } from './forge';
import { type Reply, type SecurityLandscape, startSecurityLandscape, waitFor } from './security-landscape';

// The edge in front of a stand-in accountservice: what it refuses (401/403, RFC 6750), and what it relays.
let landscape: SecurityLandscape;
let forged: Forge;
const ACCOUNT = '/api/accounts/10000';

// Real processes on a shared 2-core machine: a request can wait seconds behind other work.
jest.setTimeout(45_000);

beforeAll(async () => {
  landscape = await startSecurityLandscape();
  forged = forge(landscape.keysDir, landscape.authUrl);
}, 60_000);
afterAll(() => landscape?.stop(), 30_000);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A request the edge must refuse, marked by its request id so the service's stand-in can tell if one got through. */
let refusals = 0;
const refusedGet = (pathname: string, headers: Record<string, string> = {}) =>
  landscape.edgeGet(pathname, { ...headers, 'X-Request-ID': `refused-${++refusals}-${process.pid}` });

function expectRefused(reply: Reply, status: 401 | 403, code: string, description: RegExp): void {
  expect({ status: reply.status, code: reply.json().error?.code }).toEqual({ status, code });
  expect(reply.json().error?.message).toMatch(description);
  const challenge = String(reply.headers['www-authenticate']);
  expect(challenge).toMatch(/^Bearer realm="lean-and-mean"/);
  expect(challenge).toContain(`error="${code}"`);
  expect(challenge).toMatch(description);
}

describe('the edge refuses', () => {
  it('a request with no token: 401 and a Bearer challenge without an error code (RFC 6750 §3.1)', async () => {
    const reply = await refusedGet(ACCOUNT);
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="lean-and-mean"');
    expect(reply.json().error?.code).toBe('missing_token');
  });

  it.each([
    ['Basic ZWRnZTpzZWNyZXQ=', /must be: Bearer <token>/],
    ['Bearer', /must be: Bearer <token>/],
    ['Bearer a b', /must be: Bearer <token>/],
    ['Bearer not-a-jwt', /not a JWT/],
    ['Bearer a.b.c.d', /not a JWT/],
    [`Bearer ${'a'.repeat(9000)}.b.c`, /not a JWT/],
  ])('a malformed Authorization header %#: 401 invalid_token', async (header, why) => {
    expectRefused(await refusedGet(ACCOUNT, { Authorization: header }), 401, 'invalid_token', why);
  });

  it("[jwt-verify] a forged signature: same kid, an attacker's key", async () => {
    const token = await forged.signedByStranger(forged.goodClaims());
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /signature does not verify/);
  });

  it('[jwt-verify] a real token whose payload was altered (scope widened)', async () => {
    const [header, , signature] = (await landscape.token()).split('.');
    const payload = Buffer.from(JSON.stringify(forged.goodClaims({ scope: 'accounts:read accounts:write' }))).toString(
      'base64url',
    );
    const reply = await refusedGet(ACCOUNT, bearer(`${header}.${payload}.${signature}`));
    expectRefused(reply, 401, 'invalid_token', /signature does not verify/);
  });

  it('[jwt-verify] alg: none', async () => {
    const reply = await refusedGet(ACCOUNT, bearer(forged.unsigned(forged.goodClaims())));
    expectRefused(reply, 401, 'invalid_token', /algorithm that is not accepted/);
  });

  it('[jwt-verify] HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const token = await forged.hmacWithPublicKey(forged.goodClaims());
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /algorithm that is not accepted/);
  });

  it('[jwt-verify] an expired token (beyond the 30 s clock skew)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forged.signed(forged.goodClaims({ iat: now - 400, exp: now - 60 }));
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /has expired/);
  });

  it('[jwt-verify] a token not valid yet (nbf beyond the clock skew)', async () => {
    const token = await forged.signed(forged.goodClaims({ nbf: Math.floor(Date.now() / 1000) + 120 }));
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /not valid yet/);
  });

  it('[jwt-verify] a token from another issuer', async () => {
    const token = await forged.signed(forged.goodClaims({ iss: 'https://evil.example' }));
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /iss claim/);
  });

  it('[jwt-verify] a token for another audience', async () => {
    const token = await forged.signed(forged.goodClaims({ aud: 'urn:some-other:api' }));
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /aud claim/);
  });

  it('[jwt-verify] an ID token or other JWT that is not an access token (typ)', async () => {
    const token = await forged.signed(forged.goodClaims(), { typ: 'JWT' });
    expectRefused(await refusedGet(ACCOUNT, bearer(token)), 401, 'invalid_token', /typ/);
  });

  it("[jwt-verify] [auth-scope] a real token without the route's scope: 403 insufficient_scope", async () => {
    const reply = await refusedGet(ACCOUNT, bearer(await landscape.token('edge', '')));
    expectRefused(reply, 403, 'insufficient_scope', /lacks the scope accounts:read/);
    expect(reply.headers['www-authenticate']).toContain('scope="accounts:read"');
  });

  it('[jwt-verify] a revoked token, once the edge has fetched the revocation list', async () => {
    const token = await landscape.token('accountservice');
    const revoked = await landscape.authPost('/token/revocation', { token }, 'accountservice');
    expect(revoked.status).toBe(200);
    const introspection = await landscape.authPost('/token/introspection', { token }, 'edge');
    expect(await introspection.json()).toEqual({ active: false });
    let reply: Reply | undefined;
    await waitFor('the edge to refuse the revoked token', async () => {
      reply = await landscape.edgeGet(ACCOUNT, bearer(token));
      return reply.status === 401;
    });
    expectRefused(reply!, 401, 'invalid_token', /has been revoked/);
  });

  it('[jwt-verify] and never lets a refused request reach the service', () => {
    expect(refusals).toBeGreaterThan(10);
    expect(landscape.seen.filter((seen) => String(seen.headers['x-request-id']).startsWith('refused-'))).toEqual([]);
  });
});

describe('the edge lets a valid token through', () => {
  it('[jwt-verify] [auth-scope] [token-relay] 200, and the service saw the same token relayed', async () => {
    const token = await landscape.token();
    const before = landscape.seen.length;
    const reply = await landscape.edgeGet(ACCOUNT, bearer(token));
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ id: '10000', name: 'Person_0', servedBy: 'stand-in' });
    expect(landscape.seen.slice(before)).toEqual([
      expect.objectContaining({
        url: '/accounts/10000',
        headers: expect.objectContaining({ authorization: `Bearer ${token}` }),
      }),
    ]);
  });

  it('[jwt-verify] [auth-scope] [token-relay] strips spoofed X-Forwarded-*, hop-by-hop headers and cookies; keeps a sane X-Request-ID', async () => {
    const before = landscape.seen.length;
    const reply = await landscape.edgeGet(ACCOUNT, {
      ...bearer(await landscape.token()),
      'X-Forwarded-For': '6.6.6.6',
      'X-Forwarded-Host': 'evil.example',
      'X-Real-IP': '6.6.6.6',
      Forwarded: 'for=6.6.6.6',
      Connection: 'X-Secret-Hop',
      'X-Secret-Hop': 'drop me',
      Cookie: 'session=edge-only',
      'X-Request-ID': 'req-0123456789',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-request-id']).toBe('req-0123456789');
    const { headers } = landscape.seen[before]!;
    expect(headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'https',
      'x-request-id': 'req-0123456789',
    });
    expect(headers['x-forwarded-host']).toBe(new URL(landscape.edgeUrl).host);
    for (const gone of ['x-real-ip', 'forwarded', 'x-secret-hop', 'cookie']) expect(headers[gone]).toBeUndefined();
  });

  it('[jwt-verify] [auth-scope] [token-relay] replaces an X-Request-ID that could break a log line', async () => {
    const before = landscape.seen.length;
    const reply = await landscape.edgeGet(ACCOUNT, {
      ...bearer(await landscape.token()),
      'X-Request-ID': 'x"; rm -rf /',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(landscape.seen[before]!.headers['x-request-id']).toBe(reply.headers['x-request-id']);
  });
});
