import type { RequestHandler } from 'express';
import { z } from 'zod';
import { type RevocationPoller, pollRevocations, remoteKeys, requireToken, tokenVerifier } from '../../common/auth';

/**
 * Chapter 08: security.* in config-repo (accountservice.yml; env overrides, security.jwks-url ←
 * SECURITY_JWKS_URL). The edge checked the token already; accountservice checks it again (defence
 * in depth): a caller that gets past the edge, or inside the network, still needs a valid token.
 * Need a restart.
 */
export const SecurityConfigSchema = z.object({
  security: z.object({
    /** The authorization server's `iss`, exactly as it writes it. */
    issuer: z.url(),
    /** Its public keys (JWKS); a token signed with an unknown key makes the service fetch them again. */
    jwksUrl: z.url({ protocol: /^https?$/ }),
    /** After a key rotation: at most one new fetch of the keys per this many ms (an unknown kid asks again). */
    jwksCooldownMs: z.coerce.number().int().min(0).default(30_000),
    /** The revoked token ids, fetched every revocations-poll-ms. */
    revocationsUrl: z.url({ protocol: /^https?$/ }),
    revocationsPollMs: z.coerce.number().int().min(100).default(5000),
    /** The API's resource indicator: a token for another audience is refused. */
    audience: z.string().min(1),
    /** The scope GET /accounts/:id needs. */
    requiredScope: z.string().min(1).default('accounts:read'),
    clockToleranceS: z.coerce.number().int().min(0).max(300).default(30),
  }),
});

export type SecurityConfig = z.output<typeof SecurityConfigSchema>['security'];

/** Asymmetric signatures only: a public key can never verify an HMAC the attacker made with it. */
const ALGORITHMS = ['RS256', 'ES256'];

/** The token check in front of /accounts, and the revocation poll behind it (stopped at shutdown). */
export function wireSecurity(
  security: SecurityConfig,
  log: (line: string) => void,
): { requireAccountsToken: RequestHandler; revocations: RevocationPoller; stop: () => void } {
  const verify = tokenVerifier(remoteKeys(security.jwksUrl, security.jwksCooldownMs), {
    issuer: security.issuer,
    audience: security.audience,
    algorithms: ALGORITHMS,
    clockToleranceS: security.clockToleranceS,
  });
  const revocations = pollRevocations(security.revocationsUrl, security.revocationsPollMs, log);
  void revocations.refresh();
  return {
    requireAccountsToken: requireToken(verify, { scope: security.requiredScope, isRevoked: revocations.isRevoked }),
    revocations,
    stop: () => revocations.stop(),
  };
}
