import type { Request, RequestHandler, Response } from 'express';
import { AuthError, sendAuthError } from './auth-error';
import { bearerToken } from './bearer-token';
import { missingScopes } from './scopes';
import type { TokenVerifier, VerifiedToken } from './verify-token';

export interface RequireTokenOptions {
  /** The space-separated scopes the route needs (all of them). */
  scope: string;
  /** Revoked token ids (see revocations.ts); none when omitted. */
  isRevoked?: (jti: string) => boolean;
}

/**
 * Express middleware: lets a request through only with a valid access token that carries the
 * route's scope; the verified token is then at `res.locals.token` (see `verifiedToken`).
 */
export function requireToken(verify: TokenVerifier, { scope, isRevoked }: RequireTokenOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = await verify(bearerToken(req.headers.authorization));
      if (isRevoked?.(token.jti)) throw new AuthError('invalid_token', 'the token has been revoked');
      const missing = missingScopes(token.scopes, scope);
      if (missing.length > 0) {
        throw new AuthError('insufficient_scope', `the token lacks the scope ${missing.join(' ')}`, scope);
      }
      res.locals.token = token;
      next();
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      sendAuthError(res, err);
    }
  };
}

/** The token `requireToken` verified for this request. */
export function verifiedToken(res: Response): VerifiedToken | undefined {
  return res.locals.token as VerifiedToken | undefined;
}

/** The request's client, for logs and rate limits: the token's client id once verified. */
export function clientOf(_req: Request, res: Response): string | undefined {
  return verifiedToken(res)?.clientId;
}
