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
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return { verifier, challenge, method: 'S256' };
}
