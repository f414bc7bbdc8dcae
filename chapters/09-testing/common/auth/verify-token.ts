import { type JWTPayload, type JWTVerifyGetKey, errors, jwtVerify } from 'jose';
import { AuthError } from './auth-error';
import { scopesOf } from './scopes';

export interface TokenRules {
  /** The authorization server's `iss`, exactly. */
  issuer: string;
  /** This API's resource indicator: a token for another audience is not for us. */
  audience: string;
  /** The signature algorithms we accept; never `none`, never a symmetric one for a public key. */
  algorithms: string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds. */
  clockToleranceS: number;
}

/** What the rest of the service may rely on once a token has been verified. */
export interface VerifiedToken {
  token: string;
  subject: string;
  clientId: string;
  scopes: Set<string>;
  jti: string;
  expiresAt: number;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/**
 * Verifies a JWT access token (RFC 9068) against the authorization server's keys: the signature
 * with an allowed algorithm, `typ: at+jwt`, the issuer, our audience, `exp`/`nbf` with a small skew.
 */
export function tokenVerifier(keys: JWTVerifyGetKey, rules: TokenRules): TokenVerifier {
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: rules.algorithms,
        typ: 'at+jwt',
        clockTolerance: rules.clockToleranceS,
        requiredClaims: ['exp', 'iat', 'jti'],
      }));
    } catch (err) {
      throw new AuthError('invalid_token', describe(err));
    }
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : '';
    return {
      token,
      subject: payload.sub ?? clientId,
      clientId,
      scopes: scopesOf(payload.scope),
      jti: payload.jti!,
      expiresAt: payload.exp!,
    };
  };
}

/** A reason a client can act on, without echoing the token or the key. */
function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${err.claim} claim is not accepted (${err.reason})`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'the token is signed with an unknown key';
  if (err instanceof errors.JOSEError) return `the token is not valid (${err.code})`;
  return 'the token could not be verified';
}
