import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636), the client's side: a fresh secret per sign-in (the code verifier) whose hash
 * (the challenge) goes out with the authorization request; only who knows the verifier can then
 * swap the code for a token, so a stolen code is worthless.
 */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkcePair(): PkcePair {
  // @exercise pkce: Make a code verifier (32 random bytes, base64url: 43 characters) and its S256 challenge.
  // @hint The verifier is a secret only this login knows, long and random; the challenge is its SHA-256 digest, written in base64url without padding, so the authorization server can check the verifier later without ever seeing it now.
  // @hint-api randomBytes(32).toString('base64url'), then createHash('sha256').update(verifier).digest('base64url').
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return { verifier, challenge, method: 'S256' };
  // @starter
  // // Not finished: a short verifier, and a challenge the authorization server cannot check (hex, not base64url).
  // const verifier = randomBytes(8).toString('hex');
  // const challenge = createHash('sha256').update(verifier).digest('hex');
  // return { verifier, challenge, method: 'S256' };
  // @end
}
