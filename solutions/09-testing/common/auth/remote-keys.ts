import { type JWTVerifyGetKey, createRemoteJWKSet } from 'jose';

/**
 * The authorization server's public keys, fetched from its JWKS and cached. A token signed with a
 * key not seen yet (after a rotation) makes jose fetch the set again, at most once per `cooldownMs`.
 */
export function remoteKeys(jwksUrl: string, cooldownMs = 30_000): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: cooldownMs, timeoutDuration: 2000 });
}
