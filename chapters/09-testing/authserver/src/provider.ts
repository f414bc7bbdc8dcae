import Provider, { type Configuration, errors } from 'oidc-provider';
import type { AuthServerConfig } from './config';
import { SIGNING_ALG, type SigningKeys } from './signing-keys';
import type { ClientMetadata } from 'oidc-provider';

export const API_SCOPES = 'accounts:read accounts:write';

export interface ProviderSettings {
  config: AuthServerConfig;
  issuer: string;
  clients: ClientMetadata[];
  cookieKey: string;
  keys: SigningKeys;
  /** The only person who can sign in: the demo user from the config. */
  accountExists: (sub: string) => boolean;
}

/**
 * oidc-provider, configured for the landscape: JWT access tokens (`typ: at+jwt`, RS256) for one
 * resource server, the API (`aud`), with its scopes and a short lifetime; PKCE (S256) required;
 * client credentials, introspection and revocation on; the login page is ours (/interaction/:uid).
 * A key rotation builds a new Provider: its state (grants, sessions) lives in the shared store.
 */
export function buildProvider({ config, issuer, clients, cookieKey, keys, accountExists }: ProviderSettings): Provider {
  const configuration: Configuration = {
    clients,
    jwks: { keys: keys.privateJwks as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: [cookieKey] },
    pkce: { required: () => true },
    scopes: ['openid', ...API_SCOPES.split(' ')],
    claims: { openid: ['sub'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== config.audience) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            audience: config.audience,
            scope: API_SCOPES,
            accessTokenTTL: config.accessTokenTtlS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG, kid: keys.current.jwk.kid } },
          };
        },
      },
    },
    ttl: {
      AccessToken: config.accessTokenTtlS,
      ClientCredentials: config.accessTokenTtlS,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      IdToken: config.accessTokenTtlS,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => (accountExists(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    renderError: (ctx, out) => {
      ctx.type = 'application/json';
      ctx.body = { error: { code: out.error, message: out.error_description ?? out.error } };
    },
  };
  const provider = new Provider(issuer, configuration);
  // The app listens on plain HTTP locally; behind a TLS-terminating proxy trust X-Forwarded-Proto.
  provider.proxy = config.production;
  return provider;
}
