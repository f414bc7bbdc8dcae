import { AuthError } from './auth-error';

/** base64url header.payload.signature, bounded: anything else is not worth decoding. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8192;

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1); anything else is refused with why. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header === '') throw new AuthError('missing_token', 'an access token is required');
  const match = /^Bearer +(\S+)$/i.exec(header);
  if (!match) throw new AuthError('invalid_token', 'the Authorization header must be: Bearer <token>');
  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) {
    throw new AuthError('invalid_token', 'the bearer token is not a JWT');
  }
  return token;
}
