import path from 'node:path';
import { z } from 'zod';
import { bindHostSchema } from '../../common/http';

/** A setting the operator must fix: the service refuses to start and names the key. */
export class ConfigError extends Error {}

const schema = z.object({
  HOST: bindHostSchema(),
  PORT: z.coerce.number().int().min(0).max(65535).default(9999),
  NODE_ENV: z.string().default('development'),
  /** The `iss` of every token: the URL clients reach the server at (no path: see NOTES.md). */
  ISSUER: z.url().optional(),
  /** The resource indicator (RFC 8707) of the landscape's API: the `aud` of its tokens. */
  API_AUDIENCE: z.string().min(1).default('urn:lean-and-mean:api'),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(10).max(3600).default(300),
  /** Where keys made at first start live (git-ignored). */
  KEYS_DIR: z
    .string()
    .min(1)
    .default(path.join(__dirname, '..', '.keys')),
  /** Docker secrets: files here win over KEYS_DIR and over the env. */
  SECRETS_DIR: z.string().min(1).default('/run/secrets'),
  /** The browser client's redirect URIs (comma-separated https URLs). */
  WEBAPP_REDIRECT_URIS: z.string().default('https://127.0.0.1:8765/callback'),
  DEMO_USERNAME: z.string().min(1).default('demo'),
  DEMO_PASSWORD: z.string().min(8, { error: 'at least 8 characters' }).optional(),
  KEY_ROTATION: z.enum(['enabled', 'disabled']).optional(),
});

export interface AuthServerConfig {
  host: string;
  port: number;
  production: boolean;
  issuer: (port: number) => string;
  audience: string;
  accessTokenTtlS: number;
  keysDir: string;
  secretsDir: string;
  webappRedirectUris: string[];
  demoUser: { username: string; password: string | undefined };
  keyRotation: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv): AuthServerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid ${issue.path.join('.')}: ${issue.message}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const redirects = c.WEBAPP_REDIRECT_URIS.split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);
  for (const uri of redirects) {
    if (!/^https:\/\/[^\s]+$/.test(uri))
      throw new ConfigError(`invalid WEBAPP_REDIRECT_URIS: ${uri} is not an https URL`);
  }
  if (production && c.KEY_ROTATION === 'enabled') {
    throw new ConfigError(
      'invalid KEY_ROTATION: the rotation endpoint is for local mode; in production rotate through secrets',
    );
  }
  return {
    host: c.HOST,
    port: c.PORT,
    production,
    issuer: (port) => c.ISSUER ?? `http://127.0.0.1:${port}`,
    audience: c.API_AUDIENCE,
    accessTokenTtlS: c.ACCESS_TOKEN_TTL_S,
    keysDir: c.KEYS_DIR,
    secretsDir: c.SECRETS_DIR,
    webappRedirectUris: redirects,
    demoUser: { username: c.DEMO_USERNAME, password: c.DEMO_PASSWORD },
    keyRotation: !production && c.KEY_ROTATION !== 'disabled',
  };
}
