import { type JsonWebKey, type KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type JWK, type JWTPayload, SignJWT, importJWK } from 'jose';

/** Token forgery for the refusal tests: what an attacker (or a clock, or a mistake) would send. */
export interface Forge {
  /** Signed with the authserver's real key: only the claims are wrong. */
  signed(claims: JWTPayload, header?: { typ?: string }): Promise<string>;
  /** Same kid, but an attacker's own RSA key. */
  signedByStranger(claims: JWTPayload): Promise<string>;
  /** `alg: none`, no signature. */
  unsigned(claims: JWTPayload): string;
  /** HS256 with the authserver's PUBLIC key as the HMAC secret (the classic key-confusion attack). */
  hmacWithPublicKey(claims: JWTPayload): Promise<string>;
  /** Claims of a good token, to be varied. */
  goodClaims(overrides?: JWTPayload): JWTPayload;
}

export function forge(keysDir: string, issuer: string, audience = 'urn:lean-and-mean:api'): Forge {
  const stored = JSON.parse(fs.readFileSync(path.join(keysDir, 'authserver-signing-keys'), 'utf8')) as {
    jwk: JWK & { kid: string };
  }[];
  const jwk = stored[0]!.jwk;
  const header = { alg: 'RS256', typ: 'at+jwt', kid: jwk.kid };
  const now = () => Math.floor(Date.now() / 1000);
  const sign = async (
    claims: JWTPayload,
    key: Parameters<SignJWT['sign']>[0] | KeyObject,
    protectedHeader: Record<string, string>,
  ) => new SignJWT(claims).setProtectedHeader(protectedHeader as { alg: string }).sign(key);
  return {
    goodClaims: (overrides = {}) => ({
      iss: issuer,
      aud: audience,
      sub: 'edge',
      client_id: 'edge',
      scope: 'accounts:read',
      jti: `forged-${Math.random().toString(36).slice(2)}`,
      iat: now(),
      exp: now() + 300,
      ...overrides,
    }),
    signed: async (claims, extra = {}) => sign(claims, await importJWK(jwk, 'RS256'), { ...header, ...extra }),
    signedByStranger: async (claims) => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return sign(claims, privateKey, header);
    },
    unsigned: (claims) => `${b64({ alg: 'none', typ: 'at+jwt', kid: jwk.kid })}.${b64(claims)}.`,
    hmacWithPublicKey: async (claims) => {
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
      const publicPem = createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      });
      return sign(claims, new TextEncoder().encode(String(publicPem)), { alg: 'HS256', typ: 'at+jwt', kid: jwk.kid });
    },
  };
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
