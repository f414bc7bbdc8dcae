import type { ClientMetadata } from 'oidc-provider';
import type { SecretPlaces } from './secrets';
import { readSecret } from './secrets';

/** The scope a service client may ask for, per client (a client asks only for what it needs). */
export const SERVICE_CLIENTS: Record<string, string> = {
  accountservice: 'accounts:read',
  edge: 'accounts:read',
};

export const WEBAPP_CLIENT_ID = 'webapp';

/**
 * Service clients use the client credentials grant with a secret (`client-secret-<id>`); people
 * sign in through the public `webapp` client: authorization code + PKCE, no secret, no password grant.
 */
export function clientList(places: SecretPlaces, webappRedirectUris: string[]): ClientMetadata[] {
  const services = Object.entries(SERVICE_CLIENTS).map(([clientId, scope]): ClientMetadata => ({
    client_id: clientId,
    client_secret: readSecret(`client-secret-${clientId}`, places),
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope,
  }));
  const webapp: ClientMetadata = {
    client_id: WEBAPP_CLIENT_ID,
    application_type: 'web',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: webappRedirectUris,
    token_endpoint_auth_method: 'none',
    scope: 'openid accounts:read',
  };
  return [...services, webapp];
}
