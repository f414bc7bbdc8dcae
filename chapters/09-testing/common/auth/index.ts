/**
 * Access-token checks every resource server of the landscape makes the same way (the edge first,
 * then each service again: defence in depth): a Bearer JWT verified against the authorization
 * server's JWKS, its issuer, audience, algorithm, lifetime, revocation and scope.
 */
export { AuthError, sendAuthError } from './auth-error';
export { bearerToken } from './bearer-token';
export { remoteKeys } from './remote-keys';
export { type RequireTokenOptions, clientOf, requireToken, verifiedToken } from './require-token';
export { type RevocationPoller, pollRevocations } from './revocations';
export { missingScopes, scopesOf } from './scopes';
export { type TokenRules, type TokenVerifier, type VerifiedToken, tokenVerifier } from './verify-token';
