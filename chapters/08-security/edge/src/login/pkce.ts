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
  // TODO(exercise pkce): Make a code verifier (32 random bytes, base64url: 43 characters) and its S256 challenge.
  // Check it with `npm run verify:8`; a hint: `npm run verify:8 -- --hint pkce`.
  // Not finished: a short verifier, and a challenge the authorization server cannot check (hex, not base64url).
  const verifier = randomBytes(8).toString('hex');
  const challenge = createHash('sha256').update(verifier).digest('hex');
  return { verifier, challenge, method: 'S256' };
}
