import { generateKeyPair, exportJWK, createLocalJWKSet, SignJWT, type JWTPayload } from 'jose';
import { AuthError, missingScopes, scopesOf, tokenVerifier } from '..';

const RULES = {
  issuer: 'http://auth.test',
  audience: 'urn:lean-and-mean:api',
  algorithms: ['RS256'],
  clockToleranceS: 30,
};

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const verify = tokenVerifier(createLocalJWKSet({ keys: [jwk] }), RULES);
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: JWTPayload = {}, typ = 'at+jwt') =>
    new SignJWT({
      iss: RULES.issuer,
      aud: RULES.audience,
      sub: 'edge',
      client_id: 'edge',
      scope: 'accounts:read',
      jti: 'j1',
      iat: now,
      exp: now + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ })
      .sign(privateKey);
  return { verify, sign, now };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return (err as AuthError).message;
}

describe('tokenVerifier', () => {
  it('[jwt-verify] accepts a good access token and says who, which client and which scopes', async () => {
    const { verify, sign } = await setup();
    const token = await sign();
    await expect(verify(token)).resolves.toEqual(
      expect.objectContaining({
        token,
        subject: 'edge',
        clientId: 'edge',
        scopes: new Set(['accounts:read']),
        jti: 'j1',
      }),
    );
  });

  it('[jwt-verify] refuses a token for another audience', async () => {
    const { verify, sign } = await setup();
    expect(await refusal(verify(await sign({ aud: 'urn:other' })))).toMatch(/aud claim/);
  });

  it('[jwt-verify] refuses another issuer, a JWT that is not an access token, and one without a jti', async () => {
    const { verify, sign } = await setup();
    expect(await refusal(verify(await sign({ iss: 'http://evil' })))).toMatch(/iss claim/);
    expect(await refusal(verify(await sign({}, 'JWT')))).toMatch(/typ/);
    expect(await refusal(verify(await sign({ jti: undefined })))).toMatch(/jti/);
  });

  it('[jwt-verify] allows the clock skew on exp and nbf, and no more', async () => {
    const { verify, sign, now } = await setup();
    await expect(verify(await sign({ exp: now - 10 }))).resolves.toBeDefined();
    expect(await refusal(verify(await sign({ exp: now - 40 })))).toMatch(/expired/);
    await expect(verify(await sign({ nbf: now + 10 }))).resolves.toBeDefined();
    expect(await refusal(verify(await sign({ nbf: now + 40 })))).toMatch(/not valid yet/);
  });
});

describe('scopes', () => {
  it('[auth-scope] lists every required scope the token lacks', () => {
    const granted = scopesOf('accounts:read profile');
    expect(missingScopes(granted, 'accounts:read')).toEqual([]);
    expect(missingScopes(granted, 'accounts:read accounts:write')).toEqual(['accounts:write']);
    expect(missingScopes(scopesOf(undefined), 'accounts:read')).toEqual(['accounts:read']);
    expect(missingScopes(granted, '')).toEqual([]);
  });

  it('[auth-scope] does not take a prefix or a substring for a scope', () => {
    expect(missingScopes(scopesOf('accounts'), 'accounts:read')).toEqual(['accounts:read']);
    expect(missingScopes(scopesOf('accounts:read:all'), 'accounts:read')).toEqual(['accounts:read']);
  });
});
