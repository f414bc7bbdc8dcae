import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type SecurityLandscape, startSecurityLandscape, waitFor } from './security-landscape';

// Key rotation with no restart, the per-client rate limit, and what every edge response carries.
let landscape: SecurityLandscape;
const ACCOUNT = '/api/accounts/10000';
const SITE = 'https://site.lean-and-mean.local';

// Real processes on a shared 2-core machine: a request can wait seconds behind other work.
jest.setTimeout(45_000);

beforeAll(async () => {
  landscape = await startSecurityLandscape({ RATE_LIMIT_BURST: '5', RATE_LIMIT_PER_S: '0.5', CORS_ORIGIN: SITE });
}, 60_000);
afterAll(() => landscape?.stop(), 30_000);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
const jwksKids = async () =>
  ((await (await fetch(`${landscape.authUrl}/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

describe('key rotation', () => {
  it('[jwt-verify] [auth-scope] [token-relay] new tokens are signed with the new key and accepted with no restart; old ones still are', async () => {
    const oldToken = await landscape.token('accountservice');
    expect((await landscape.edgeGet(ACCOUNT, bearer(oldToken))).status).toBe(200);
    const rotated = await fetch(`${landscape.authUrl}/admin/rotate-key`, { method: 'POST' });
    const { signingKey } = (await rotated.json()) as { signingKey: string };
    expect(await jwksKids()).toEqual([signingKey, kidOf(oldToken)]);

    const newToken = await landscape.token('accountservice');
    expect(kidOf(newToken)).toBe(signingKey);
    // The edge fetches the JWKS again when it meets an unknown kid (at most once per cooldown).
    await waitFor(
      'the edge to accept a token signed with the new key',
      async () => (await landscape.edgeGet(ACCOUNT, bearer(newToken))).status === 200,
    );
    expect((await landscape.edgeGet(ACCOUNT, bearer(oldToken))).status).toBe(200);
    const stored = JSON.parse(fs.readFileSync(path.join(landscape.keysDir, 'authserver-signing-keys'), 'utf8')) as {
      retiredAt?: number;
    }[];
    expect(stored.map((key) => key.retiredAt === undefined)).toEqual([true, false]);
  });
});

describe('rate limit', () => {
  it('[jwt-verify] [auth-scope] [token-relay] a client over its rate gets 429 with Retry-After; another client is not slowed', async () => {
    const token = await landscape.token('edge');
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<SecurityLandscape['edgeGet']>> | undefined;
    while (!limited && statuses.length < 50) {
      const reply = await landscape.edgeGet(ACCOUNT, bearer(token));
      statuses.push(reply.status);
      if (reply.status === 429) limited = reply;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(limited?.json().error?.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const other = await landscape.token('accountservice');
    expect((await landscape.edgeGet(ACCOUNT, bearer(other))).status).not.toBe(429);
  });
});

describe('every response', () => {
  it('carries HSTS, nosniff, a CSP that forbids framing and no Referer', async () => {
    const { headers } = await landscape.edgeGet('/health');
    expect(headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS for the site origin only', async () => {
    const fromSite = await landscape.edgeGet(ACCOUNT, { Origin: SITE });
    expect(fromSite.headers['access-control-allow-origin']).toBe(SITE);
    const fromElsewhere = await landscape.edgeGet(ACCOUNT, { Origin: 'https://evil.example' });
    expect(fromElsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('plain HTTP is redirected to the same path on HTTPS (the configured URL, not the Host header)', async () => {
    const reply = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          {
            host: '127.0.0.1',
            port: landscape.edgeHttpPort,
            path: '/api/accounts/10000?x=1',
            headers: { Host: 'evil.example' },
          },
          resolve,
        )
        .on('error', reject),
    );
    reply.resume();
    expect(reply.statusCode).toBe(308);
    expect(reply.headers.location).toBe(`${landscape.edgeUrl}/api/accounts/10000?x=1`);
  });

  it('an unknown route is a JSON 404', async () => {
    const reply = await landscape.edgeGet('/nope');
    expect(reply.status).toBe(404);
    expect(reply.json().error?.code).toBe('NOT_FOUND');
  });
});
